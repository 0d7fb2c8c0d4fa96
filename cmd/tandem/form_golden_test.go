package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tandem/survey/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenNow is the clock of the golden pages: the final survey of the
// cohort is open at it.
var goldenNow = time.Date(2026, 6, 20, 9, 30, 0, 0, time.UTC)

// TestFormGolden compares the final form of a mentee, as GET /s/{token}
// serves it through the router in German (the program's language) and in
// English, with testdata/form-final-mentee.{de,en}.html. The scenario is
// fixed (setupCohort at a fixed clock, the built-in catalog); the link's
// token, the one thing that differs between runs, is replaced by {token}.
func TestFormGolden(t *testing.T) {
	now := func() time.Time { return goldenNow }
	ts := startTestServerWith(t, filepath.Join(t.TempDir(), "tandem.duckdb"), []store.Option{store.WithClock(now)},
		func(d *routerDeps) { d.now = now })
	s := ts.setupCohort("confidential", goldenNow.Add(-24*time.Hour), goldenNow.Add(7*24*time.Hour))
	link := s.Links[s.Participants[0]] // Jürgen Weiß, mentee
	token := strings.TrimPrefix(link, "/s/")
	for _, c := range []struct{ lang, query string }{{"de", ""}, {"en", "?lang=en"}} {
		t.Run(c.lang, func(t *testing.T) {
			code, body, _ := ts.page("GET", link+c.query, nil)
			if code != 200 {
				t.Fatalf("GET %s: got %d, want 200", c.query, code)
			}
			checkGolden(t, "form-final-mentee."+c.lang+".html", strings.ReplaceAll(body, token, "{token}"))
		})
	}
}

// checkGolden compares got with the golden file testdata/name and fails
// with a line diff and the command that rewrites the file; with -update
// it writes got to the file instead.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("rewrite %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/tandem -run '^%s$' -update writes it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from what the test got (-%s +got):\n%s"+
			"If the change is intended, rewrite the file: go test ./cmd/tandem -run '^%s$' -update",
			path, name, cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")), t.Name())
	}
}
