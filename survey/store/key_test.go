package store_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

func TestParseKey(t *testing.T) {
	raw := bytes.Repeat([]byte{0xab, 0x01}, 16)
	tests := []struct {
		name, text string
		ok         bool
	}{
		{"hex", hex.EncodeToString(raw), true},
		{"hex with a newline", hex.EncodeToString(raw) + "\n", true},
		{"base64", base64.StdEncoding.EncodeToString(raw), true},
		{"base64 unpadded", base64.RawStdEncoding.EncodeToString(raw), true},
		{"base64 URL", base64.URLEncoding.EncodeToString(raw), true},
		{"empty", "", false},
		{"31 bytes", hex.EncodeToString(raw[:31]), false},
		{"33 bytes", base64.StdEncoding.EncodeToString(append(raw, 1)), false},
		{"words", "correct horse battery staple", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := store.ParseKey(tc.text)
			if (err == nil) != tc.ok {
				t.Fatalf("got %v, want ok=%v", err, tc.ok)
			}
			if tc.ok && k.Hex() != hex.EncodeToString(raw) {
				t.Errorf("got key %s, want %x", k.Hex(), raw)
			}
		})
	}
	if k := store.NewKey(); strings.Contains(fmt.Sprint(k), k.Hex()) {
		t.Errorf("a key prints as %v, want it hidden", k)
	}
}

// legacyDatabase makes a database as an earlier version left it: the
// pseudonym secret in the settings table, and a confidential final survey
// of three people whose responses carry keys made with that secret. It
// returns the path, the secret and the survey.
func legacyDatabase(t *testing.T) (string, []byte, survey.Survey) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tandem.duckdb")
	s, err := store.Open(ctx, path) // for maintenance: writes no key anywhere
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sv, ids := cohortFixture(t, s, survey.ModeConfidential)
	secret := store.NewKey()
	legacy, _ := hex.DecodeString(secret.Hex())
	if _, err := s.DB().Exec(`INSERT INTO settings VALUES ('pseudonym_secret', ?)`, legacy); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		_, err := s.DB().Exec(`INSERT INTO responses VALUES (?, ?, ?, 'final', ?, 'mentor', '', '', '', 'de', ?)`,
			survey.NewID(), sv.ID, sv.CohortID, survey.RespondentKey(legacy, id), time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
	}
	return path, legacy, sv
}

// linkBySecret is the attack on a database file that holds the pseudonym
// secret: compute every participant's key and count the responses it
// names.
func linkBySecret(t *testing.T, path string) int {
	t.Helper()
	db := openFile(t, path)
	defer db.Close()
	var secret []byte
	if err := db.QueryRow(`SELECT value FROM settings WHERE key = 'pseudonym_secret'`).Scan(&secret); err != nil {
		return 0
	}
	rows, err := db.Query(`SELECT id FROM participants`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	linked := 0
	for _, id := range ids {
		var n int
		db.QueryRow(`SELECT count(*) FROM responses WHERE respondent_key = ?`, survey.RespondentKey(secret, id)).Scan(&n)
		linked += n
	}
	return linked
}

// TestLegacySecretMovesOut: an earlier version's secret becomes the key
// (so that respondent keys stay the same) and leaves the database; the
// attack that names respondents from the secret in the file links all
// three responses before and none after, and a backup does not hold it.
func TestLegacySecretMovesOut(t *testing.T) {
	ctx := context.Background()
	path, legacy, sv := legacyDatabase(t)
	if got := linkBySecret(t, path); got != 3 {
		t.Fatalf("before: the attack linked %d responses, want 3", got)
	}
	if !backupHolds(t, path, legacy) {
		t.Fatalf("before: a backup does not show the secret; the check below would prove nothing")
	}
	var offered []byte
	s, err := store.Open(ctx, path, store.WithKeySource(func(l []byte) (store.Key, error) {
		offered = l
		return store.KeyFromBytes(l)
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(offered, legacy) {
		t.Fatalf("the key source was offered %x, want the database's secret", offered)
	}
	invs, _ := s.Invite(ctx, sv.ID)
	f, _ := s.FormByToken(ctx, invs[0].Token)
	if err := s.Submit(ctx, f, "de", nil); err != nil {
		t.Fatal(err)
	}
	if want := survey.RespondentKey(legacy, invs[0].ParticipantID); s.RespondentKey(invs[0].ParticipantID) != want {
		t.Errorf("respondent key changed: got %s, want %s", s.RespondentKey(invs[0].ParticipantID), want)
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM responses WHERE respondent_key = ?`, survey.RespondentKey(legacy, invs[0].ParticipantID)).Scan(&n)
	if n != 2 {
		t.Errorf("got %d responses under the participant's old key, want 2 (the old one and the new one)", n)
	}
	backup := backupFile(t, s)
	s.Close()
	if got := linkBySecret(t, path); got != 0 {
		t.Errorf("after: the attack linked %d responses, want 0", got)
	}
	if fileHolds(t, backup, legacy) {
		t.Errorf("the backup holds the pseudonym secret")
	}
}

// backupHolds reports whether a backup of the database at path, opened for
// maintenance, holds secret.
func backupHolds(t *testing.T, path string, secret []byte) bool {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return fileHolds(t, backupFile(t, s), secret)
}

// fileHolds reports whether the file's bytes hold secret, raw or in hex.
func fileHolds(t *testing.T, path string, secret []byte) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(raw, secret) || bytes.Contains(raw, []byte(hex.EncodeToString(secret)))
}

// TestLegacySecretConflict: a configured key that differs from the
// database's secret is refused, and nothing changes.
func TestLegacySecretConflict(t *testing.T) {
	ctx := context.Background()
	path, _, _ := legacyDatabase(t)
	if _, err := store.Open(ctx, path, store.WithKey(store.NewKey())); !errors.Is(err, store.ErrKeyConflict) {
		t.Fatalf("got %v, want ErrKeyConflict", err)
	}
	if got := linkBySecret(t, path); got != 3 {
		t.Errorf("after the refusal the secret names %d responses, want 3 (still in place)", got)
	}
}

// TestKeylessStore: a store opened for maintenance leaves an earlier
// version's secret alone and refuses submissions, storing nothing.
func TestKeylessStore(t *testing.T) {
	ctx := context.Background()
	path, _, sv := legacyDatabase(t)
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	invs, _ := s.Invite(ctx, sv.ID)
	f, _ := s.FormByToken(ctx, invs[0].Token)
	before, _ := s.Counts(ctx)
	if err := s.Submit(ctx, f, "de", nil); !errors.Is(err, store.ErrNoKey) {
		t.Errorf("submit without the key: got %v, want ErrNoKey", err)
	}
	if after, _ := s.Counts(ctx); after["responses"] != before["responses"] || after["submitted"] != before["submitted"] {
		t.Errorf("the refused submission changed %v to %v", before, after)
	}
	if _, err := s.EraseParticipant(ctx, invs[0].ParticipantID); !errors.Is(err, store.ErrNoKey) {
		t.Errorf("erase in a confidential program without the key: got %v, want ErrNoKey", err)
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM settings WHERE key = 'pseudonym_secret'`).Scan(&n)
	if n != 1 {
		t.Errorf("a maintenance open removed the secret of an earlier version")
	}
}
