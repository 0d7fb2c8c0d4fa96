package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// RequireAdmin refuses requests without the admin bearer token. Only the
// token's SHA-256 is known to the service; comparing hashes in constant time
// leaks nothing of the token through timing.
func RequireAdmin(tokenHash []byte) gin.HandlerFunc {
	return func(c *gin.Context) {
		tok, ok := BearerToken(c.GetHeader("Authorization"))
		sum := sha256.Sum256([]byte(tok))
		if !ok || len(tokenHash) != len(sum) || subtle.ConstantTimeCompare(sum[:], tokenHash) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="tandem"`)
			JSONError(c, survey.Errorf(survey.EUnauthorized, "a valid admin bearer token is required"))
			return
		}
		c.Next()
	}
}

// BearerToken returns the token of an Authorization header value of
// exactly the form "Bearer <token>": the scheme in any case (RFC 6750),
// one space, and a token without spaces or control characters. Anything
// else, a second space or a trailing one included, carries no token: a
// credential is compared as sent, never tidied up first.
func BearerToken(header string) (string, bool) {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return "", false
	}
	for i := range len(tok) {
		if b := tok[i]; b <= ' ' || b == 0x7f {
			return "", false
		}
	}
	return tok, true
}
