package exports

import (
	"fmt"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

// Languages the workbook is written in.
var reportLanguages = []string{"de", "en"}

// messages holds every fixed text of the workbook, by language and key. A
// test checks that both languages have the same keys.
var messages = map[string]map[string]string{
	"de": {
		"sheet.summary": "Übersicht", "sheet.dimensions": "Dimensionen", "sheet.items": "Fragen",
		"sheet.change": "Veränderung", "sheet.topics": "Themen", "sheet.comments": "Kommentare",
		"sheet.responses": "Antworten", "sheet.method": "Methode",

		"doc.title":           "Auswertung %s – %s",
		"doc.subject":         "Auswertung eines Reverse-Mentoring-Programms",
		"title":               "Auswertung des Reverse-Mentoring-Programms",
		"program":             "Programm",
		"cohort":              "Runde",
		"starts":              "Beginn",
		"ends":                "Ende",
		"as_of":               "Datenstand",
		"threshold":           "Anonymitätsschwelle (Antworten je Gruppe)",
		"mode":                "Modus",
		"mode.confidential":   "vertraulich (Antworten über ein Pseudonym verknüpft)",
		"mode.anonymous":      "anonym (Antworten nicht verknüpft)",
		"headline":            "Kennzahlen (Abschlussbefragung)",
		"figure":              "Kennzahl",
		"value":               "Wert",
		"ci_lo":               "95-%-KI von",
		"ci_hi":               "95-%-KI bis",
		"n":                   "n",
		"note":                "Hinweis",
		"satisfaction":        "Gesamtzufriedenheit (1–5)",
		"of5":                 `0.0" von 5"`,
		"nps":                 "Net Promoter Score (−100 bis +100)",
		"nps.note":            "Promotoren %d, Passive %d, Detraktoren %d",
		"continuation":        "Tandems, die sich weiter treffen wollen",
		"continuation.note":   "ja %d, nein %d, unentschlossen %d",
		"no_final":            "keine Abschlussbefragung",
		"not_asked":           "in dieser Befragung nicht gefragt",
		"no_answers":          "keine Antworten",
		"participation":       "Beteiligung je Befragung",
		"phase":               "Phase",
		"opened_on":           "Geöffnet am",
		"invited":             "Eingeladen",
		"opened":              "Geöffnet",
		"submitted":           "Abgeschickt",
		"response_rate":       "Rücklaufquote",
		"rate_of":             "Rücklauf %s",
		"chart.response_rate": "Rücklaufquote je Befragung",
		"no_invitations":      "keine Einladungen",

		"dimensions.title": "Nutzendimensionen nach Rolle (Abschlussbefragung)",
		"dimensions.note":  "Skala 1–5: Mittelwert der Werte der Befragten (je Person der Mittelwert ihrer beantworteten Fragen der Dimension); n = Befragte.",
		"dimension":        "Dimension",
		"all":              "Alle",
		"mean":             "Mittelwert",
		"sd":               "SD",
		"alpha":            "Cronbachs α",
		"chart.data":       "Daten der Grafik (unterdrückte Werte bleiben leer)",
		"chart.dimensions": "Nutzendimensionen nach Rolle (Mittelwert 1–5)",

		"items.title":     "Alle Fragen mit Skala, je Befragung",
		"items.note":      "Verteilung: Anteil der Antworten je Skalenwert, farbig hinterlegt (je dunkler, desto häufiger).",
		"item":            "Schlüssel",
		"question":        "Frage",
		"median":          "Median",
		"top2":            "Top-2-Box (4 oder 5)",
		"scale10":         "Skala 0–10: Verteilung unten",
		"recommend.title": "Weiterempfehlung (Skala 0–10): Anteil der Antworten je Wert",

		"change.title":     "Veränderung und Vergleiche",
		"change.mid":       "Halbzeit → Abschluss (alle Befragten, unverbunden, Welch-Test)",
		"change.roles":     "Mentor:innen und Mentees im Vergleich (Abschlussbefragung, Welch-Test)",
		"change.knowledge": "Wissenszuwachs je Thema (Kick-off → Abschluss, gepaarter t-Test)",
		"midpoint_n":       "Halbzeit n",
		"midpoint_mean":    "Halbzeit Mittelwert",
		"final_n":          "Abschluss n",
		"final_mean":       "Abschluss Mittelwert",
		"mentor_n":         "Mentor n",
		"mentor_mean":      "Mentor Mittelwert",
		"mentee_n":         "Mentee n",
		"mentee_mean":      "Mentee Mittelwert",
		"difference":       "Differenz",
		"p":                "p-Wert",
		"g":                "Hedges' g",
		"topic":            "Thema",
		"pairs":            "Paare",
		"before":           "Vorher",
		"after":            "Nachher",
		"gain":             "Zuwachs",
		"needs_mid_final":  "braucht eine Halbzeit- und eine Abschlussbefragung",
		"chart.change":     "Halbzeit und Abschluss (Mittelwert 1–5)",
		"chart.knowledge":  "Wissen je Thema vorher und nachher (1–5)",

		"topics.title":    "Themenwahl und wichtigster Nutzen",
		"topics.votes":    "Themenwahl beim Kick-off (Mehrfachauswahl)",
		"topics.benefits": "Wichtigster Nutzen (Abschlussbefragung, Mehrfachauswahl)",
		"rank":            "Rang",
		"benefit":         "Nutzen",
		"votes":           "Stimmen",
		"share":           "Anteil der Befragten",
		"respondents":     "Befragte, die etwas gewählt haben: %d",
		"no_kickoff":      "keine Kick-off-Befragung",
		"chart.votes":     "Themenwahl (Stimmen)",
		"chart.benefits":  "Wichtigster Nutzen (Nennungen)",

		"comments.title": "Kommentare je Frage und Gruppe",
		"comments.note":  "Ohne Namen, gemischt (nicht in der Reihenfolge des Eingangs); je Gruppe der ersten Aufteilung, die das Programm ausweist. Was fehlt und warum: Blatt Methode.",
		"role":           "Rolle",
		"comment":        "Kommentar",

		"responses.title": "Antworten, eine Zeile je Rückmeldung (pseudonym)",
		"responses.note":  "Merkmalswerte, die eine Kombination unter der Anonymitätsschwelle ergäben, stehen als „andere“; Freitexte stehen nur im Blatt Kommentare. Regeln: Blatt Methode.",
		"responses.none":  "Keine Zeilen: keine Befragung dieser Runde erfüllt die Regeln für Einzelzeilen (Blatt Methode).",
		"no":              "Nr.",
		"survey":          "Befragung",
		"department":      "Bereich",
		"generation":      "Generation",
		"region":          "Region",
		"language":        "Sprache",
		"other":           "andere",
		"not_shown":       "nicht ausgewiesen",

		"method.title":       "Methode und Vertraulichkeit",
		"term":               "Begriff",
		"definition":         "Definition",
		"suppressed.title":   "In dieser Auswertung unterdrückt",
		"where":              "Wo",
		"why":                "Warum",
		"recoding":           "Merkmale",
		"nothing_suppressed": "Nichts unterdrückt.",
		"recoding.title":     "Blatt Antworten und Rohdaten: Vergröberung der Merkmale",
		"recoding.left_out":  "keine Zeilen",
		"recoding.other":     "%d Wert(e) als „andere“",
		"recoding.not_shown": "nicht ausgewiesen (Kombination)",
		"recoding.kept":      "unverändert",

		"phase.intake": "Bedarfsabfrage", "phase.kickoff": "Kick-off", "phase.checkin": "Check-in",
		"phase.midpoint": "Halbzeit", "phase.final": "Abschluss",
		"role.mentor": "Mentor:in", "role.mentee": "Mentee", "role.peer": "Peer",

		"suppressed":                   "unterdrückt",
		"reason.few_responses":         "unterdrückt: weniger als {n} Rückmeldungen",
		"reason.few_answers":           "unterdrückt: weniger als {n} Antworten",
		"reason.few_asked":             "unterdrückt: weniger als {n} Befragten wurde die Frage gestellt",
		"reason.complement":            "unterdrückt: sonst ließe sich eine andere kleine Gruppe erschließen",
		"reason.combination":           "nur in der ersten Aufteilung gezeigt: zwei Aufteilungen zusammen könnten eine kleine Gruppe herausgreifen",
		"reason.survey_open":           "wird gezeigt, sobald die Befragung beendet ist",
		"reason.breakdown_not_offered": "das Programm weist keine Ergebnisse nach {attribute} aus",
		"reason.breakdown_too_small":   "zu wenige Befragte, um nach {attribute} aufzuteilen, ohne Einzelne erkennbar zu machen",
		"reason.roles_combined":        "eine Rolle hat weniger als {n} Befragte und wird mit einer anderen zusammen gezeigt",
		"reason.anonymous_mode":        "anonymer Modus: Antworten werden nicht über Phasen verknüpft",
		"reason.needs_surveys":         "braucht eine beendete Kick-off- und eine beendete Abschlussbefragung",
		"reason.rows_not_released":     "das Programm gibt keine Einzelzeilen heraus",
		"reason.rows_small_role":       "eine Rolle hat weniger als {n} Befragte: ihre Zeilen zeigten, wer sie sind",
	},
	"en": {
		"sheet.summary": "Summary", "sheet.dimensions": "Dimensions", "sheet.items": "Items",
		"sheet.change": "Change", "sheet.topics": "Topics", "sheet.comments": "Comments",
		"sheet.responses": "Responses", "sheet.method": "Method",

		"doc.title":           "Evaluation %s – %s",
		"doc.subject":         "Evaluation of a reverse-mentoring program",
		"title":               "Evaluation of the reverse-mentoring program",
		"program":             "Program",
		"cohort":              "Cohort",
		"starts":              "Starts",
		"ends":                "Ends",
		"as_of":               "Data as of",
		"threshold":           "Anonymity threshold (responses per group)",
		"mode":                "Mode",
		"mode.confidential":   "confidential (responses linked through a pseudonym)",
		"mode.anonymous":      "anonymous (responses not linked)",
		"headline":            "Headline figures (final survey)",
		"figure":              "Figure",
		"value":               "Value",
		"ci_lo":               "95% CI from",
		"ci_hi":               "95% CI to",
		"n":                   "n",
		"note":                "Note",
		"satisfaction":        "Overall satisfaction (1–5)",
		"of5":                 `0.0" of 5"`,
		"nps":                 "Net Promoter Score (−100 to +100)",
		"nps.note":            "promoters %d, passives %d, detractors %d",
		"continuation":        "Tandems that mean to keep meeting",
		"continuation.note":   "yes %d, no %d, undecided %d",
		"no_final":            "no final survey",
		"not_asked":           "not asked in this survey",
		"no_answers":          "no answers",
		"participation":       "Participation per survey",
		"phase":               "Phase",
		"opened_on":           "Opened on",
		"invited":             "Invited",
		"opened":              "Opened",
		"submitted":           "Submitted",
		"response_rate":       "Response rate",
		"rate_of":             "Response rate %s",
		"chart.response_rate": "Response rate per survey",
		"no_invitations":      "no invitations",

		"dimensions.title": "Benefit dimensions by role (final survey)",
		"dimensions.note":  "Scale 1–5: mean of the respondents' scores (each person's mean of their answered items of the dimension); n = respondents.",
		"dimension":        "Dimension",
		"all":              "All",
		"mean":             "Mean",
		"sd":               "SD",
		"alpha":            "Cronbach's α",
		"chart.data":       "Chart data (suppressed values left empty)",
		"chart.dimensions": "Benefit dimensions by role (mean 1–5)",

		"items.title":     "Every scale item, per survey",
		"items.note":      "Distribution: share of answers per scale value, shaded (the darker, the more frequent).",
		"item":            "Key",
		"question":        "Question",
		"median":          "Median",
		"top2":            "Top-2-box (4 or 5)",
		"scale10":         "0–10 scale: distribution below",
		"recommend.title": "Recommendation (0–10 scale): share of answers per value",

		"change.title":     "Change and comparisons",
		"change.mid":       "Half-time → final (all respondents, unpaired, Welch's test)",
		"change.roles":     "Mentors and mentees compared (final survey, Welch's test)",
		"change.knowledge": "Knowledge gain per topic (kick-off → final, paired t test)",
		"midpoint_n":       "Half-time n",
		"midpoint_mean":    "Half-time mean",
		"final_n":          "Final n",
		"final_mean":       "Final mean",
		"mentor_n":         "Mentor n",
		"mentor_mean":      "Mentor mean",
		"mentee_n":         "Mentee n",
		"mentee_mean":      "Mentee mean",
		"difference":       "Difference",
		"p":                "p-value",
		"g":                "Hedges' g",
		"topic":            "Topic",
		"pairs":            "Pairs",
		"before":           "Before",
		"after":            "After",
		"gain":             "Gain",
		"needs_mid_final":  "needs a half-time and a final survey",
		"chart.change":     "Half-time and final (mean 1–5)",
		"chart.knowledge":  "Knowledge per topic before and after (1–5)",

		"topics.title":    "Topic vote and top benefits",
		"topics.votes":    "Topic vote at the kick-off (multiple choice)",
		"topics.benefits": "Top benefits (final survey, multiple choice)",
		"rank":            "Rank",
		"benefit":         "Benefit",
		"votes":           "Votes",
		"share":           "Share of respondents",
		"respondents":     "Respondents who ticked anything: %d",
		"no_kickoff":      "no kick-off survey",
		"chart.votes":     "Topic vote (votes)",
		"chart.benefits":  "Top benefits (mentions)",

		"comments.title": "Comments per question and group",
		"comments.note":  "Without names, shuffled (not in the order they came in); per group of the first breakdown the program publishes. What is left out and why: Method sheet.",
		"role":           "Role",
		"comment":        "Comment",

		"responses.title": "Responses, one row per response (pseudonymous)",
		"responses.note":  "Attribute values that would make a combination smaller than the anonymity threshold show as “other”; free text is on the Comments sheet only. Rules: Method sheet.",
		"responses.none":  "No rows: no survey of this round meets the rules for per-response rows (Method sheet).",
		"no":              "No.",
		"survey":          "Survey",
		"department":      "Department",
		"generation":      "Generation",
		"region":          "Region",
		"language":        "Language",
		"other":           "other",
		"not_shown":       "not shown",

		"method.title":       "Method and confidentiality",
		"term":               "Term",
		"definition":         "Definition",
		"suppressed.title":   "Suppressed in this workbook",
		"where":              "Where",
		"why":                "Why",
		"recoding":           "Attributes",
		"nothing_suppressed": "Nothing suppressed.",
		"recoding.title":     "Responses sheet and raw data: attributes coarsened",
		"recoding.left_out":  "no rows",
		"recoding.other":     "%d value(s) shown as “other”",
		"recoding.not_shown": "not shown (combination)",
		"recoding.kept":      "as recorded",

		"phase.intake": "Intake", "phase.kickoff": "Kick-off", "phase.checkin": "Check-in",
		"phase.midpoint": "Half-time", "phase.final": "Final",
		"role.mentor": "Mentor", "role.mentee": "Mentee", "role.peer": "Peer",

		"suppressed":                   "suppressed",
		"reason.few_responses":         "suppressed: fewer than {n} responses",
		"reason.few_answers":           "suppressed: fewer than {n} answers",
		"reason.few_asked":             "suppressed: fewer than {n} respondents were asked the question",
		"reason.complement":            "suppressed: another small group could otherwise be worked out",
		"reason.combination":           "shown in the first breakdown only: two breakdowns together could single out a small group",
		"reason.survey_open":           "shown once the survey has closed",
		"reason.breakdown_not_offered": "the program does not publish results by {attribute}",
		"reason.breakdown_too_small":   "too few respondents to break down by {attribute} without singling people out",
		"reason.roles_combined":        "a role has fewer than {n} respondents and is shown together with another",
		"reason.anonymous_mode":        "anonymous mode: responses are not linked across phases",
		"reason.needs_surveys":         "needs a closed kick-off and a closed final survey",
		"reason.rows_not_released":     "the program does not release per-response rows",
		"reason.rows_small_role":       "a role has fewer than {n} respondents: their rows would show who they are",
	},
}

// tr is the texts of one language.
type tr struct {
	lang      string
	cat       *survey.Catalog
	threshold int // the program's anonymity threshold, for the reasons
}

// t returns the text of key, formatted with args when given.
func (t tr) t(key string, args ...any) string {
	s, ok := messages[t.lang][key]
	if !ok {
		panic("exports: no text " + key + " in " + t.lang) // a defect; the texts test catches it
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

func (t tr) phase(p survey.Phase) string { return t.t("phase." + string(p)) }

func (t tr) role(r string) string {
	if _, ok := messages[t.lang]["role."+r]; ok {
		return t.t("role." + r)
	}
	return r
}

func (t tr) dimension(d string) string {
	if l, ok := survey.DimensionLabels[d]; ok {
		return l.In(t.lang)
	}
	return d
}

// option is the label of option value of the item key in phase p, or the
// value itself when the catalog does not know it.
func (t tr) option(p survey.Phase, key, value string) string {
	if q := t.cat.Phase(p); q != nil {
		if it, ok := q.Item(key); ok {
			for _, o := range it.Options {
				if o.Value == value {
					return o.Label.In(t.lang)
				}
			}
		}
	}
	return value
}

// topic is the label of a program topic, as the kick-off topic vote names it.
func (t tr) topic(topic string) string { return t.option(survey.PhaseKickoff, "topics", topic) }

// reason words why a figure is withheld, from the code analytics gives.
func (t tr) reason(w analytics.Withheld) string {
	key := "reason." + w.Code
	if _, ok := messages[t.lang][key]; !ok {
		return t.t("suppressed")
	}
	attr := w.Attribute
	if _, ok := messages[t.lang][attr]; ok {
		attr = t.t(attr)
	}
	n := w.Threshold
	if n == 0 {
		n = t.threshold
	}
	return strings.NewReplacer("{n}", fmt.Sprint(n), "{attribute}", attr).Replace(t.t(key))
}
