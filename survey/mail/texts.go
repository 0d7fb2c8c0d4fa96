package mail

import (
	"fmt"
	"strings"
	"time"
)

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

// Invitation returns the subject and body of an invitation in lang ("de"
// or "en"; anything else is English).
func Invitation(lang string, l Letter) (subject, body string) {
	if lang == "de" {
		return fmt.Sprintf("%s: %s", l.Program, l.Survey), letter(l, "de",
			"Hallo %s,\n\nwir bitten dich um deine Einschätzung zu „%s“ im Programm „%s“. Das dauert etwa zehn Minuten.\n\nDein persönlicher Link:\n%s\n\nDer Link gehört nur dir; bitte leite ihn nicht weiter. Antworten sind bis %s möglich. Ausgewertet wird nur in Gruppen, nie mit deinem Namen.\n")
	}
	return fmt.Sprintf("%s: %s", l.Program, l.Survey), letter(l, "en",
		"Hello %s,\n\nplease tell us what you think in “%s” of the program “%s”. It takes about ten minutes.\n\nYour personal link:\n%s\n\nThe link is yours alone; please do not forward it. Answers are taken until %s. Results are only shown for groups, never with your name.\n")
}

// Reminder returns the subject and body of a reminder. Its link is new:
// the earlier one stops working when a reminder is sent.
func Reminder(lang string, l Letter) (subject, body string) {
	if lang == "de" {
		return fmt.Sprintf("Erinnerung – %s: %s", l.Program, l.Survey), letter(l, "de",
			"Hallo %s,\n\nfalls du es noch nicht geschafft hast: Deine Einschätzung zu „%s“ im Programm „%s“ fehlt uns noch.\n\nDein neuer persönlicher Link (der frühere gilt nicht mehr):\n%s\n\nAntworten sind bis %s möglich. Wenn du schon geantwortet hast, ist diese Nachricht hinfällig – danke!\n")
	}
	return fmt.Sprintf("Reminder – %s: %s", l.Program, l.Survey), letter(l, "en",
		"Hello %s,\n\nin case you have not found the time yet: we would still like to hear what you think in “%s” of the program “%s”.\n\nYour new personal link (the earlier one no longer works):\n%s\n\nAnswers are taken until %s. If you have answered already, please ignore this message – thank you!\n")
}

func letter(l Letter, lang, format string) string {
	loc := l.Location
	if loc == nil {
		loc = time.UTC
	}
	closes := l.Closes.In(loc)
	var when string
	if lang == "de" {
		when = closes.Format("02.01.2006, 15:04") + " Uhr (" + closes.Format("MST") + ")"
	} else {
		when = closes.Format("2 January 2006, 15:04") + " (" + closes.Format("MST") + ")"
	}
	name := strings.TrimSpace(l.Name)
	body := fmt.Sprintf(format, name, l.Survey, l.Program, l.Link, when)
	sign := l.Organiser
	switch {
	case sign != "":
	case lang == "de":
		sign = "Dein Organisationsteam"
	default:
		sign = "Your organisers"
	}
	if lang == "de" {
		return body + "\nViele Grüße\n" + sign + "\n"
	}
	return body + "\nBest regards\n" + sign + "\n"
}
