package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/api"
	"tandem/survey"
)

// surveyJSON is a survey as the API shows it, with its status now.
type surveyJSON struct {
	ID        string        `json:"id"`
	CohortID  string        `json:"cohort_id"`
	Phase     survey.Phase  `json:"phase"`
	Status    survey.Status `json:"status"`
	OpensAt   time.Time     `json:"opens_at"`
	ClosesAt  time.Time     `json:"closes_at"`
	ClosedAt  *time.Time    `json:"closed_at,omitempty"`
	Invited   int           `json:"invited"`
	Opened    int           `json:"opened"`
	Submitted int           `json:"submitted"`
	Responses int           `json:"responses"`
	Pending   int           `json:"pending"`
}

func (a *API) surveyJSON(sv survey.Survey) surveyJSON {
	return surveyJSON{ID: sv.ID, CohortID: sv.CohortID, Phase: sv.Phase, Status: sv.StatusAt(a.Now()),
		OpensAt: sv.OpensAt, ClosesAt: sv.ClosesAt, ClosedAt: sv.ClosedAt,
		Invited: sv.Invited, Opened: sv.Opened, Submitted: sv.Submitted, Responses: sv.Responses, Pending: sv.Pending}
}

// ListSurveys answers GET /cohorts/{id}/surveys.
func (a *API) ListSurveys(c *gin.Context) {
	svs, err := a.Store.Surveys(c, c.Param("id"))
	if err != nil {
		api.JSONError(c, err)
		return
	}
	out := make([]surveyJSON, len(svs))
	for i, sv := range svs {
		out[i] = a.surveyJSON(sv)
	}
	c.JSON(http.StatusOK, out)
}

// GetSurvey answers GET /surveys/{id}: the survey with its status now.
func (a *API) GetSurvey(c *gin.Context) {
	sv, err := a.Store.Survey(c, c.Param("id"))
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, a.surveyJSON(sv))
}

// CreateSurvey answers POST /cohorts/{id}/surveys.
func (a *API) CreateSurvey(c *gin.Context) {
	var in survey.SurveyInput
	if !api.BindUnder(c, a.Store.Cohort, &in) {
		return
	}
	sv, err := in.Survey()
	if err == nil {
		sv, err = a.Store.CreateSurvey(c, c.Param("id"), sv)
	}
	if err != nil {
		api.JSONError(c, err)
		return
	}
	created(c, sv.ID)
}

// CloseSurvey answers POST /surveys/{id}/close.
func (a *API) CloseSurvey(c *gin.Context) {
	sv, err := a.Store.CloseSurvey(c, c.Param("id"))
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, a.surveyJSON(sv))
}

// invitationJSON is a personal link, shown once.
type invitationJSON struct {
	ParticipantID string `json:"participant_id"`
	URL           string `json:"url"`
}

// ListInvitations answers GET /surveys/{id}/invitations: where each
// invitation stands (for reminders), never a token and never an answer.
func (a *API) ListInvitations(c *gin.Context) {
	invs, err := a.Store.Invitations(c, c.Param("id"))
	api.Respond(c, invs, err)
}

// Invite answers POST /surveys/{id}/invitations: a personal link for
// everyone the survey addresses who has none yet, shown only here.
func (a *API) Invite(c *gin.Context) {
	invs, err := a.Store.Invite(c, c.Param("id"))
	if err != nil {
		api.JSONError(c, err)
		return
	}
	out := make([]invitationJSON, len(invs))
	for i, inv := range invs {
		out[i] = invitationJSON{ParticipantID: inv.ParticipantID, URL: survey.Link(a.BaseURL, inv.Token)}
	}
	// The links are secrets: no cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}
