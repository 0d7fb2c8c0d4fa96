package hr

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/mail"
	"tandem/survey/store"
)

// sendReport says what a round of e-mails did.
type sendReport struct {
	Kind         string // invite or remind
	Sent, Failed int
	FailedTo     []string // names of those whose mail failed
}

// mailInvitations invites everyone not invited yet and e-mails each their
// link, recording when it went out. A mail that fails leaves an invitation
// without a sent mark: a reminder reaches that person later.
func (p *Pages) mailInvitations(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok || !p.mailOn(c) {
		return
	}
	invs, err := p.Store.Invite(c, sv.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.mailOut(c, sv, co, prog, invs, "invite")
}

// mailReminders e-mails everyone who has not answered and was not mailed
// within RemindAfter a new link (tokens are not kept, so the old link
// cannot be sent again; it stops working).
func (p *Pages) mailReminders(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok || !p.mailOn(c) {
		return
	}
	if sv.StatusAt(p.Now()) != survey.StatusOpen {
		p.message(c, http.StatusConflict, "remindclosed")
		return
	}
	rs, err := p.Store.Recipients(c, sv.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	var due []string
	for _, r := range rs {
		if p.remindDue(r, p.Now()) {
			due = append(due, r.InvitationID)
		}
	}
	invs := []store.NewInvitation{}
	if len(due) > 0 {
		if invs, err = p.Store.Reissue(c, sv.ID, due); err != nil {
			p.fail(c, err)
			return
		}
	}
	p.mailOut(c, sv, co, prog, invs, "remind")
}

func (p *Pages) mailOn(c *gin.Context) bool {
	if p.Mailer == nil {
		p.message(c, http.StatusConflict, "nomail")
		return false
	}
	return true
}

// mailOut sends one mail per invitation in the program's language and
// marks each that the server took; then shows the survey with a report.
func (p *Pages) mailOut(c *gin.Context, sv survey.Survey, co survey.Cohort, prog survey.Program, invs []store.NewInvitation, kind string) {
	parts, err := p.Store.Participants(c, co.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	byID := map[string]survey.Participant{}
	for _, pt := range parts {
		byID[pt.ID] = pt
	}
	rep := &sendReport{Kind: kind}
	letter := mail.Letter{Program: prog.Name, Survey: p.Catalog.Phase(sv.Phase).Title.In(prog.Language),
		Closes: sv.ClosesAt, Location: p.Location, Organiser: current(c).account.Name}
	for _, inv := range invs {
		pt := byID[inv.ParticipantID]
		letter.Name, letter.Link = pt.Name, survey.Link(p.BaseURL, inv.Token)
		subject, body := mail.Invitation(prog.Language, letter)
		mark := p.Store.MarkSent
		if kind == "remind" {
			subject, body = mail.Reminder(prog.Language, letter)
			mark = p.Store.MarkReminded
		}
		err := p.Mailer.Send(c, mail.Message{To: mail.Address(pt.Name, pt.Email), Subject: subject, Body: body})
		if err == nil {
			err = mark(c, inv.InvitationID, p.Now())
		}
		if err != nil {
			// Never the link: it is a secret.
			p.Log.WarnContext(c, "mail not sent", "kind", kind, "invitation", inv.InvitationID, "err", err)
			rep.Failed++
			rep.FailedTo = append(rep.FailedTo, pt.Name)
			continue
		}
		rep.Sent++
	}
	v := surveyPage{base: p.page(c, "survey.title"), Program: prog, Cohort: co, Survey: surveyView{Survey: sv}, Sent: rep}
	p.renderSurvey(c, http.StatusOK, v)
}
