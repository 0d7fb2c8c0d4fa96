package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"tandem/survey"
)

// KeySize is the length of the server key in bytes.
const KeySize = 32

// sealLabel names the purpose of the key that seals pending anonymous
// responses; the sealing key is the HMAC-SHA256 of it under the server key.
const sealLabel = "tandem/seal-pending-responses/v1"

// legacySecretKey is the settings row in which earlier versions kept the
// pseudonym secret inside the database.
const legacySecretKey = "pseudonym_secret"

// Key is the server key. It is kept outside the database, so that whoever
// holds the database file or a backup can neither compute a participant's
// respondent key nor read a sealed response. The key itself is the secret
// of the respondent keys (so that databases of earlier versions, whose
// secret becomes the key, keep their keys); the sealing key is derived
// from it.
type Key struct {
	b []byte
}

// NewKey returns a fresh random key.
func NewKey() Key {
	b := make([]byte, KeySize)
	rand.Read(b) // never fails (crypto/rand documents it)
	return Key{b: b}
}

// KeyFromBytes returns the key made of b, which must be KeySize bytes.
func KeyFromBytes(b []byte) (Key, error) {
	if len(b) != KeySize {
		return Key{}, fmt.Errorf("a key is %d bytes, got %d", KeySize, len(b))
	}
	return Key{b: append([]byte(nil), b...)}, nil
}

// ParseKey reads a key written as hex (64 digits) or base64 (standard or
// URL alphabet, padded or not) of KeySize bytes; surrounding white space
// is ignored.
func ParseKey(text string) (Key, error) {
	text = strings.TrimSpace(text)
	if b, err := hex.DecodeString(text); err == nil {
		return KeyFromBytes(b)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(text); err == nil {
			return KeyFromBytes(b)
		}
	}
	return Key{}, fmt.Errorf("a key is %d bytes written as hex (%d digits) or base64", KeySize, 2*KeySize)
}

// Hex writes the key as 64 hex digits, the form a key file holds.
func (k Key) Hex() string { return hex.EncodeToString(k.b) }

// String hides the key, so that printing a Key never reveals it.
func (k Key) String() string { return "store.Key(hidden)" }

func (k Key) pseudonymSecret() []byte { return k.b }

func (k Key) sealingKey() []byte {
	m := hmac.New(sha256.New, k.b)
	m.Write([]byte(sealLabel))
	return m.Sum(nil)
}

// WithKey opens the store with the server key k.
func WithKey(k Key) Option {
	return WithKeySource(func([]byte) (Key, error) { return k, nil })
}

// WithKeySource opens the store with the key that source returns. source
// is called once, after the migrations, with the pseudonym secret that an
// earlier version kept in the database (nil if there is none), so that it
// can adopt that secret as the key when none is configured yet. When a
// secret was found, Open then checks that the key equals it, refusing
// with ErrKeyConflict otherwise, and deletes it from the database.
//
// Without WithKey or WithKeySource the store opens for maintenance only
// (accounts, admin token, checking a backup): it leaves an earlier
// version's secret where it is, and refuses what needs the key
// (submissions, erasure in confidential programs, releasing anonymous
// responses) with ErrNoKey.
func WithKeySource(source func(legacy []byte) (Key, error)) Option {
	return func(s *Store) { s.keySource = source }
}

// ErrKeyConflict says the database still holds a pseudonym secret of an
// earlier version that differs from the configured key: using the key
// would change every respondent key and break the links between phases.
var ErrKeyConflict = errors.New("the database holds the pseudonym secret of an earlier version, and the configured key differs from it")

// ErrWrongKey says the key does not open the sealed responses waiting in
// the database: they were sealed under another key.
var ErrWrongKey = errors.New("the key does not open the sealed responses waiting in the database")

// ErrNoKey says the store was opened without the server key.
var ErrNoKey = errors.New("the store was opened without the server key")

// loadKey asks the key source for the key, moves an earlier version's
// secret out of the database, and checks that the key opens the sealed
// responses already waiting.
func (s *Store) loadKey(ctx context.Context) error {
	if s.keySource == nil {
		return nil
	}
	legacy, err := s.legacySecret(ctx)
	if err != nil {
		return err
	}
	key, err := s.keySource(legacy)
	if err != nil {
		return err
	}
	if len(key.b) != KeySize {
		return fmt.Errorf("server key: %w", ErrNoKey)
	}
	if legacy != nil {
		if !hmac.Equal(legacy, key.b) {
			return ErrKeyConflict
		}
		if err := s.dropLegacySecret(ctx); err != nil {
			return err
		}
	}
	s.key = &key
	return s.checkSealed(ctx)
}

func (s *Store) legacySecret(ctx context.Context) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", legacySecretKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the pseudonym secret of an earlier version: %w", err)
	}
	return v, nil
}

// dropLegacySecret deletes the secret from the database once the key file
// holds it, and checkpoints so that the write-ahead log no longer does.
func (s *Store) dropLegacySecret(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", legacySecretKey); err != nil {
		return fmt.Errorf("delete the pseudonym secret from the database: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint after deleting the pseudonym secret: %w", err)
	}
	return nil
}

// checkSealed opens one waiting sealed response, so that a replaced key
// is noticed at start and not when the responses are due.
func (s *Store) checkSealed(ctx context.Context) error {
	var surveyID string
	var sealed []byte
	err := s.db.QueryRowContext(ctx, "SELECT survey_id, sealed FROM pending_responses LIMIT 1").Scan(&surveyID, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check the sealed responses: %w", err)
	}
	if _, err := s.open(surveyID, sealed); err != nil {
		return fmt.Errorf("%w (%v)", ErrWrongKey, err)
	}
	return nil
}

// respondentKey is the pseudonymous key of a participant.
func (s *Store) respondentKey(participantID string) (string, error) {
	if s.key == nil {
		return "", ErrNoKey
	}
	return survey.RespondentKey(s.key.pseudonymSecret(), participantID), nil
}
