package mail

import (
	"embed"
	"strings"
	"time"

	"tandem/survey"
)

//go:embed messages.json
var messageFiles embed.FS

// messages are the texts of the e-mails, on top of the shared catalog.
var messages = survey.MustTexts(messageFiles, "messages.json")

// Letter is what an invitation or a reminder says to one participant.
type Letter struct {
	Name    string // the participant's name
	Program string // the program's name
	Survey  string // the questionnaire's title in the letter's language
	Link    string // the personal link
	Closes  time.Time
	// Location is the time zone the closing time is given in; nil is UTC.
	Location *time.Location
	// Organiser signs the letter; empty signs as "the organisers".
	Organiser string
}

// Invitation returns the subject and body of an invitation in lang (one of
// survey.Languages; any other is English).
func Invitation(lang string, l Letter) (subject, body string) {
	return letter(lang, "invitation", l)
}

// Reminder returns the subject and body of a reminder. Its link is new:
// the earlier one stops working when a reminder is sent.
func Reminder(lang string, l Letter) (subject, body string) {
	return letter(lang, "reminder", l)
}

// letter fills the subject and body of kind ("invitation" or "reminder")
// in lang and signs the body.
func letter(lang, kind string, l Letter) (subject, body string) {
	loc := l.Location
	if loc == nil {
		loc = time.UTC
	}
	closes := l.Closes.In(loc)
	args := survey.Args{
		"name": strings.TrimSpace(l.Name), "survey": l.Survey, "program": l.Program, "link": l.Link,
		"closes": messages.Fill(lang, "mail.closes", survey.Args{
			"time": closes.Format(messages.Get(lang, "mail.datetime")), "zone": closes.Format("MST")}),
	}
	sign := l.Organiser
	if sign == "" {
		sign = messages.Get(lang, "mail.organisers")
	}
	body = messages.Fill(lang, kind+".body", args) + messages.Fill(lang, "mail.signature", survey.Args{"sign": sign})
	return messages.Fill(lang, kind+".subject", args), body
}
