package main

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/survey/store"
)

func TestEraseParticipantAPI(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	who := s.Participants[0]
	if code, _, _ := ts.page("POST", s.Links[who], anyRoleAnswers()); code != 303 {
		t.Fatalf("submit: got %d", code)
	}
	var got map[string]int
	ts.mustAPI(200, "DELETE", "/api/v1/participants/"+who, nil, &got)
	if got["invitations_deleted"] != 1 || got["responses_unlinked"] != 1 {
		t.Errorf("got %v, want one invitation deleted and one response unlinked", got)
	}
	if code, _, _ := ts.page("GET", s.Links[who], nil); code != 404 {
		t.Errorf("the erased participant's link: got %d, want 404", code)
	}
	var people []struct{ ID, Name string }
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+s.CohortID+"/participants", nil, &people)
	for _, p := range people {
		if p.ID == who {
			t.Errorf("the erased participant is still listed")
		}
	}
	if code := ts.api("DELETE", "/api/v1/participants/"+who, nil, nil); code != 404 {
		t.Errorf("erasing again: got %d, want 404", code)
	}
}

// TestBackupCommand copies the database of a running binary with
// "tandem backup" and opens the copy.
func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	p := startBinary(t, filepath.Join(dir, "tandem.duckdb"))
	remote := remoteServer(t, p.url)
	now := time.Now().UTC()
	s := remote.setupCohort("anonymous", now.Add(-time.Hour), now.Add(time.Hour))
	remote.page("POST", s.Links[s.Participants[1]], anyRoleAnswers())
	out := filepath.Join(dir, "copy.duckdb")
	cmd := exec.Command(tandemBinary(t), "backup", "--out", out, "--url", p.url)
	cmd.Env = append(os.Environ(), "TANDEM_ADMIN_TOKEN="+testToken)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		t.Fatalf("tandem backup: %v: %s", err, buf.String())
	}
	// The backup does not carry the server key (kept beside the database).
	keyText, err := os.ReadFile(filepath.Join(dir, "tandem.key"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := store.ParseKey(string(keyText))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	keyBytes, _ := hex.DecodeString(key.Hex())
	if bytes.Contains(raw, keyBytes) || bytes.Contains(raw, []byte(key.Hex())) {
		t.Errorf("the backup holds the server key")
	}
	// The server still serves after the backup.
	if code := remote.api("GET", "/api/v1/surveys/"+s.SurveyID, nil, nil); code != http.StatusOK {
		t.Errorf("after the backup the server answers %d", code)
	}
	p.cmd.Process.Kill()
	<-p.done
	restored := startBinary(t, out)
	var sv struct{ Invited, Submitted int }
	remoteServer(t, restored.url).mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID, nil, &sv)
	if sv.Invited != 7 || sv.Submitted != 1 {
		t.Errorf("restored copy holds %d invited, %d submitted; want 7 and 1", sv.Invited, sv.Submitted)
	}
	bad := exec.Command(tandemBinary(t), "backup", "--out", filepath.Join(dir, "x.duckdb"), "--url", p.url)
	bad.Env = append(os.Environ(), "TANDEM_ADMIN_TOKEN="+testToken)
	if out, err := bad.CombinedOutput(); err == nil || !strings.Contains(string(out), "tandem backup:") {
		t.Errorf("backup from a stopped server: got %v, %s; want an error", err, out)
	}
}

// TestFilesArePrivate: started with umask 022, the binary creates the
// database's folders 0700 and the database and its write-ahead log 0600,
// and "tandem backup" writes its copy 0600.
func TestFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "tandem", "tandem.duckdb")
	p := startBinary(t, db)
	remote := remoteServer(t, p.url)
	now := time.Now().UTC()
	s := remote.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	remote.page("POST", s.Links[s.Participants[1]], anyRoleAnswers())
	out := filepath.Join(dir, "copy.duckdb")
	os.WriteFile(out+".partial", []byte("left over, readable by others"), 0o644)
	backup := umask022(tandemBinary(t), "backup", "--out", out, "--url", p.url)
	backup.Env = append(os.Environ(), "TANDEM_ADMIN_TOKEN="+testToken)
	if msg, err := backup.CombinedOutput(); err != nil {
		t.Fatalf("tandem backup: %v: %s", err, msg)
	}
	for _, f := range []struct {
		path string
		want os.FileMode
	}{
		{filepath.Join(dir, "data"), 0o700}, {filepath.Dir(db), 0o700},
		{db, 0o600}, {db + ".wal", 0o600}, {out, 0o600},
	} {
		info, err := os.Stat(f.path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if got := info.Mode().Perm(); got != f.want {
			t.Errorf("%s has mode %v, want %v", f.path, got, f.want)
		}
	}
}
