package api

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// writePath is what a read-only package must not link: the store and its
// DuckDB driver, the participant pages and setup API, the binary.
var writePath = []string{"tandem/survey/store", "tandem/survey/web", "tandem/cmd/", "github.com/duckdb/"}

// linked returns what `go list -deps` says pkg links, of the import paths
// that start with one of forbidden.
func linked(t *testing.T, pkg string, forbidden []string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	var bad []string
	for dep := range strings.FieldsSeq(string(out)) {
		if slices.ContainsFunc(forbidden, func(f string) bool { return dep == f || strings.HasPrefix(dep, f) && strings.HasSuffix(f, "/") }) {
			bad = append(bad, dep)
		}
	}
	return bad
}

// TestLayers keeps imports flowing one way: the API's edge is a leaf, and
// the read-only packages that answer on the API (statistics, matching,
// exports) link neither the store nor the participant pages.
func TestLayers(t *testing.T) {
	leaf := append([]string{"tandem/analytics", "tandem/exports", "tandem/survey/programs", "tandem/survey/roster"}, writePath...)
	tests := []struct {
		pkg       string
		forbidden []string
	}{
		{"tandem/api", leaf},
		{"tandem/analytics", writePath},
		{"tandem/analytics/match", writePath},
		{"tandem/exports", writePath},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			if bad := linked(t, tc.pkg, tc.forbidden); len(bad) > 0 {
				t.Errorf("%s links %v, want none of %v", tc.pkg, bad, tc.forbidden)
			}
		})
	}
}

// TestLayersCheckSeesTheWritePath shows that the check above would fail:
// the packages that do write link what it forbids.
func TestLayersCheckSeesTheWritePath(t *testing.T) {
	for pkg, want := range map[string]string{
		"tandem/survey/web":             "tandem/survey/store",
		"tandem/cmd/tandem/internal/hr": "tandem/survey/web",
		"tandem/survey/store":           "github.com/duckdb/duckdb-go/v2",
	} {
		if bad := linked(t, pkg, writePath); !slices.Contains(bad, want) {
			t.Errorf("%s: the check found %v, want it to find %s", pkg, bad, want)
		}
	}
}
