package web

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/api"
)

// EraseParticipant answers DELETE /participants/{id}: it removes a
// participant for data protection; their answers follow the program's
// erasure policy.
func (a *API) EraseParticipant(c *gin.Context) {
	e, err := a.Store.EraseParticipant(c, c.Param("id"))
	api.Respond(c, e, err)
}

// Backup answers GET /backup: a consistent copy of the database as a
// DuckDB file, streamed.
func (a *API) Backup(c *gin.Context) {
	name := "tandem-" + a.Now().UTC().Format("20060102-150405") + ".duckdb"
	c.Header("Content-Type", "application/octet-stream")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	if _, err := a.Store.Backup(c, c.Writer); err != nil {
		if !c.Writer.Written() {
			c.Header("Content-Disposition", "")
			api.JSONError(c, err)
			return
		}
		// Mid-stream the status is gone: the client sees a short body, and
		// "tandem backup" checks that what it got opens as a database.
		slog.ErrorContext(c, "backup", "err", err)
		c.Abort()
	}
}
