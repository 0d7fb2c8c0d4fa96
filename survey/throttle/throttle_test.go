package throttle

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	l := NewLimiter(3, 10*time.Second, func() time.Time { return now })
	for i := range 3 {
		if l.Blocked("a") {
			t.Fatalf("blocked after %d failures, want 3 allowed", i)
		}
		l.Fail("a")
	}
	if !l.Blocked("a") {
		t.Fatalf("not blocked after 3 failures")
	}
	if l.Blocked("b") {
		t.Errorf("another client is blocked")
	}
	now = now.Add(10 * time.Second)
	if l.Blocked("a") {
		t.Errorf("still blocked after one interval drained a failure")
	}
	l.Fail("a")
	if !l.Blocked("a") {
		t.Errorf("not blocked again after a further failure")
	}
	now = now.Add(time.Hour)
	l.Fail("c")
	if _, kept := l.clients["a"]; kept {
		t.Errorf("a drained client is still remembered")
	}
}
