package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestStaticFilesWithoutListings: the stylesheets are served; the folders
// they are in answer 404, never a listing of their files.
func TestStaticFilesWithoutListings(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		method, path string
		want         int
		contentType  string
	}{
		{"GET", "/static/app.css", 200, "text/css"},
		{"HEAD", "/static/app.css", 200, "text/css"},
		{"GET", "/hr/static/hr.css", 200, "text/css"},
		{"GET", "/static/", 404, ""},
		{"HEAD", "/static/", 404, ""},
		{"GET", "/static", 404, ""},
		{"GET", "/static/.", 404, ""},
		{"GET", "/static//", 404, ""},
		{"GET", "/static/%2e/", 404, ""},
		{"GET", "/static/nothing.css", 404, ""},
		{"GET", "/hr/static/", 404, ""},
		{"GET", "/hr/static", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
			res, err := http.DefaultClient.Do(req) // follows redirects, as a browser would
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.want {
				t.Errorf("got %d, want %d", res.StatusCode, tc.want)
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) {
				t.Errorf("got Content-Type %q, want %q", res.Header.Get("Content-Type"), tc.contentType)
			}
			for _, name := range []string{"app.css", "hr.css"} {
				// A listing links each file by its bare name.
				if strings.Contains(string(body), `href="`+name+`"`) {
					t.Errorf("the answer lists %s: %.300s", name, body)
				}
			}
		})
	}
}
