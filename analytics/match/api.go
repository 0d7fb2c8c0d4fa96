package match

import (
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/web"
)

// API serves the read side of matching on the admin JSON API: proposals
// and their outcome. Accepting a proposal is survey/web's MatchingAPI.
type API struct {
	DB      *sql.DB
	Catalog *survey.Catalog
	Keys    Keyer
}

// Register adds the routes to g, which must already require the admin
// token.
func (a *API) Register(g *gin.RouterGroup) {
	g.POST("/cohorts/:id/matching", a.propose)
	g.GET("/cohorts/:id/matching/outcome", a.outcome)
}

// propose answers POST /cohorts/{id}/matching. It is a POST because it
// takes a body; it changes nothing.
func (a *API) propose(c *gin.Context) {
	var req Request
	if err := web.BindJSON(c, &req); err != nil {
		web.JSONError(c, err)
		return
	}
	p, err := Suggest(c, a.DB, a.Keys, a.Catalog, c.Param("id"), req)
	respond(c, p, err)
}

// outcome answers GET /cohorts/{id}/matching/outcome.
func (a *API) outcome(c *gin.Context) {
	o, err := Outcome(c, a.DB, a.Keys, a.Catalog, c.Param("id"))
	respond(c, o, err)
}

// respond writes v, or err as the API's error JSON. Proposals name people
// and the topics they were matched on, so no cache may keep them.
func respond(c *gin.Context, v any, err error) {
	c.Header("Cache-Control", "no-store")
	if err != nil {
		web.JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}
