package demo

import (
	"math/rand/v2"
	"slices"
)

// The free-text answers of the demo, by item key and language. Within one
// survey each text is used at most once. The first of a list is dealt
// first, so a comment that matters for a check (the one starting with "=",
// which a spreadsheet would take for a formula) turns up whenever anyone
// comments at all.
var texts = map[string]map[string][]string{
	"went_well": {
		"de": {
			"Sehr offene Gespräche, ich habe viel über Instagram und TikTok gelernt.",
			"Die Treffen beim Mittagessen waren entspannt und trotzdem produktiv.",
			"Endlich traue ich mich, Teams-Kanäle selbst anzulegen.",
			"Spannend zu sehen, wie die Geschäftsleitung Entscheidungen abwägt.",
			"Mein Mentor hat jede Sitzung genau auf meine Fragen zugeschnitten.",
			"Wir haben KI-Werkzeuge an echten Aufgaben ausprobiert – großartig.",
			"Man begegnet sich wirklich auf Augenhöhe.",
		},
		"en": {
			"Really open conversations; I learned a lot about how my team uses Slack.",
			"Trying the tools hands-on at my own desk made all the difference.",
			"Great insight into what keeps a managing director up at night.",
			"We met every other week and never ran out of topics.",
		},
	},
	"improve": {
		"de": {
			"=Mehr Zeit für Praxis wäre gut",
			"Termine waren schwer zu finden, feste Slots im Kalender würden helfen.",
			"Ein gemeinsames Auftakttreffen aller Tandems wäre schön gewesen.",
			"Die monatlichen Themenpakete kamen manchmal zu spät.",
			"Mehr Austausch unter den Mentorinnen und Mentoren wäre hilfreich.",
		},
		"en": {
			"Shorter check-in surveys, please.",
			"Some sessions were cancelled at short notice because of travel.",
			"A shared list of tools to try between meetings would help.",
		},
	},
	"expectations": {
		"de": {
			"Ich möchte verstehen, wie jüngere Kolleginnen und Kollegen arbeiten.",
			"Einblick in die Arbeit und die Überlegungen der Führungsebene.",
			"Praktische Tipps für LinkedIn und Teams.",
			"Mein Netzwerk im Unternehmen erweitern.",
		},
		"en": {
			"Learn how to use AI tools in my daily work.",
			"Get to know a part of the company I rarely see.",
		},
	},
	"goals": {
		"de": {
			"Bis zum Sommer einen eigenen LinkedIn-Beitrag veröffentlichen.",
			"Videokonferenzen souverän selbst leiten.",
			"Ein kleines Projekt mit einer Führungskraft gemeinsam umsetzen.",
		},
		"en": {
			"Run my team's weekly meeting entirely in Teams.",
			"Build a small prototype with a no-code tool.",
		},
	},
	"session_note": {
		"de": {
			"Heute ging es um Videocalls mit mehreren Standorten.",
			"Wir haben zusammen das Intranet-Profil überarbeitet.",
			"Spannende Diskussion über Datenschutz bei KI-Tools.",
		},
		"en": {
			"We set up my first Teams channel together.",
			"Short session, but a good one on mobile apps.",
		},
	},
}

// deck deals the texts of one survey, each at most once: the first of
// each list first, the others in random order.
type deck struct {
	rng  *rand.Rand
	left map[string][]string
}

func newDeck(rng *rand.Rand) *deck { return &deck{rng: rng, left: map[string][]string{}} }

// next returns the next unused text for key in lang, if any is left.
func (d *deck) next(key, lang string) (string, bool) {
	k := key + "/" + lang
	left, dealt := d.left[k]
	if !dealt {
		left = slices.Clone(texts[key][lang])
		if len(left) > 1 {
			rest := left[1:]
			d.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		}
	}
	if len(left) == 0 {
		return "", false
	}
	d.left[k] = left[1:]
	return left[0], true
}
