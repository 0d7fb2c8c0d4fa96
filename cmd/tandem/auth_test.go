package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestBearerHeaderExact: the admin API takes the token only as
// "Bearer <token>" (the scheme in any case); extra spaces, a tab or
// anything after the token are refused with 401, and refused requests
// change nothing.
func TestBearerHeaderExact(t *testing.T) {
	ts := newTestServer(t)
	before := ts.counts()
	tests := []struct {
		name, header string
		want         int
	}{
		{"exact", "Bearer " + testToken, http.StatusCreated},
		{"scheme in lower case", "bearer " + testToken, http.StatusCreated},
		{"two spaces", "Bearer  " + testToken, http.StatusUnauthorized},
		{"two spaces and a trailing one", "Bearer  " + testToken + " ", http.StatusUnauthorized},
		{"tab", "Bearer\t" + testToken, http.StatusUnauthorized},
		{"space inside", "Bearer " + testToken[:5] + " " + testToken[5:], http.StatusUnauthorized},
		{"something after", "Bearer " + testToken + " x", http.StatusUnauthorized},
		{"a second token", "Bearer " + testToken + ", Bearer " + testToken, http.StatusUnauthorized},
		{"no space", "Bearer" + testToken, http.StatusUnauthorized},
		{"other scheme", "Token " + testToken, http.StatusUnauthorized},
	}
	created := 0
	for _, tc := range tests {
		if tc.want == http.StatusCreated {
			created++
		}
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/programs", bytes.NewReader(mustJSON(map[string]any{"name": "RM " + tc.name})))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", tc.header)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("got %d, want %d", res.StatusCode, tc.want)
			}
		})
	}
	if got, want := ts.counts()["programs"], before["programs"]+created; got != want {
		t.Errorf("got %d programs, want %d: a refused request stored one", got, want)
	}
}

// TestAdminTokenWithSpacesRefused: a TANDEM_ADMIN_TOKEN that no exact
// Authorization header could carry stops the start with a clear message.
func TestAdminTokenWithSpacesRefused(t *testing.T) {
	for _, tc := range []struct {
		token string
		ok    bool
	}{
		{"a-good-token-0123456789", true},
		{"a token with spaces 0123", false},
		{"a-token-with-a-tab\t0123", false},
		{"a-token-ending-in-a-space ", false},
	} {
		env := func(k string) string {
			if k == "TANDEM_ADMIN_TOKEN" {
				return tc.token
			}
			return ""
		}
		_, err := parseServe(nil, io.Discard, env)
		if (err == nil) != tc.ok || err != nil && !strings.Contains(err.Error(), "TANDEM_ADMIN_TOKEN") {
			t.Errorf("%q: got %v, want accepted %v", tc.token, err, tc.ok)
		}
	}
}
