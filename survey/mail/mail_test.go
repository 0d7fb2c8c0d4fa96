package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tandem/survey/mail"
	"tandem/survey/mail/mailtest"
)

func TestSendOverSTARTTLSWithAuth(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "s3cret-pass"})
	c, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Username: "hr", Password: "s3cret-pass",
		From: "HR-Team Köln <hr@example.com>", TLS: srv.ClientTLS})
	if err != nil {
		t.Fatal(err)
	}
	subject, body := mail.Invitation("de", mail.Letter{Name: "Jürgen Weiß", Program: "Reverse Mentoring 2026",
		Survey: "Abschlussbefragung", Link: "https://survey.example.com/s/abc", Closes: time.Date(2026, 3, 15, 17, 0, 0, 0, time.UTC)})
	err = c.Send(context.Background(), mail.Message{To: mail.Address("Jürgen Weiß", "juergen@example.com"), Subject: subject, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("got %d messages, want 1", len(got))
	}
	m := got[0]
	if !m.TLS || m.AuthUser != "hr" || m.From != "hr@example.com" || len(m.To) != 1 || m.To[0] != "juergen@example.com" {
		t.Errorf("envelope: got TLS %v, user %q, from %q, to %v", m.TLS, m.AuthUser, m.From, m.To)
	}
	dec := new(mimeDecoder)
	if s := dec.decode(m.Header.Get("Subject")); s != "Reverse Mentoring 2026: Abschlussbefragung" {
		t.Errorf("subject: got %q", s)
	}
	if to := dec.decode(m.Header.Get("To")); !strings.Contains(to, "Jürgen Weiß") {
		t.Errorf("to: got %q", to)
	}
	for _, want := range []string{"Hallo Jürgen Weiß,", "https://survey.example.com/s/abc", "15.03.2026, 17:00 Uhr (UTC)", "Abschlussbefragung"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Body)
		}
	}
	if m.Header.Get("Message-ID") == "" || m.Header.Get("Date") == "" {
		t.Errorf("headers: %v", m.Header)
	}
}

func TestSendRefusesWithoutSTARTTLS(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true})
	c, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, From: "hr@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Send(context.Background(), mail.Message{To: "a@example.com", Subject: "x", Body: "y"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("got %v, want a refusal naming STARTTLS", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("the server got %d messages", n)
	}
	// A trusted relay in the clear, when configured so.
	c, _ = mail.New(mail.Config{Host: srv.Host, Port: srv.Port, From: "hr@example.com", StartTLS: mail.StartTLSNever})
	if err := c.Send(context.Background(), mail.Message{To: "a@example.com", Subject: "Erinnerung", Body: "Grüße"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].TLS || strings.TrimSpace(got[0].Body) != "Grüße" {
		t.Errorf("got %+v", got)
	}
}

func TestSendWrongPassword(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "right"})
	c, _ := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Username: "hr", Password: "wrong", From: "hr@example.com", TLS: srv.ClientTLS})
	if err := c.Send(context.Background(), mail.Message{To: "a@example.com", Subject: "x", Body: "y"}); err == nil {
		t.Fatal("sent with a wrong password")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("the server got %d messages", n)
	}
}

func TestConfigAndHeaderInjection(t *testing.T) {
	if _, err := mail.New(mail.Config{Port: 0, From: "nobody", StartTLS: "maybe"}); err == nil ||
		!strings.Contains(err.Error(), "host") || !strings.Contains(err.Error(), "port") || !strings.Contains(err.Error(), "from") || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("got %v, want every fault named", err)
	}
	srv := mailtest.Start(t, mailtest.Options{})
	c, _ := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, From: "hr@example.com", TLS: srv.ClientTLS})
	for _, m := range []mail.Message{
		{To: "a@example.com\r\nBcc: evil@example.com", Subject: "x", Body: "y"},
		{To: "a@example.com", Subject: "x\r\nBcc: evil@example.com", Body: "y"},
	} {
		if err := c.Send(context.Background(), m); err == nil {
			t.Errorf("sent %+v", m)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("the server got %d messages", n)
	}
}

func TestTexts(t *testing.T) {
	l := mail.Letter{Name: "Sam", Program: "RM", Survey: "Final survey", Link: "L", Closes: time.Date(2026, 3, 15, 17, 0, 0, 0, time.UTC)}
	for _, lang := range []string{"de", "en"} {
		for name, fn := range map[string]func(string, mail.Letter) (string, string){"invitation": mail.Invitation, "reminder": mail.Reminder} {
			s, b := fn(lang, l)
			if !strings.Contains(s, "RM") || !strings.Contains(b, "L\n") || !strings.Contains(b, "Sam") {
				t.Errorf("%s %s: %q\n%s", name, lang, s, b)
			}
		}
	}
	if s, _ := mail.Reminder("en", l); !strings.HasPrefix(s, "Reminder") {
		t.Errorf("reminder subject %q", s)
	}
}
