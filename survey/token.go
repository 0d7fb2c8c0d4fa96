package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

var enc = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewToken returns a fresh invitation token: 160 random bits, written in
// lower-case base32 (32 characters) so that it reads well in a link.
func NewToken() string {
	b := make([]byte, 20)
	rand.Read(b) // never fails (crypto/rand documents it)
	return strings.ToLower(enc.EncodeToString(b))
}

// NewID returns a fresh random identifier (80 bits, 16 characters).
func NewID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return strings.ToLower(enc.EncodeToString(b))
}

// WellFormedToken reports whether s could be a token from NewToken, so that
// a malformed link is refused before any lookup.
func WellFormedToken(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// HashToken returns the SHA-256 of a token, the only form in which tokens are
// stored.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// RespondentKey derives the pseudonymous key that links a participant's
// responses across phases in confidential mode. It is an HMAC of the
// participant ID under the server key, which is kept outside the database,
// so the key reveals nothing and cannot be recomputed from the database or
// a backup.
func RespondentKey(secret []byte, participantID string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(participantID))
	return hex.EncodeToString(m.Sum(nil)[:16])
}
