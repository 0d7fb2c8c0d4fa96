package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestAcceptLanguageOneBehaviour: the participant pages and the HR pages
// read the browser's preference the same way, q-values honoured, so that
// one browser sees both in one language.
func TestAcceptLanguageOneBehaviour(t *testing.T) {
	ts := newTestServer(t)
	pages := map[string]string{
		"participant page": "/s/" + strings.Repeat("a", 32), // a link that leads nowhere
		"HR sign-in":       "/hr/signin",
	}
	tests := []struct{ header, want string }{
		{"de-DE,de;q=0.9,en;q=0.8", "de"},
		{"en;q=0.1, de", "de"},
		{"de;q=0.2, en-GB", "en"},
		{"fr, de;q=0.5", "de"},
		{"fr", "en"},
		{"", "en"},
	}
	for _, tc := range tests {
		for page, path := range pages {
			t.Run(page+" "+tc.header, func(t *testing.T) {
				req, _ := http.NewRequest("GET", ts.URL+path, nil)
				req.Header.Set("Accept-Language", tc.header)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				if want := `<html lang="` + tc.want + `">`; !strings.Contains(string(body), want) {
					t.Errorf("got %.120q, want %s", body, want)
				}
			})
		}
	}
}
