package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestInvalidUTF8InPathIs404: every route with a parameter (an ID, a
// token) answers a value that is not UTF-8 with 404 in its surface's
// manner (error JSON under /api/, the HR pages' not-found page, the
// participants' unknown-link page), never a 500, and changes nothing.
func TestInvalidUTF8InPathIs404(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	hr := ts.admin(t)
	before := ts.counts()
	r, err := newRouter(routerDeps{store: ts.store, now: time.Now, log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	routes := 0
	for _, rt := range r.Routes() {
		if !strings.Contains(rt.Path, "/:") {
			continue
		}
		routes++
		for _, bad := range []string{"%ff", "%C3%28", "ok%80"} {
			path := rt.Path
			for _, seg := range strings.Split(rt.Path, "/") {
				if strings.HasPrefix(seg, ":") {
					path = strings.Replace(path, seg, bad, 1)
				}
			}
			t.Run(rt.Method+" "+path, func(t *testing.T) {
				req, _ := http.NewRequest(rt.Method, ts.URL+path, strings.NewReader("{}"))
				req.Header.Set("Authorization", "Bearer "+testToken)
				req.Header.Set("Content-Type", "application/json")
				res, body := hr.do(req)
				if res.StatusCode != http.StatusNotFound {
					t.Fatalf("got %d, want 404: %.300s", res.StatusCode, body)
				}
				var e struct{ Error string }
				switch {
				case strings.HasPrefix(path, "/api/"):
					if json.Unmarshal(body, &e) != nil || e.Error == "" {
						t.Errorf("got %.300s, want the error JSON", body)
					}
				case strings.HasPrefix(path, "/hr/"):
					if !strings.Contains(string(body), "<h1>Not found</h1>") || !strings.Contains(string(body), "admin@example.com") {
						t.Errorf("got %.3000s, want the HR not-found page of the signed-in admin", body)
					}
				case strings.HasPrefix(path, "/s/"):
					if !strings.Contains(string(body), "Link not found") {
						t.Errorf("got %.3000s, want the unknown-link page", body)
					}
				}
			})
		}
	}
	if routes < 40 {
		t.Errorf("checked %d routes with parameters, want them all (at least 40)", routes)
	}
	if res, _ := ts.hrClient(t).get("/hr/cohorts/%C3%28"); res.StatusCode != http.StatusNotFound {
		t.Errorf("signed out: got %d, want 404", res.StatusCode)
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("requests with bad IDs changed the store: before %v, after %v", before, after)
	}
}

// TestInvalidUTF8InHRFormsIs400: the HR pages' forms refuse a value that
// is not UTF-8 (which no browser sends) with 400 before any handler, where
// an ID in a form would otherwise fail in the database with a 500.
func TestInvalidUTF8InHRFormsIs400(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	admin := ts.admin(t)
	before := ts.counts()
	tests := []struct {
		name, path string
		form       url.Values
		signedIn   bool
	}{
		{"tandem member", "/hr/cohorts/" + s.CohortID + "/tandems", url.Values{"member": {"\xff", s.Participants[0]}}, true},
		{"program member", "/hr/programs/" + s.ProgramID + "/members", url.Values{"account": {"\xc3\x28"}}, true},
		{"program member removed", "/hr/programs/" + s.ProgramID + "/members/remove", url.Values{"account": {"\xff"}}, true},
		{"sign-in e-mail", "/hr/signin", url.Values{"email": {"\xff@example.com"}, "password": {"a long enough password"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := admin
			if !tc.signedIn {
				c = ts.hrClient(t)
			}
			if res, body := c.post(tc.path, tc.form); res.StatusCode != http.StatusBadRequest {
				t.Errorf("got %d, want 400: %.300s", res.StatusCode, body)
			}
		})
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("refused forms changed the store: before %v, after %v", before, after)
	}
}
