package match

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/api"
	"tandem/survey"
)

// Writer is what matching changes through the store: the organiser's
// exclusions and the tandems of an accepted proposal. survey/store
// implements it.
type Writer interface {
	Cohort(ctx context.Context, id string) (survey.Cohort, error)
	AddExclusions(ctx context.Context, cohortID string, pairs [][]string) ([]string, error)
	Exclusions(ctx context.Context, cohortID string) ([]survey.Exclusion, error)
	DeleteExclusion(ctx context.Context, cohortID, id string) error
	CreateTandems(ctx context.Context, cohortID string, tandems [][]string) ([]survey.Tandem, error)
}

// API serves matching on the admin JSON API: proposals and their outcome
// (read-only), the exclusions and accepting a proposal (through Store).
// Its routes are listed in cmd/tandem's route table.
type API struct {
	DB      *sql.DB
	Catalog *survey.Catalog
	Keys    Keyer
	Store   Writer
}

// Propose answers POST /cohorts/{id}/matching. It is a POST because it
// takes a body; it changes nothing. Proposals name people and the topics
// they were matched on, so no cache may keep them.
func (a *API) Propose(c *gin.Context) {
	api.NoStore(c)
	var req Request
	if err := api.BindJSON(c, &req); err != nil {
		api.JSONError(c, err)
		return
	}
	p, err := Suggest(c, a.DB, a.Keys, a.Catalog, c.Param("id"), req)
	api.Respond(c, p, err)
}

// Outcome answers GET /cohorts/{id}/matching/outcome.
func (a *API) Outcome(c *gin.Context) {
	api.NoStore(c)
	o, err := Outcome(c, a.DB, a.Keys, a.Catalog, c.Param("id"))
	api.Respond(c, o, err)
}

// ListExclusions answers GET /cohorts/{id}/exclusions.
func (a *API) ListExclusions(c *gin.Context) {
	es, err := a.Store.Exclusions(c, c.Param("id"))
	api.Respond(c, es, err)
}

// AddExclusions answers POST /cohorts/{id}/exclusions: pairs that must
// never form a tandem, all or none.
func (a *API) AddExclusions(c *gin.Context) {
	var in struct {
		Pairs [][]string `json:"pairs"`
	}
	if !api.BindUnder(c, a.Store.Cohort, &in) {
		return
	}
	ids, err := a.Store.AddExclusions(c, c.Param("id"), in.Pairs)
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"ids": ids})
}

// DeleteExclusion answers DELETE /cohorts/{id}/exclusions/{exclusion}.
func (a *API) DeleteExclusion(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		api.JSONError(c, err)
		return
	}
	if err := a.Store.DeleteExclusion(c, c.Param("id"), c.Param("exclusion")); err != nil {
		api.JSONError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// acceptRequest is a proposal as Propose returns it, possibly edited.
// Only the members of each tandem are read; the other fields of the
// proposal (topics, strengths, names) may be sent back as they are and are
// ignored.
type acceptRequest struct {
	Tandems []struct {
		Members []string `json:"members"`
	} `json:"tandems"`
}

// Accept answers POST /cohorts/{id}/matching/accept: it creates the
// tandems of a proposal, all or none.
func (a *API) Accept(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		api.JSONError(c, err)
		return
	}
	var in acceptRequest
	if err := api.BindLenient(c, &in); err != nil {
		api.JSONError(c, err)
		return
	}
	if in.Tandems == nil {
		api.JSONError(c, api.Malformed("the body has no tandems",
			survey.Fault("tandems", survey.RuleRequired)))
		return
	}
	members := make([][]string, len(in.Tandems))
	for i, t := range in.Tandems {
		members[i] = t.Members
	}
	ts, err := a.Store.CreateTandems(c, c.Param("id"), members)
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"tandems": ts})
}
