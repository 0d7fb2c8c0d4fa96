package main

import (
	"net/http"
	"testing"
	"time"
)

// TestGuessingLinksIsBlocked: after 20 unknown links a client gets 429,
// also for a valid link, and a forged X-Forwarded-For does not help.
func TestGuessingLinksIsBlocked(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	get := func(path, forwarded string) int {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for i := range 20 {
		if code := get("/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""); code != 404 {
			t.Fatalf("attempt %d: got %d, want 404", i+1, code)
		}
	}
	if code := get("/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""); code != 429 {
		t.Errorf("21st unknown link: got %d, want 429", code)
	}
	if code := get(s.Links[s.Participants[0]], "203.0.113.9"); code != 429 {
		t.Errorf("with a forged X-Forwarded-For: got %d, want 429", code)
	}
}
