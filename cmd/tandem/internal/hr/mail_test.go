package hr

import (
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/mail"
	"tandem/survey/mail/mailtest"
)

var linkInMail = regexp.MustCompile(`http://tandem\.test/s/([a-z2-7]{32})`)

// TestMailInvitationsAndReminders sends through a real SMTP server (with
// STARTTLS and a password): invitations once, reminders only to those who
// have not answered and at most once per RemindAfter.
func TestMailInvitationsAndReminders(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "smtp-secret"})
	m, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Username: "hr", Password: "smtp-secret",
		From: "HR Team <hr@example.com>", TLS: srv.ClientTLS})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	e := newEnv(t, func(c *Config) {
		c.Mailer, c.RemindAfter = m, 3*24*time.Hour
		c.Now = func() time.Time { return now }
	})
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	r := c.post("/hr/cohorts/"+w.cohort+"/surveys", url.Values{"phase": {"kickoff"},
		"opens_at":  {now.Add(-time.Hour).UTC().Format(localInput)},
		"closes_at": {now.Add(10 * 24 * time.Hour).UTC().Format(localInput)}}).must(t, http.StatusSeeOther, "schedule")
	sv := strings.TrimSuffix(strings.TrimPrefix(r.header.Get("Location"), "/hr/surveys/"), "?done=survey_created")

	r = c.post("/hr/surveys/"+sv+"/mail/invite", nil).must(t, http.StatusOK, "mail invitations")
	if !strings.Contains(r.body, "4 invitations sent.") {
		t.Errorf("the page does not report the sending:\n%s", r.body)
	}
	got := srv.Messages()
	if len(got) != 4 {
		t.Fatalf("the SMTP server got %d messages, want 4", len(got))
	}
	tokens := map[string]string{} // e-mail -> token
	for _, msg := range got {
		if !msg.TLS || msg.AuthUser != "hr" {
			t.Errorf("sent without TLS or authentication: %+v", msg)
		}
		dec := new(mimeWords)
		if s := dec.decode(msg.Header.Get("Subject")); s != "Reverse Mentoring 2026: Auftakt-Befragung" && !strings.HasPrefix(s, "Reverse Mentoring 2026: ") {
			t.Errorf("subject %q", s)
		}
		if !strings.Contains(msg.Body, "Hallo ") {
			t.Errorf("not German (the program's language):\n%s", msg.Body)
		}
		mm := linkInMail.FindStringSubmatch(msg.Body)
		if mm == nil {
			t.Fatalf("no link in:\n%s", msg.Body)
		}
		tokens[msg.To[0]] = mm[1]
	}
	rs, _ := e.store.Recipients(t.Context(), sv)
	for _, rc := range rs {
		if rc.SentAt == nil {
			t.Errorf("%s: no sent mark", rc.Email)
		}
	}
	// Jürgen answers.
	f, err := e.store.FormByToken(t.Context(), tokens["juergen@example.com"])
	if err != nil {
		t.Fatal(err)
	}
	five := 5.0
	if err := e.store.Submit(t.Context(), f, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &five}}); err != nil {
		// (the kick-off may not ask it; any valid answer will do)
		if err := e.store.Submit(t.Context(), f, "de", nil); err != nil {
			t.Fatal(err)
		}
	}
	// Right after the invitations nobody is due a reminder.
	r = c.get("/hr/surveys/"+sv).must(t, http.StatusOK, "survey page")
	if !strings.Contains(r.body, "Due now: 0") {
		t.Errorf("reminders due right after inviting")
	}
	c.post("/hr/surveys/"+sv+"/mail/remind", nil).must(t, http.StatusOK, "remind too early")
	if n := len(srv.Messages()); n != 4 {
		t.Fatalf("a reminder went out too early: %d messages", n)
	}
	// Four days later the three who have not answered are reminded, with
	// new links; the old ones stop working.
	now = now.Add(4 * 24 * time.Hour)
	c = e.signedIn("org@example.com") // the session of four days ago has expired
	r = c.post("/hr/surveys/"+sv+"/mail/remind", nil).must(t, http.StatusOK, "remind")
	if !strings.Contains(r.body, "3 reminders sent.") {
		t.Errorf("the page does not report the reminders")
	}
	got = srv.Messages()[4:]
	if len(got) != 3 {
		t.Fatalf("got %d reminders, want 3", len(got))
	}
	for _, msg := range got {
		to := msg.To[0]
		if to == "juergen@example.com" {
			t.Error("the one who answered was reminded")
		}
		if s := new(mimeWords).decode(msg.Header.Get("Subject")); !strings.HasPrefix(s, "Erinnerung – Reverse Mentoring 2026") {
			t.Errorf("reminder subject %q", s)
		}
		mm := linkInMail.FindStringSubmatch(msg.Body)
		if mm == nil || mm[1] == tokens[to] {
			t.Fatalf("the reminder to %s carries no new link", to)
		}
		if _, err := e.store.FormByToken(t.Context(), mm[1]); err != nil {
			t.Errorf("the new link of %s opens nothing: %v", to, err)
		}
		if _, err := e.store.FormByToken(t.Context(), tokens[to]); survey.ErrorCode(err) != survey.ENotFound {
			t.Errorf("the old link of %s still works", to)
		}
	}
	// ...and not again within three days.
	now = now.Add(2 * 24 * time.Hour)
	c = e.signedIn("org@example.com")
	c.post("/hr/surveys/"+sv+"/mail/remind", nil).must(t, http.StatusOK, "remind again")
	if n := len(srv.Messages()); n != 7 {
		t.Errorf("reminded again within three days: %d messages", n)
	}
	rs, _ = e.store.Recipients(t.Context(), sv)
	for _, rc := range rs {
		if (rc.RemindedAt != nil) == (rc.Email == "juergen@example.com") {
			t.Errorf("%s: reminded at %v", rc.Email, rc.RemindedAt)
		}
	}
}

// TestMailFailureIsReported: a server that cannot be reached leaves the
// invitations unmarked and says so.
func TestMailFailureIsReported(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	m, _ := mail.New(mail.Config{Host: "127.0.0.1", Port: port, From: "hr@example.com", Timeout: 2 * time.Second})
	e := newEnv(t, func(c *Config) { c.Mailer = m })
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	r := c.post("/hr/cohorts/"+w.cohort+"/surveys", url.Values{"phase": {"kickoff"},
		"opens_at":  {time.Now().Add(-time.Hour).UTC().Format(localInput)},
		"closes_at": {time.Now().Add(72 * time.Hour).UTC().Format(localInput)}}).must(t, http.StatusSeeOther, "schedule")
	sv := strings.TrimSuffix(strings.TrimPrefix(r.header.Get("Location"), "/hr/surveys/"), "?done=survey_created")
	r = c.post("/hr/surveys/"+sv+"/mail/invite", nil).must(t, http.StatusOK, "mail invitations")
	if !strings.Contains(r.body, "4 e-mails could not be delivered") || !strings.Contains(r.body, "Jürgen Weiß") {
		t.Errorf("the failure is not reported:\n%s", r.body)
	}
	rs, _ := e.store.Recipients(t.Context(), sv)
	for _, rc := range rs {
		if rc.SentAt != nil {
			t.Errorf("%s marked sent", rc.Email)
		}
	}
}

// TestNoMailer: without SMTP the pages say so and refuse to send.
func TestNoMailer(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	if r := c.get("/hr/surveys/" + w.survey); !strings.Contains(r.body, "not set up (SMTP)") {
		t.Errorf("the survey page does not say that e-mail is off")
	}
	c.post("/hr/surveys/"+w.survey+"/mail/remind", nil).must(t, http.StatusConflict, "remind without SMTP")
}
