package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

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

func (a *API) listSurveys(c *gin.Context) {
	svs, err := a.Store.Surveys(c, c.Param("id"))
	if err != nil {
		JSONError(c, err)
		return
	}
	out := make([]surveyJSON, len(svs))
	for i, sv := range svs {
		out[i] = a.surveyJSON(sv)
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) getSurvey(c *gin.Context) {
	sv, err := a.Store.Survey(c, c.Param("id"))
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, a.surveyJSON(sv))
}

func (a *API) createSurvey(c *gin.Context) {
	var in survey.SurveyInput
	if !bindUnder(c, a.Store.Cohort, &in) {
		return
	}
	sv, err := in.Survey()
	if err == nil {
		sv, err = a.Store.CreateSurvey(c, c.Param("id"), sv)
	}
	if err != nil {
		JSONError(c, err)
		return
	}
	created(c, sv.ID)
}

func (a *API) closeSurvey(c *gin.Context) {
	sv, err := a.Store.CloseSurvey(c, c.Param("id"))
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, a.surveyJSON(sv))
}

// invitationJSON is a personal link, shown once.
type invitationJSON struct {
	ParticipantID string `json:"participant_id"`
	URL           string `json:"url"`
}

// listInvitations shows where each invitation stands (for reminders),
// never a token and never an answer.
func (a *API) listInvitations(c *gin.Context) {
	invs, err := a.Store.Invitations(c, c.Param("id"))
	respond(c, invs, err)
}

func (a *API) invite(c *gin.Context) {
	invs, err := a.Store.Invite(c, c.Param("id"))
	if err != nil {
		JSONError(c, err)
		return
	}
	out := make([]invitationJSON, len(invs))
	for i, inv := range invs {
		out[i] = invitationJSON{ParticipantID: inv.ParticipantID, URL: a.BaseURL + "/s/" + inv.Token}
	}
	// The links are secrets: no cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}
