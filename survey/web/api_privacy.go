package web

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// eraseParticipant removes a participant for data protection; their answers
// follow the program's erasure policy.
func (a *API) eraseParticipant(c *gin.Context) {
	e, err := a.Store.EraseParticipant(c, c.Param("id"))
	respond(c, e, err)
}

// backup streams a consistent copy of the database as a DuckDB file.
func (a *API) backup(c *gin.Context) {
	name := "tandem-" + a.Now().UTC().Format("20060102-150405") + ".duckdb"
	c.Header("Content-Type", "application/octet-stream")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	if _, err := a.Store.Backup(c, c.Writer); err != nil {
		if !c.Writer.Written() {
			c.Header("Content-Disposition", "")
			JSONError(c, err)
			return
		}
		// Mid-stream the status is gone: the client sees a short body, and
		// "tandem backup" checks that what it got opens as a database.
		slog.ErrorContext(c, "backup", "err", err)
		c.Abort()
	}
}
