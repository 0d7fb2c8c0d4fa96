package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
)

// SetupStore is what the setup API needs of the store.
type SetupStore interface {
	CreateProgram(ctx context.Context, p survey.Program) (survey.Program, error)
	Programs(ctx context.Context) ([]survey.Program, error)
	Program(ctx context.Context, id string) (survey.Program, error)
	SetPublication(ctx context.Context, id string, breakdowns []string, rawRows bool) error
	CreateCohort(ctx context.Context, programID string, c survey.Cohort) (survey.Cohort, error)
	Cohorts(ctx context.Context, programID string) ([]survey.Cohort, error)
	Cohort(ctx context.Context, id string) (survey.Cohort, error)
	AddParticipants(ctx context.Context, cohortID string, rows []survey.ParticipantInput) ([]string, error)
	Participants(ctx context.Context, cohortID string) ([]survey.Participant, error)
	CreateTandem(ctx context.Context, cohortID string, members []string) (survey.Tandem, error)
	Tandems(ctx context.Context, cohortID string) ([]survey.Tandem, error)
	CreateSurvey(ctx context.Context, cohortID string, sv survey.Survey) (survey.Survey, error)
	Surveys(ctx context.Context, cohortID string) ([]survey.Survey, error)
	Survey(ctx context.Context, id string) (survey.Survey, error)
	CloseSurvey(ctx context.Context, id string) (survey.Survey, error)
	Invite(ctx context.Context, surveyID string) ([]store.NewInvitation, error)
	Invitations(ctx context.Context, surveyID string) ([]store.InvitationStatus, error)
	EraseParticipant(ctx context.Context, id string) (store.Erasure, error)
	Backup(ctx context.Context, w io.Writer) (int64, error)
}

// Limits on API request bodies.
const (
	MaxJSONBody   = 1 << 20  // 1 MiB
	MaxUploadBody = 10 << 20 // 10 MiB, for participant files
)

// API is the setup part of the admin JSON API.
type API struct {
	Store   SetupStore
	BaseURL string // where participants reach the service, for invitation links
	Now     func() time.Time
}

// Register adds the setup routes to g (already behind RequireAdmin).
func (a *API) Register(g *gin.RouterGroup) {
	g.GET("/programs", a.listPrograms)
	g.POST("/programs", a.createProgram)
	g.GET("/programs/:id", a.getProgram)
	g.PATCH("/programs/:id", a.setPublication)
	g.GET("/programs/:id/cohorts", a.listCohorts)
	g.POST("/programs/:id/cohorts", a.createCohort)
	g.GET("/cohorts/:id", a.getCohort)
	g.GET("/cohorts/:id/participants", a.listParticipants)
	g.POST("/cohorts/:id/participants", a.addParticipants)
	g.GET("/cohorts/:id/tandems", a.listTandems)
	g.POST("/cohorts/:id/tandems", a.createTandem)
	g.GET("/cohorts/:id/surveys", a.listSurveys)
	g.POST("/cohorts/:id/surveys", a.createSurvey)
	g.GET("/surveys/:id", a.getSurvey)
	g.POST("/surveys/:id/close", a.closeSurvey)
	g.POST("/surveys/:id/invitations", a.invite)
	g.GET("/surveys/:id/invitations", a.listInvitations)
	g.DELETE("/participants/:id", a.eraseParticipant)
	g.GET("/backup", a.backup)
}

// bindJSON decodes the body strictly into v: one JSON value, no unknown
// fields, at most MaxJSONBody bytes.
func bindJSON(c *gin.Context, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return survey.Errorf(survey.ETooLarge, "the request body exceeds %d bytes", MaxJSONBody)
		}
		return survey.Errorf(survey.EInvalid, "the request body could not be read")
	}
	return decodeJSON(body, v)
}

// decodeJSON decodes body strictly into v: one JSON value, no unknown
// fields; every failure is a 400 naming what is wrong.
func decodeJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badJSON(err)
	}
	if dec.More() {
		return malformed("the body holds more than one JSON value")
	}
	return nil
}

// malformed is a body that is not the JSON asked for: 400, not 422.
func malformed(msg string, details ...survey.FieldError) error {
	return &survey.Error{Code: codeMalformed, Message: msg, Details: details}
}

// Codes of failures that only the HTTP layer knows.
const (
	codeMalformed        = "malformed"
	CodeMethodNotAllowed = "method_not_allowed"
)

func badJSON(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return malformed(fmt.Sprintf("malformed JSON at byte %d", syn.Offset))
	case errors.As(err, &typ):
		return malformed("a field has the wrong type", survey.Fault(typ.Field, survey.RuleType, "type", typ.Type.String()))
	case errors.Is(err, io.EOF):
		return malformed("the request body is empty; JSON is expected")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return malformed("the body has an unknown field", survey.Fault(f, survey.RuleUnknown))
	}
	return malformed("malformed JSON: " + err.Error())
}

func created(c *gin.Context, id string) { c.JSON(http.StatusCreated, gin.H{"id": id}) }

func (a *API) listPrograms(c *gin.Context) {
	ps, err := a.Store.Programs(c)
	respond(c, ps, err)
}

func (a *API) getProgram(c *gin.Context) {
	p, err := a.Store.Program(c, c.Param("id"))
	respond(c, p, err)
}

// setPublication answers PATCH /programs/{id}: the program's breakdowns
// and whether it releases per-response rows, before its first response.
func (a *API) setPublication(c *gin.Context) {
	var in survey.PublicationInput
	if !bindUnder(c, a.Store.Program, &in) {
		return
	}
	p, err := a.Store.Program(c, c.Param("id"))
	if err == nil {
		p, err = in.Apply(p)
	}
	if err == nil {
		err = a.Store.SetPublication(c, p.ID, p.Breakdowns, p.RawRows)
	}
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (a *API) createProgram(c *gin.Context) {
	var in survey.ProgramInput
	if err := bindJSON(c, &in); err != nil {
		JSONError(c, err)
		return
	}
	p, err := in.Program()
	if err == nil {
		p, err = a.Store.CreateProgram(c, p)
	}
	if err != nil {
		JSONError(c, err)
		return
	}
	created(c, p.ID)
}

func (a *API) listCohorts(c *gin.Context) {
	cs, err := a.Store.Cohorts(c, c.Param("id"))
	respond(c, cs, err)
}

func (a *API) getCohort(c *gin.Context) {
	co, err := a.Store.Cohort(c, c.Param("id"))
	respond(c, co, err)
}

func (a *API) createCohort(c *gin.Context) {
	var in survey.CohortInput
	if !bindUnder(c, a.Store.Program, &in) {
		return
	}
	co, err := in.Cohort()
	if err == nil {
		co, err = a.Store.CreateCohort(c, c.Param("id"), co)
	}
	if err != nil {
		JSONError(c, err)
		return
	}
	created(c, co.ID)
}

func (a *API) listTandems(c *gin.Context) {
	ts, err := a.Store.Tandems(c, c.Param("id"))
	respond(c, ts, err)
}

func (a *API) createTandem(c *gin.Context) {
	var in struct {
		Members []string `json:"members"`
	}
	if !bindUnder(c, a.Store.Cohort, &in) {
		return
	}
	if len(in.Members) < 2 || len(in.Members) > 3 {
		JSONError(c, survey.Invalid("the tandem is not valid", survey.Fault("members", survey.RuleTandemSize)))
		return
	}
	t, err := a.Store.CreateTandem(c, c.Param("id"), in.Members)
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID, "shape": t.Shape})
}

// bindUnder checks that the parent named by the route's :id exists (404
// otherwise), then binds the JSON body into v; it renders any error and
// reports whether the handler may go on.
func bindUnder[T any](c *gin.Context, parent func(context.Context, string) (T, error), v any) bool {
	if _, err := parent(c, c.Param("id")); err != nil {
		JSONError(c, err)
		return false
	}
	if err := bindJSON(c, v); err != nil {
		JSONError(c, err)
		return false
	}
	return true
}

// respond writes v as JSON, or err.
func respond(c *gin.Context, v any, err error) {
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}
