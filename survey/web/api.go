package web

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/api"
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

// API is the setup part of the admin JSON API: programs, cohorts,
// participants, tandems, surveys and invitations. Its routes are listed,
// with every other route of the API, in cmd/tandem's route table.
type API struct {
	Store   SetupStore
	BaseURL string // where participants reach the service, for invitation links
	Now     func() time.Time
}

func created(c *gin.Context, id string) { c.JSON(http.StatusCreated, gin.H{"id": id}) }

// ListPrograms answers GET /programs: every program.
func (a *API) ListPrograms(c *gin.Context) {
	ps, err := a.Store.Programs(c)
	api.Respond(c, ps, err)
}

// GetProgram answers GET /programs/{id}.
func (a *API) GetProgram(c *gin.Context) {
	p, err := a.Store.Program(c, c.Param("id"))
	api.Respond(c, p, err)
}

// SetPublication answers PATCH /programs/{id}: the program's breakdowns
// and whether it releases per-response rows, before its first response.
func (a *API) SetPublication(c *gin.Context) {
	var in survey.PublicationInput
	if !api.BindUnder(c, a.Store.Program, &in) {
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
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// CreateProgram answers POST /programs.
func (a *API) CreateProgram(c *gin.Context) {
	var in survey.ProgramInput
	if err := api.BindJSON(c, &in); err != nil {
		api.JSONError(c, err)
		return
	}
	p, err := in.Program()
	if err == nil {
		p, err = a.Store.CreateProgram(c, p)
	}
	if err != nil {
		api.JSONError(c, err)
		return
	}
	created(c, p.ID)
}

// ListCohorts answers GET /programs/{id}/cohorts.
func (a *API) ListCohorts(c *gin.Context) {
	cs, err := a.Store.Cohorts(c, c.Param("id"))
	api.Respond(c, cs, err)
}

// GetCohort answers GET /cohorts/{id}.
func (a *API) GetCohort(c *gin.Context) {
	co, err := a.Store.Cohort(c, c.Param("id"))
	api.Respond(c, co, err)
}

// CreateCohort answers POST /programs/{id}/cohorts.
func (a *API) CreateCohort(c *gin.Context) {
	var in survey.CohortInput
	if !api.BindUnder(c, a.Store.Program, &in) {
		return
	}
	co, err := in.Cohort()
	if err == nil {
		co, err = a.Store.CreateCohort(c, c.Param("id"), co)
	}
	if err != nil {
		api.JSONError(c, err)
		return
	}
	created(c, co.ID)
}

// ListTandems answers GET /cohorts/{id}/tandems.
func (a *API) ListTandems(c *gin.Context) {
	ts, err := a.Store.Tandems(c, c.Param("id"))
	api.Respond(c, ts, err)
}

// CreateTandem answers POST /cohorts/{id}/tandems.
func (a *API) CreateTandem(c *gin.Context) {
	var in struct {
		Members []string `json:"members"`
	}
	if !api.BindUnder(c, a.Store.Cohort, &in) {
		return
	}
	if len(in.Members) < 2 || len(in.Members) > 3 {
		api.JSONError(c, survey.Invalid("the tandem is not valid", survey.Fault("members", survey.RuleTandemSize)))
		return
	}
	t, err := a.Store.CreateTandem(c, c.Param("id"), in.Members)
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID, "shape": t.Shape})
}
