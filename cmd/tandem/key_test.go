package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// envOf is a getenv over a map.
func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// serveInProcess runs serve with args until the test ends (or stop is
// called) and returns its base URL.
func serveInProcess(t *testing.T, args []string, env map[string]string) (string, func()) {
	t.Helper()
	cfg, err := parseServe(append(args, "--addr", "127.0.0.1:0"), io.Discard, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- serve(ctx, cfg, io.Discard, slog.New(slog.DiscardHandler), ready) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	select {
	case addr := <-ready:
		return "http://" + addr, stop
	case err := <-done:
		stopped = true
		cancel()
		t.Fatalf("serve: %v", err)
	}
	return "", stop
}

// legacyDB makes a database as an earlier version left it: the pseudonym
// secret in the settings table, and a confidential kick-off whose three
// responses carry keys made with it. It returns the secret and the IDs of
// the participants.
func legacyDB(t *testing.T, path string) ([]byte, []string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path) // for maintenance: no key
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, _ := st.CreateProgram(ctx, survey.Program{Name: "Alt", Language: "de", Threshold: 3, Mode: survey.ModeConfidential})
	c, _ := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Eins", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	ids, err := st.AddParticipants(ctx, c.ID, []survey.ParticipantInput{
		{Name: "A", Email: "a@example.com", Role: "mentor"}, {Name: "B", Email: "b@example.com", Role: "mentor"},
		{Name: "C", Email: "c@example.com", Role: "mentee"}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	sv, _ := st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseKickoff, OpensAt: now.Add(-48 * time.Hour), ClosesAt: now.Add(-24 * time.Hour)})
	secret, _ := hex.DecodeString(store.NewKey().Hex())
	if _, err := st.DB().Exec(`INSERT INTO settings VALUES ('pseudonym_secret', ?)`, secret); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, err := st.DB().Exec(`INSERT INTO responses VALUES (?, ?, ?, 'kickoff', ?, 'mentor', '', '', '', 'de', ?)`,
			survey.NewID(), sv.ID, c.ID, survey.RespondentKey(secret, id), now.Add(-36*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return secret, ids
}

// TestKeyFileMadePrivate: the first start makes tandem.key beside the
// database, mode 0600, holding a key; a restart keeps it.
func TestKeyFileMadePrivate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "tandem.duckdb")
	_, stop := serveInProcess(t, []string{"--db", db}, map[string]string{"TANDEM_ADMIN_TOKEN": testToken})
	stop()
	path := filepath.Join(filepath.Dir(db), "tandem.key")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("key file mode %04o, want 0600", got)
	}
	first, _ := os.ReadFile(path)
	if _, err := store.ParseKey(string(first)); err != nil {
		t.Errorf("the key file does not hold a key: %v", err)
	}
	_, stop = serveInProcess(t, []string{"--db", db}, map[string]string{"TANDEM_ADMIN_TOKEN": testToken})
	stop()
	if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
		t.Errorf("a restart changed the key file")
	}
}

// TestStartRefusesBadKeys: a malformed or group-readable key file, a bad
// TANDEM_SECRET_KEY, and a key that differs from an earlier version's
// secret in the database are refused with a message that says what to do,
// and change nothing.
func TestStartRefusesBadKeys(t *testing.T) {
	good := store.NewKey().Hex()
	tests := []struct {
		name     string
		keyFile  string // content of tandem.key, if any
		mode     os.FileMode
		env      map[string]string
		legacy   bool
		code     int
		want     string
		noDBFile bool // refused before the database is touched
	}{
		{"malformed key file", "not a key\n", 0o600, nil, false, 1, "is malformed", true},
		{"short key file", good[:40], 0o600, nil, false, 1, "is malformed", true},
		{"group-readable key file", good, 0o640, nil, false, 1, "chmod 600", true},
		{"world-readable key file", good, 0o604, nil, false, 1, "chmod 600", true},
		{"malformed TANDEM_SECRET_KEY", "", 0, map[string]string{"TANDEM_SECRET_KEY": "xyz"}, false, 2, "TANDEM_SECRET_KEY", true},
		{"key in both places", "", 0, map[string]string{"TANDEM_SECRET_KEY": good, "TANDEM_KEY_FILE": "/tmp/k"}, false, 2, "not both", true},
		{"key file differs from the database's secret", good, 0o600, nil, true, 1, "move that key file away", false},
		{"TANDEM_SECRET_KEY differs from the database's secret", "", 0, map[string]string{"TANDEM_SECRET_KEY": good}, true, 1, "Unset TANDEM_SECRET_KEY", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "tandem.duckdb")
			var secret []byte
			if tc.legacy {
				secret, _ = legacyDB(t, db)
			}
			keyPath := filepath.Join(dir, "tandem.key")
			if tc.keyFile != "" {
				if err := os.WriteFile(keyPath, []byte(tc.keyFile), tc.mode); err != nil {
					t.Fatal(err)
				}
				os.Chmod(keyPath, tc.mode)
			}
			env := map[string]string{"TANDEM_ADMIN_TOKEN": testToken}
			for k, v := range tc.env {
				env[k] = v
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, &stdout, &stderr, envOf(env))
			if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("got exit %d and %q, want %d and %q", code, stderr.String(), tc.code, tc.want)
			}
			if _, err := os.Stat(db); tc.noDBFile && err == nil {
				t.Errorf("the database was created although the start was refused")
			}
			if tc.keyFile != "" {
				if got, _ := os.ReadFile(keyPath); string(got) != tc.keyFile {
					t.Errorf("the refused start changed the key file")
				}
			} else if _, err := os.Stat(keyPath); err == nil {
				t.Errorf("the refused start made a key file")
			}
			if tc.legacy {
				checkLegacySecret(t, db, secret)
			}
		})
	}
}

// checkLegacySecret checks that the database still holds secret.
func checkLegacySecret(t *testing.T, db string, secret []byte) {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var got []byte
	st.DB().QueryRow(`SELECT value FROM settings WHERE key = 'pseudonym_secret'`).Scan(&got)
	if !bytes.Equal(got, secret) {
		t.Errorf("the refused start changed the database's secret")
	}
}

// TestLegacySecretBecomesKeyFile: on the first start of this version the
// database's secret moves to the key file, respondent keys stay the same,
// and neither the database's row nor a backup made by "tandem backup"
// holds it any more.
func TestLegacySecretBecomesKeyFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tandem.duckdb")
	secret, ids := legacyDB(t, db)
	p := startBinary(t, db)
	out := filepath.Join(t.TempDir(), "backup.duckdb")
	cmd := exec.Command(tandemBinary(t), "backup", "--out", out, "--url", p.url)
	cmd.Env = append(os.Environ(), "TANDEM_ADMIN_TOKEN="+testToken)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tandem backup: %v: %s", err, msg)
	}
	p.cmd.Process.Kill()
	<-p.done
	keyText, err := os.ReadFile(filepath.Join(dir, "tandem.key"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(keyText)); got != hex.EncodeToString(secret) {
		t.Errorf("the key file holds %s, want the database's secret", got)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, secret) || bytes.Contains(raw, []byte(hex.EncodeToString(secret))) {
		t.Errorf("the backup holds the pseudonym secret")
	}
	cfg := Config{DB: db}
	cfg.parseKey("")
	key, err := configuredKey(cfg)
	if err != nil || key == nil {
		t.Fatalf("read the key file: %v", err)
	}
	st, err := store.Open(context.Background(), db, store.WithKey(*key))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range ids {
		if got, want := st.RespondentKey(id), survey.RespondentKey(secret, id); got != want {
			t.Errorf("participant %s: respondent key %s, want %s as before", id, got, want)
		}
	}
	var n int
	st.DB().QueryRow(`SELECT count(*) FROM settings WHERE key = 'pseudonym_secret'`).Scan(&n)
	if n != 0 {
		t.Errorf("the database still holds the secret")
	}
}

// TestStartReleasesClosedSurveys: responses of an anonymous survey that
// closed while the server was down are released when it starts.
func TestStartReleasesClosedSurveys(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tandem.duckdb")
	cfg := Config{DB: db}
	cfg.parseKey("")
	st, err := store.Open(context.Background(), db, store.WithKeySource(keySource(cfg, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, _ := st.CreateProgram(ctx, survey.Program{Name: "Anonym", Language: "de", Threshold: 5, Mode: survey.ModeAnonymous})
	c, _ := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Eins", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	st.AddParticipants(ctx, c.ID, []survey.ParticipantInput{{Name: "A", Email: "a@example.com", Role: "mentor"},
		{Name: "B", Email: "b@example.com", Role: "mentor"}, {Name: "C", Email: "c@example.com", Role: "mentee"}})
	now := time.Now().UTC()
	sv, _ := st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-2 * time.Hour), ClosesAt: now.Add(-time.Hour)})
	invs, _ := st.InviteAt(ctx, sv.ID, now.Add(-2*time.Hour))
	for _, inv := range invs {
		f, _ := st.FormByToken(ctx, inv.Token)
		if err := st.SubmitAt(ctx, f, "de", nil, now.Add(-90*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	base, _ := serveInProcess(t, []string{"--db", db}, map[string]string{"TANDEM_ADMIN_TOKEN": testToken})
	var got struct{ Submitted, Responses, Pending int }
	remoteServer(t, base).mustAPI(200, "GET", "/api/v1/surveys/"+sv.ID, nil, &got)
	if got.Submitted != 3 || got.Responses != 3 || got.Pending != 0 {
		t.Errorf("after the start got submitted/responses/pending %d/%d/%d, want 3/3/0", got.Submitted, got.Responses, got.Pending)
	}
}

// TestStartRefusesWrongKeyForSealed: a key that does not open the sealed
// responses waiting in the database (a replaced key file) is refused at
// start, and the right one is accepted.
func TestStartRefusesWrongKeyForSealed(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "tandem.duckdb")
	sealer := store.NewKey()
	st, err := store.Open(ctx, db, store.WithKey(sealer))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.CreateProgram(ctx, survey.Program{Name: "Anonym", Language: "de", Threshold: 5, Mode: survey.ModeAnonymous})
	c, _ := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Eins", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	st.AddParticipants(ctx, c.ID, []survey.ParticipantInput{{Name: "A", Email: "a@example.com", Role: "mentor"}})
	now := time.Now().UTC()
	sv, _ := st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)})
	invs, _ := st.Invite(ctx, sv.ID)
	f, _ := st.FormByToken(ctx, invs[0].Token)
	if err := st.Submit(ctx, f, "de", nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	env := map[string]string{"TANDEM_ADMIN_TOKEN": testToken, "TANDEM_SECRET_KEY": store.NewKey().Hex()}
	var stderr bytes.Buffer
	code := run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, io.Discard, &stderr, envOf(env))
	if code != 1 || !strings.Contains(stderr.String(), "restore the key file") {
		t.Errorf("another key: got exit %d and %q, want 1 and what to do", code, stderr.String())
	}
	env["TANDEM_SECRET_KEY"] = sealer.Hex()
	base, _ := serveInProcess(t, []string{"--db", db}, env)
	var got struct{ Submitted, Pending int }
	remoteServer(t, base).mustAPI(200, "GET", "/api/v1/surveys/"+sv.ID, nil, &got)
	if got.Submitted != 1 || got.Pending != 1 {
		t.Errorf("with the right key got submitted/pending %d/%d, want 1/1", got.Submitted, got.Pending)
	}
}

// TestMaintenanceCommandsKeepTheKey: "tandem admin-token" and "tandem user
// add" open the database without the key and write no secret into it, so
// the server starts again with its key file afterwards.
func TestMaintenanceCommandsKeepTheKey(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tandem.duckdb")
	_, stop := serveInProcess(t, []string{"--db", db}, map[string]string{"TANDEM_ADMIN_TOKEN": testToken})
	stop()
	keyPath := filepath.Join(filepath.Dir(db), "tandem.key")
	before, _ := os.ReadFile(keyPath)
	env := envOf(nil)
	var out, errb bytes.Buffer
	if code := adminTokenCmd(context.Background(), []string{"--db", db}, &out, &errb, env); code != 0 {
		t.Fatalf("admin-token: exit %d: %s", code, errb.String())
	}
	if code := userCmd(context.Background(), []string{"add", "--db", db, "--email", "hr@example.com", "--role", "admin"},
		strings.NewReader(""), &out, &errb, env); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errb.String())
	}
	base, _ := serveInProcess(t, []string{"--db", db}, map[string]string{"TANDEM_ADMIN_TOKEN": testToken})
	remoteServer(t, base).mustAPI(200, "GET", "/api/v1/programs", nil, nil)
	if after, _ := os.ReadFile(keyPath); !bytes.Equal(after, before) {
		t.Errorf("the key file changed")
	}
}
