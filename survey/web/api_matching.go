package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
)

// MatchingStore is what the write side of matching needs of the store.
type MatchingStore interface {
	Cohort(ctx context.Context, id string) (survey.Cohort, error)
	AddExclusions(ctx context.Context, cohortID string, pairs [][]string) ([]string, error)
	Exclusions(ctx context.Context, cohortID string) ([]store.Exclusion, error)
	DeleteExclusion(ctx context.Context, cohortID, id string) error
	CreateTandems(ctx context.Context, cohortID string, tandems [][]string) ([]survey.Tandem, error)
}

// MatchingAPI is the write side of tandem matching on the admin JSON API:
// the organiser's exclusions, and accepting a proposal. The proposal
// itself is read-only and served by analytics/match.
type MatchingAPI struct {
	Store MatchingStore
}

// Register adds the routes to g (already behind RequireAdmin).
func (a *MatchingAPI) Register(g *gin.RouterGroup) {
	g.GET("/cohorts/:id/exclusions", a.listExclusions)
	g.POST("/cohorts/:id/exclusions", a.addExclusions)
	g.DELETE("/cohorts/:id/exclusions/:exclusion", a.deleteExclusion)
	g.POST("/cohorts/:id/matching/accept", a.accept)
}

func (a *MatchingAPI) listExclusions(c *gin.Context) {
	es, err := a.Store.Exclusions(c, c.Param("id"))
	respond(c, es, err)
}

func (a *MatchingAPI) addExclusions(c *gin.Context) {
	var in struct {
		Pairs [][]string `json:"pairs"`
	}
	if !bindUnder(c, a.Store.Cohort, &in) {
		return
	}
	ids, err := a.Store.AddExclusions(c, c.Param("id"), in.Pairs)
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"ids": ids})
}

func (a *MatchingAPI) deleteExclusion(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		JSONError(c, err)
		return
	}
	if err := a.Store.DeleteExclusion(c, c.Param("id"), c.Param("exclusion")); err != nil {
		JSONError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// acceptRequest is a proposal as returned by POST /cohorts/{id}/matching,
// possibly edited. Only the members of each tandem are read; the other
// fields of the proposal (scores, reasons, names) may be sent back as they
// are and are ignored.
type acceptRequest struct {
	Tandems []struct {
		Members []string `json:"members"`
	} `json:"tandems"`
}

// accept creates the tandems of a proposal, all or none.
func (a *MatchingAPI) accept(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		JSONError(c, err)
		return
	}
	var in acceptRequest
	if err := bindProposal(c, &in); err != nil {
		JSONError(c, err)
		return
	}
	members := make([][]string, len(in.Tandems))
	for i, t := range in.Tandems {
		members[i] = t.Members
	}
	ts, err := a.Store.CreateTandems(c, c.Param("id"), members)
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"tandems": ts})
}

// bindProposal decodes a proposal leniently: unlike bindJSON it lets
// unknown fields pass, so that the proposal can be posted back exactly as
// it was returned. The body must still be one JSON object within
// MaxJSONBody bytes.
func bindProposal(c *gin.Context, v *acceptRequest) error {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return survey.Errorf(survey.ETooLarge, "the request body exceeds %d bytes", MaxJSONBody)
		}
		return survey.Errorf(survey.EInvalid, "the request body could not be read")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return badJSON(err)
	}
	if dec.More() {
		return malformed("the body holds more than one JSON value")
	}
	if v.Tandems == nil {
		return malformed("the body has no tandems", survey.Fault("tandems", survey.RuleRequired))
	}
	return nil
}

// BindJSON decodes the request body strictly into v as the setup API does
// (one JSON value, no unknown fields, at most MaxJSONBody bytes), for the
// handlers of other packages; its errors render through JSONError as 400,
// 413 or 422.
func BindJSON(c *gin.Context, v any) error { return bindJSON(c, v) }
