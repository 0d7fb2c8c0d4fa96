package throttle

import (
	"sync"
	"time"
)

// Limiter counts failed attempts per client (an address, or an account and
// an address) and blocks a client that fails too often: guessing tokens or
// passwords becomes visibly pointless. Each client has a bucket that holds
// Burst failures and drains at one per Every.
type Limiter struct {
	Burst int
	Every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*bucket
	swept   time.Time
}

type bucket struct {
	level float64
	at    time.Time
}

// NewLimiter returns a Limiter that allows burst failures, then one more
// per every.
func NewLimiter(burst int, every time.Duration, now func() time.Time) *Limiter {
	return &Limiter{Burst: burst, Every: every, now: now, clients: map[string]*bucket{}}
}

// Blocked reports whether client has used up its failures.
func (l *Limiter) Blocked(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.drain(client)
	// A failure drains continuously, so "full" is within one failure of Burst.
	return b != nil && b.level > float64(l.Burst-1)
}

// Fail records a failed attempt of client.
func (l *Limiter) Fail(client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.drain(client)
	if b == nil {
		b = &bucket{at: l.now()}
		l.clients[client] = b
	}
	b.level++
	l.sweep()
}

// drain empties client's bucket by the time passed; the caller holds mu.
func (l *Limiter) drain(client string) *bucket {
	b := l.clients[client]
	if b == nil {
		return nil
	}
	now := l.now()
	b.level -= float64(now.Sub(b.at)) / float64(l.Every)
	b.at = now
	if b.level < 0 {
		b.level = 0
	}
	return b
}

// sweep forgets clients whose buckets have drained, at most once a minute,
// so that memory stays bounded.
func (l *Limiter) sweep() {
	now := l.now()
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for k, b := range l.clients {
		if b.level-float64(now.Sub(b.at))/float64(l.Every) <= 0 {
			delete(l.clients, k)
		}
	}
}
