package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestGuessingLinksIsBlocked: after 20 unknown links a client gets 429 for
// unknown links, also with a forged X-Forwarded-For; its valid links still
// lead to their forms (GET) and take answers (POST), and opening valid
// links never counts against a client.
func TestGuessingLinksIsBlocked(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	do := func(method, path, forwarded string, form url.Values) int {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(form.Encode()))
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	valid := s.Links[s.Participants[1]]
	for i := range 30 {
		if code := do("GET", valid, "", nil); code != 200 {
			t.Fatalf("valid link, visit %d: got %d, want 200", i+1, code)
		}
	}
	for i := range 20 {
		if code := do("GET", "/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", nil); code != 404 {
			t.Fatalf("unknown link %d: got %d, want 404 (valid links must not count)", i+1, code)
		}
	}
	tests := []struct {
		name, method, path, forwarded string
		form                          url.Values
		want                          int
	}{
		{"21st unknown link", "GET", "/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", nil, 429},
		{"malformed link", "GET", "/s/abc", "", nil, 429},
		{"unknown link with a forged X-Forwarded-For", "GET", "/s/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "203.0.113.9", nil, 429},
		{"unknown link posted", "POST", "/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", menteeAnswers("4"), 429},
		{"own link", "GET", s.Links[s.Participants[0]], "", nil, 200},
		{"own link answered", "POST", s.Links[s.Participants[0]], "", menteeAnswers("4"), 303},
		{"own thank-you page", "GET", s.Links[s.Participants[0]] + "/thanks", "", nil, 200},
		{"own link again", "POST", s.Links[s.Participants[0]], "", menteeAnswers("4"), 409},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code := do(tc.method, tc.path, tc.forwarded, tc.form); code != tc.want {
				t.Errorf("got %d, want %d", code, tc.want)
			}
		})
	}
	if got := ts.counts()["submitted"]; got != 1 {
		t.Errorf("got %d answered links, want 1: the blocked client's own answer", got)
	}
}
