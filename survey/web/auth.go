package web

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
		h := c.GetHeader("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		if !ok || len(tokenHash) != len(sum) || subtle.ConstantTimeCompare(sum[:], tokenHash) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="tandem"`)
			JSONError(c, survey.Errorf(survey.EUnauthorized, "a valid admin bearer token is required"))
			return
		}
		c.Next()
	}
}
