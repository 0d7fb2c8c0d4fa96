package analytics

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/web"
)

// API serves the results and summaries on the admin JSON API.
type API struct {
	Reader *Reader
}

// Register adds the analytics routes to g, which must already require the
// admin token.
func (a *API) Register(g *gin.RouterGroup) {
	g.GET("/surveys/:id/results", a.results)
	g.GET("/cohorts/:id/summary", a.summary)
	g.GET("/programs/:id/summary", a.programSummary)
}

// results answers GET /surveys/{id}/results[?by=...].
func (a *API) results(c *gin.Context) {
	bys := c.QueryArray("by")
	by := ""
	switch {
	case len(bys) > 1:
		web.JSONError(c, survey.Invalid("the breakdown is not valid",
			survey.Fault("by", survey.RuleMultiple)))
		return
	case len(bys) == 1:
		by = bys[0]
	}
	r, err := a.Reader.Results(c, c.Param("id"), by)
	respond(c, r, err)
}

// summary answers GET /cohorts/{id}/summary.
func (a *API) summary(c *gin.Context) {
	s, err := a.Reader.CohortSummary(c, c.Param("id"))
	respond(c, s, err)
}

// programSummary answers GET /programs/{id}/summary.
func (a *API) programSummary(c *gin.Context) {
	s, err := a.Reader.ProgramSummary(c, c.Param("id"))
	respond(c, s, err)
}

// respond writes v, or err as the API's error JSON. Results hold comments
// and small-group figures, so no cache may keep them.
func respond(c *gin.Context, v any, err error) {
	c.Header("Cache-Control", "no-store")
	if err != nil {
		web.JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}
