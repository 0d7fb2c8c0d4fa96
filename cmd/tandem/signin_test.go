package main

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrongPasswordsElsewhereDoNotLockOut: behind a trusted proxy that
// names each client, wrong passwords for an account from address A do
// not stop the right password from address B, while A stays throttled
// for that account; and an address failing across many accounts is
// throttled for all of them.
func TestWrongPasswordsElsewhereDoNotLockOut(t *testing.T) {
	ts := startTestServer(t, filepath.Join(t.TempDir(), "tandem.duckdb"), func(d *routerDeps) {
		d.trustedProxies = []string{"127.0.0.1", "::1"}
	})
	ts.admin(t) // the first account: admin@example.com
	signIn := func(from, email, password string) int {
		t.Helper()
		c := ts.hrClient(t)
		c.get("/hr/signin")
		form := url.Values{"email": {email}, "password": {password}, "csrf": {c.csrf}}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/hr/signin", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", from)
		res, _ := c.do(req)
		return res.StatusCode
	}
	const a, b, c = "198.51.100.7", "203.0.113.20", "192.0.2.55"
	for i := range 5 {
		if got := signIn(a, "admin@example.com", "wrong password!"); got != http.StatusUnauthorized {
			t.Fatalf("wrong password %d from A: got %d, want 401", i+1, got)
		}
	}
	for i := range 20 {
		signIn(c, "nobody"+string(rune('a'+i))+"@example.com", "wrong password!")
	}
	tests := []struct {
		name, from string
		want       int
	}{
		{"right password from B", b, http.StatusSeeOther},
		{"right password from A", a, http.StatusTooManyRequests},
		{"right password from an address that failed 20 times", c, http.StatusTooManyRequests},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := signIn(tc.from, "admin@example.com", "a long enough password"); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}
