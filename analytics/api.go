package analytics

import (
	"github.com/gin-gonic/gin"

	"tandem/api"
	"tandem/survey"
)

// API serves the results and summaries on the admin JSON API; its routes
// are listed in cmd/tandem's route table.
type API struct {
	Reader *Reader
}

// Results answers GET /surveys/{id}/results[?by=...].
func (a *API) Results(c *gin.Context) {
	api.NoStore(c)
	bys := c.QueryArray("by")
	by := ""
	switch {
	case len(bys) > 1:
		api.JSONError(c, survey.Invalid("the breakdown is not valid", survey.Fault("by", survey.RuleMultiple)))
		return
	case len(bys) == 1:
		by = bys[0]
	}
	r, err := a.Reader.Results(c, c.Param("id"), by)
	api.Respond(c, r, err)
}

// Summary answers GET /cohorts/{id}/summary. Results hold comments and
// small-group figures, so no cache may keep them.
func (a *API) Summary(c *gin.Context) {
	api.NoStore(c)
	s, err := a.Reader.CohortSummary(c, c.Param("id"))
	api.Respond(c, s, err)
}

// ProgramSummary answers GET /programs/{id}/summary.
func (a *API) ProgramSummary(c *gin.Context) {
	api.NoStore(c)
	s, err := a.Reader.ProgramSummary(c, c.Param("id"))
	api.Respond(c, s, err)
}
