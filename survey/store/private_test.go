//go:build unix

package store_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"tandem/survey"
	"tandem/survey/store"
)

// TestFilesArePrivate: in a process whose umask lets others read (as a
// login shell's usually does), the folders the store creates are 0700 and
// the database and its write-ahead log 0600, also the log written anew
// after a checkpoint.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	ctx := context.Background()
	top := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(top, "tandem", "tandem.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cohortFixture(t, s, survey.ModeConfidential)
	check := func(when string) {
		t.Helper()
		for _, f := range []struct {
			path string
			want fs.FileMode
		}{{top, 0o700}, {filepath.Dir(path), 0o700}, {path, 0o600}, {path + ".wal", 0o600}} {
			info, err := os.Stat(f.path)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got := info.Mode().Perm(); got != f.want {
				t.Errorf("%s: %s has mode %v, want %v", when, filepath.Base(f.path), got, f.want)
			}
		}
	}
	check("after the first writes")
	if _, err := s.DB().ExecContext(ctx, "CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProgram(ctx, survey.Program{Name: "RM 2027", Language: "en", Threshold: 5, Mode: survey.ModeAnonymous}); err != nil {
		t.Fatal(err)
	}
	check("after a checkpoint and another write")
}
