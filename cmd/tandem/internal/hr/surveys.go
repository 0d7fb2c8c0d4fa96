package hr

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
)

// createSurvey schedules a survey; the times are typed in the pages' time
// zone and checked by the same rules as the API's.
func (p *Pages) createSurvey(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	f := surveyForm{Phase: c.PostForm("phase"), OpensAt: c.PostForm("opens_at"), ClosesAt: c.PostForm("closes_at")}
	in := survey.SurveyInput{Phase: survey.Phase(f.Phase), OpensAt: p.rfc3339(f.OpensAt), ClosesAt: p.rfc3339(f.ClosesAt)}
	sv, err := in.Survey()
	if err == nil {
		sv, err = p.Store.CreateSurvey(c, co.ID, sv)
	}
	v := cohortPage{base: p.page(c, "cohort.title", co.Name), Program: prog, Cohort: co, Form: f}
	if v.Errors = formErrors(v.Lang, err, "f-", nil); v.Errors != nil {
		p.renderCohort(c, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/surveys/"+sv.ID+"?done=survey_created")
}

// rfc3339 reads a datetime-local value in the pages' time zone; what it
// cannot read it passes on, for the domain to refuse.
func (p *Pages) rfc3339(local string) string {
	t, err := time.ParseInLocation(localInput, local, p.Location)
	if err != nil {
		return local
	}
	return t.Format(time.RFC3339)
}

type surveyPage struct {
	base
	Program     survey.Program
	Cohort      survey.Cohort
	Survey      surveyView
	Mail        bool
	RemindAfter int // days
	Downloads   downloads
	Sent        *sendReport
}

func (p *Pages) surveyPage(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	p.renderSurvey(c, http.StatusOK, surveyPage{base: p.page(c, "survey.title"), Program: prog, Cohort: co, Survey: surveyView{Survey: sv}})
}

func (p *Pages) renderSurvey(c *gin.Context, status int, v surveyPage) {
	parts, err := p.Store.Participants(c, v.Cohort.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	sv, err := p.Store.Survey(c, v.Survey.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	if v.Survey, err = p.surveyView(c, v.Lang, sv, v.Program.Threshold, len(parts), true); err != nil {
		p.fail(c, err)
		return
	}
	v.Title = msg(v.Lang, "survey.title", v.Survey.Name, v.Cohort.Name)
	v.Mail, v.RemindAfter = p.Mailer != nil, int(p.RemindAfter.Hours()/24)
	v.Downloads = p.downloads(v.Program, v.Cohort.ID)
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"},
		{Label: v.Program.Name, URL: "/hr/programs/" + v.Program.ID},
		{Label: v.Cohort.Name, URL: "/hr/cohorts/" + v.Cohort.ID}, {Label: v.Survey.Name}}
	p.render(c, status, "survey", v)
}

func (p *Pages) openSurvey(c *gin.Context) {
	p.changeSurvey(c, p.Store.OpenSurvey, "survey_opened")
}

func (p *Pages) closeSurvey(c *gin.Context) {
	p.changeSurvey(c, p.Store.CloseSurvey, "survey_closed")
}

func (p *Pages) changeSurvey(c *gin.Context, change func(ctx context.Context, id string) (survey.Survey, error), done string) {
	sv, _, _, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	if _, err := change(c, sv.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/surveys/"+sv.ID+"?done="+done)
}

// remindDue reports whether r may be reminded at now: unanswered, and
// neither mailed nor reminded within RemindAfter.
func (p *Pages) remindDue(r store.Recipient, now time.Time) bool {
	if r.SubmittedAt != nil {
		return false
	}
	for _, t := range []*time.Time{r.SentAt, r.RemindedAt} {
		if t != nil && now.Sub(*t) < p.RemindAfter {
			return false
		}
	}
	return true
}
