package exports

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update rewrites the golden files in testdata. The package's tests and
// its external tests (package exports_test) run in one binary, which can
// define the flag once: both use it through CheckGolden.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// CheckGolden compares got with the golden file testdata/name and fails
// the test with a line diff and the command that rewrites the file
// (go test ./exports -run <test> -update), which -update runs: it writes
// got to the file instead. It is exported for the external tests.
func CheckGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("rewrite %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./exports -run '^%s$' -update writes it)", err, t.Name())
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from what the test got (-%s +got):\n%s"+
			"If the change is intended, rewrite the file: go test ./exports -run '^%s$' -update",
			path, name, cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")), t.Name())
	}
}
