package hr

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"tandem/survey"
)

// The domain says what is wrong in English; these patterns say it in
// German. A message without a pattern is shown as it is.
var reasonsDE = []struct {
	re *regexp.Regexp
	de string
}{
	{regexp.MustCompile(`^is required$`), "fehlt"},
	{regexp.MustCompile(`^is not an e-mail address$`), "ist keine E-Mail-Adresse"},
	{regexp.MustCompile(`^is already in this cohort$`), "ist schon in dieser Runde"},
	{regexp.MustCompile(`^repeats row (\d+)$`), "wiederholt Zeile $1"},
	{regexp.MustCompile(`^must be mentor, mentee or peer$`), "muss mentor, mentee oder peer sein"},
	{regexp.MustCompile(`^must be one of Gen Z, Gen Y, Gen X, Baby Boomer$`), "muss Gen Z, Gen Y, Gen X oder Baby Boomer sein"},
	{regexp.MustCompile(`^(?:is not|must be) valid text of at most (\d+) characters$`), "darf höchstens $1 Zeichen lang sein"},
	{regexp.MustCompile(`^must be valid text$`), "enthält ungültige Zeichen"},
	{regexp.MustCompile(`^must not contain control characters or invisible formatting characters$`), "darf keine Steuerzeichen und keine unsichtbaren Formatierungszeichen enthalten"},
	{regexp.MustCompile(`^must have at least (\d+) characters$`), "braucht mindestens $1 Zeichen"},
	{regexp.MustCompile(`^must have at most (\d+) characters$`), "darf höchstens $1 Zeichen haben"},
	{regexp.MustCompile(`^must be between (\d+) and (\d+)$`), "muss zwischen $1 und $2 liegen"},
	{regexp.MustCompile(`^must be a date YYYY-MM-DD$`), "muss ein Datum sein"},
	{regexp.MustCompile(`^must not be before starts_on$`), "darf nicht vor dem Beginn liegen"},
	{regexp.MustCompile(`^must be after opens_at$`), "muss nach dem Öffnen liegen"},
	{regexp.MustCompile(`^must be an RFC 3339 time`), "muss ein Zeitpunkt sein"},
	{regexp.MustCompile(`^must be intake, kickoff`), "ist keine der Befragungen"},
	{regexp.MustCompile(`^must be "de" or "en"$`), "muss Deutsch oder Englisch sein"},
	{regexp.MustCompile(`^must be "confidential" or "anonymous"$`), "muss vertraulich oder anonym sein"},
	{regexp.MustCompile(`^must be admin, organiser or viewer$`), "muss Administration, Organisation oder Nur Ansicht sein"},
	{regexp.MustCompile(`^at least one participant is needed$`), "mindestens eine Person wird gebraucht"},
	{regexp.MustCompile(`^at most (\d+) participants per import$`), "höchstens $1 Personen je Import"},
	{regexp.MustCompile(`^column is missing from the header row$`), "diese Spalte fehlt in der Kopfzeile"},
	{regexp.MustCompile(`^needs a header row and at least one participant$`), "braucht eine Kopfzeile und mindestens eine Person"},
	{regexp.MustCompile(`^save the CSV as UTF-8$`), "bitte die CSV-Datei als UTF-8 speichern"},
	{regexp.MustCompile(`^could not be opened as XLSX$`), "ließ sich nicht als Excel-Datei (.xlsx) öffnen"},
	{regexp.MustCompile(`^must be \.csv or \.xlsx$`), "muss eine .csv- oder .xlsx-Datei sein"},
	{regexp.MustCompile(`^no sheet$`), "enthält kein Tabellenblatt"},
	{regexp.MustCompile(`^is listed twice$`), "ist doppelt gewählt"},
	{regexp.MustCompile(`^must list two or three participant ids$`), "braucht zwei oder drei Personen"},
	{regexp.MustCompile(`^must be one mentor and one mentee, two mentors and one mentee, or two peers$`), "muss aus Mentor:in und Mentee, zwei Mentor:innen und Mentee oder zwei Peers bestehen"},
	{regexp.MustCompile(`^participant (.+) is already in a tandem of this cohort$`), "$1 ist schon in einem Tandem dieser Runde"},
	{regexp.MustCompile(`^no participant (.+) in this cohort$`), "$1 ist nicht in dieser Runde"},
	{regexp.MustCompile(`^participants (.+) and (.+) must not be paired`), "$1 und $2 dürfen kein Tandem bilden (Ausschluss)"},
}

// reason says what is wrong with a field in lang. names, when given,
// replaces quoted participant ids by names.
func reason(lang string, d survey.FieldError, names ...map[string]string) string {
	m := d.Message
	if len(names) > 0 {
		m = nameIDs(m, names[0])
	}
	if lang != "de" {
		return m
	}
	for _, r := range reasonsDE {
		if r.re.MatchString(m) {
			return r.re.ReplaceAllString(m, r.de)
		}
	}
	return m
}

var quotedID = regexp.MustCompile(`"([a-z2-7]{16})"`)

// nameIDs replaces quoted ids that names knows by the names.
func nameIDs(s string, names map[string]string) string {
	return quotedID.ReplaceAllStringFunc(s, func(q string) string {
		if n, ok := names[strings.Trim(q, `"`)]; ok {
			return n
		}
		return q
	})
}

// conflictReason says why a change conflicts with the state.
func conflictReason(lang string, err error) string {
	switch e := err.Error(); {
	case strings.Contains(e, "e-mail address exists"):
		return msg(lang, "conflict.email")
	case strings.Contains(e, "closed"):
		return msg(lang, "conflict.closed")
	default:
		return msg(lang, "conflict.body")
	}
}

// percent formats a share (0–1) as a whole percentage in lang, or "–".
func percent(lang string, share *float64) string {
	if share == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", math.Round(*share*100))
}

// number formats v with digits decimals in lang (a decimal comma in
// German), or "–" for nil.
func number(lang string, v *float64, digits int) string {
	if v == nil {
		return "–"
	}
	s := fmt.Sprintf("%.*f", digits, *v)
	if lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
