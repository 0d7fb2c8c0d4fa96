package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// requireBearer lets a request through when its Authorization header is
// exactly "Bearer", one space and a token whose SHA-256 is one of hashes
// (nil hashes, for a token not configured, match nothing); otherwise it
// answers 401 with WWW-Authenticate: Bearer. Only hashes are held, and
// every one of them is compared in constant time, so the time taken says
// neither how much of a token was right nor which token matched.
func requireBearer(realm string, hashes ...[]byte) gin.HandlerFunc {
	challenge := `Bearer realm="` + realm + `"`
	return func(c *gin.Context) {
		if !bearerMatches(c.Request.Header.Values("Authorization"), hashes) {
			c.Header("WWW-Authenticate", challenge)
			c.Header("Cache-Control", "no-store")
			c.String(http.StatusUnauthorized, "a valid bearer token is required: Authorization: Bearer <token>\n")
			c.Abort()
			return
		}
		c.Next()
	}
}

// bearerMatches says whether the one Authorization header given is
// "Bearer <token>" with a token that hashes to one of hashes. A second
// header, another scheme or its spelling ("bearer"), more or fewer spaces,
// or anything after the token make it fail.
func bearerMatches(headers []string, hashes [][]byte) bool {
	if len(headers) != 1 {
		return false
	}
	tok, ok := strings.CutPrefix(headers[0], "Bearer ")
	if !ok || tok == "" || strings.ContainsAny(tok, " \t") {
		return false
	}
	sum := sha256.Sum256([]byte(tok))
	match := 0
	for _, h := range hashes {
		if len(h) == len(sum) {
			match |= subtle.ConstantTimeCompare(sum[:], h)
		}
	}
	return match == 1
}

// metricsTokenHash is the SHA-256 of the metrics token, kept in memory
// only; nil without one.
func metricsTokenHash(token string) []byte {
	if token == "" {
		return nil
	}
	h := sha256.Sum256([]byte(token))
	return h[:]
}
