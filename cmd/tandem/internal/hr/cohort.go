package hr

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
)

// surveyView is a survey as the cohort and survey pages show it.
type surveyView struct {
	survey.Survey
	Name, Status       string
	Opens, Closes      string
	Total              barView
	Roles              []barView
	FoldNote           string        // why some roles are shown together, if they are
	Waiting            []waitingView // invited, not yet answered
	Uninvited          int           // participants without an invitation yet
	CanOpen, CanClose  bool
	CanInvite, IsOpen  bool
	RemindDue, Emailed int
}

// barView is one progress bar: answered of invited.
type barView struct {
	ID, Label, Text string
	Value, Max      int
	Withheld        string
}

// waitingView is a person who has not answered: for reminders.
type waitingView struct {
	Name, Email, Role string
	Opened            bool
	Sent, Reminded    string
}

type cohortPage struct {
	base
	Program      survey.Program
	Cohort       survey.Cohort
	Participants int
	Tandems      int
	Responses    int
	Untandemed   int
	Surveys      []surveyView
	Phases       []survey.Phase
	Errors       []fieldError
	E            map[string]string
	Form         surveyForm
	Mail         bool
	Downloads    downloads
}

// surveyForm is the form that schedules a survey, as typed.
type surveyForm struct{ Phase, OpensAt, ClosesAt string }

func (p *Pages) cohort(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	now := p.Now().In(p.Location)
	opens := now.Truncate(time.Hour).Add(time.Hour)
	closes := time.Date(now.Year(), now.Month(), now.Day()+14, 18, 0, 0, 0, p.Location)
	v := cohortPage{base: p.page(c, "cohort.title", co.Name), Program: prog, Cohort: co,
		Form: surveyForm{Phase: string(survey.PhaseKickoff), OpensAt: opens.Format(localInput), ClosesAt: closes.Format(localInput)}}
	p.renderCohort(c, http.StatusOK, v)
}

func (p *Pages) renderCohort(c *gin.Context, status int, v cohortPage) {
	parts, ts, ok := p.people(c, v.Cohort.ID)
	if !ok {
		return
	}
	v.Participants, v.Tandems = len(parts), len(ts)
	inTandem := 0
	for _, t := range ts {
		inTandem += len(t.Members)
	}
	v.Untandemed = len(parts) - inTandem
	var err error
	if v.Surveys, err = p.surveyViews(c, v.Lang, v.Cohort.ID, v.Program.Threshold, len(parts)); err != nil {
		p.fail(c, err)
		return
	}
	for _, sv := range v.Surveys {
		v.Responses += sv.Submitted
	}
	v.Phases, v.Mail = survey.Phases, p.Mailer != nil
	v.E = errMap(v.Errors)
	v.Downloads = p.downloads(v.Program, v.Cohort.ID)
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"},
		{Label: v.Program.Name, URL: "/hr/programs/" + v.Program.ID}, {Label: v.Cohort.Name}}
	p.render(c, status, "cohort", v)
}

// surveyViews are the cohort's surveys with their participation per role
// (small roles shown together, see roleBars) and who has not answered yet.
func (p *Pages) surveyViews(c *gin.Context, lang, cohortID string, threshold, participants int) ([]surveyView, error) {
	svs, err := p.Store.Surveys(c, cohortID)
	if err != nil {
		return nil, err
	}
	out := make([]surveyView, 0, len(svs))
	for _, sv := range svs {
		v, err := p.surveyView(c, lang, sv, threshold, participants, true)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// surveyView is sv with its bars (roles folded by the program's threshold)
// and, with people set, who has not answered yet (for organisers; viewers
// see figures, not people).
func (p *Pages) surveyView(c *gin.Context, lang string, sv survey.Survey, threshold, participants int, people bool) (surveyView, error) {
	now := p.Now()
	st := sv.StatusAt(now)
	v := surveyView{Survey: sv, Name: sv.Phase.Label(lang), Status: string(st),
		Opens: p.when(lang, sv.OpensAt), Closes: p.when(lang, sv.ClosesAt),
		CanOpen: st == survey.StatusScheduled, CanClose: st != survey.StatusClosed, IsOpen: st == survey.StatusOpen,
		Uninvited: max(participants-sv.Invited, 0)}
	if sv.ClosedAt != nil {
		v.Closes = p.when(lang, *sv.ClosedAt)
	}
	v.CanInvite = st != survey.StatusClosed && v.Uninvited > 0
	v.Total = bar(lang, "bar-"+sv.ID, msg(lang, "bar.all"), sv.Submitted, sv.Opened, sv.Invited, "")
	rs, err := p.Store.Recipients(c, sv.ID)
	if err != nil {
		return v, err
	}
	var folded bool
	if v.Roles, folded = roleBars(lang, sv.ID, rs, threshold); folded {
		v.FoldNote = msg(lang, "bar.folded", threshold)
	}
	if st == survey.StatusClosed || !people {
		return v, nil
	}
	for _, r := range rs {
		if r.SubmittedAt != nil {
			continue
		}
		v.Waiting = append(v.Waiting, p.waiting(lang, r))
		if r.SentAt != nil || r.RemindedAt != nil {
			v.Emailed++
		}
		if p.remindDue(r, now) {
			v.RemindDue++
		}
	}
	return v, nil
}

func (p *Pages) waiting(lang string, r store.Recipient) waitingView {
	w := waitingView{Name: r.Name, Email: r.Email, Role: r.Role.Label(lang), Opened: r.OpenedAt != nil}
	if r.SentAt != nil {
		w.Sent = p.when(lang, *r.SentAt)
	}
	if r.RemindedAt != nil {
		w.Reminded = p.when(lang, *r.RemindedAt)
	}
	return w
}

// bar is a progress bar of submitted of invited; withheld, when set,
// replaces the figures by why they are not shown.
func bar(lang, id, label string, submitted, opened, invited int, withheld string) barView {
	b := barView{ID: id, Label: label, Value: submitted, Max: max(invited, 1), Withheld: withheld}
	if withheld == "" && invited == 0 {
		withheld = msg(lang, "bar.none")
		b.Withheld = withheld
	}
	if withheld != "" {
		b.Text = withheld
		return b
	}
	var rate *float64
	if invited > 0 {
		r := float64(submitted) / float64(invited)
		rate = &r
	}
	b.Text = msg(lang, "bar.text", submitted, invited, percent(lang, rate), opened)
	return b
}

// localInput is the value format of <input type="datetime-local">.
const localInput = "2006-01-02T15:04"

// when formats t in the pages' time zone for lang.
func (p *Pages) when(lang string, t time.Time) string {
	t = t.In(p.Location)
	return t.Format(msg(lang, "format.datetime")) + " " + t.Format("MST")
}

// people loads the participants and tandems of a cohort; on failure it has
// rendered the error page and reports false.
func (p *Pages) people(c *gin.Context, cohortID string) ([]survey.Participant, []survey.Tandem, bool) {
	parts, err := p.Store.Participants(c, cohortID)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	ts, err := p.Store.Tandems(c, cohortID)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return parts, ts, true
}
