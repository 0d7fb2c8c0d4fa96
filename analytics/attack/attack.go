package attack

import (
	"fmt"
	"slices"

	"tandem/analytics"
	"tandem/survey"
)

// Person is a participant as the attacker knows them: the participant
// list with its attributes (role, department, generation, region).
type Person struct {
	ID    string
	Attrs map[string]string
}

// World is what the attacker knows without any output of tandem: the
// people, who answered each survey (organisers see who has not answered
// yet), and the questionnaires (which roles are asked which item).
type World struct {
	Threshold   int
	People      map[string]Person
	Respondents map[string][]string // survey id → people who answered it
	// Asked tells whether role is asked item key of survey id.
	Asked func(surveyID, key string, role survey.Role) bool
}

// Truth is what the test knows and the attacker does not: who answered
// which item of which survey, who wrote which comment, and everyone's
// answers (to tell whose a row is).
type Truth struct {
	// Answered holds, per quantity ("<survey id>/<item key>"), the people
	// who answered it.
	Answered map[string]map[string]bool
	// Partial holds, per "<survey id>/dimension/<key>", the people who
	// answered some but not all of its items.
	Partial map[string]map[string]bool
	// Authors maps each comment (every text is unique) to its writer.
	Authors map[string]string
	// Answers holds, per survey and person, the scale and choice answers
	// as a row shows them (item key → value).
	Answers map[string]map[string]map[string]string
}

// Outputs is everything one audience fetched.
type Outputs struct {
	// Results holds the results of every survey by every breakdown
	// asked for (including the ones not offered).
	Results []analytics.ResultsJSON
	// Summaries are the cohorts' summaries.
	Summaries []analytics.SummaryJSON
	// Rows are the per-response rows released.
	Rows []Row
	// Timeline holds looks at the overall results of surveys taken while
	// they ran, in the order taken.
	Timeline []analytics.ResultsJSON
}

// Row is one per-response row: its survey, its attributes as shown, and
// its answers (item key → value, as the CSV writes them).
type Row struct {
	Survey  string
	Attrs   map[string]string
	Answers map[string]string
}

// Finding is one thing an attack learnt about fewer than the threshold.
type Finding struct {
	Attack string // "comments", "rows", "differencing", "timeline", "small group"
	Detail string
}

func (f Finding) String() string { return f.Attack + ": " + f.Detail }

// Run runs every attack and returns what they found.
func Run(w World, t Truth, o Outputs) []Finding {
	var out []Finding
	out = append(out, SmallGroups(w, o)...)
	out = append(out, Comments(w, t, o)...)
	out = append(out, Differencing(w, t, o)...)
	out = append(out, Rows(w, t, o)...)
	out = append(out, Timeline(w, o)...)
	return out
}

// SmallGroups reports every shown group of fewer than the threshold.
func SmallGroups(w World, o Outputs) []Finding {
	var out []Finding
	for _, r := range o.Results {
		for _, g := range r.Groups {
			if !g.Suppressed && g.GroupFigures != nil && g.N > 0 && g.N < w.Threshold {
				out = append(out, Finding{"small group", fmt.Sprintf("survey %s by %v: %d responses", r.SurveyID, g.By, g.N)})
			}
		}
	}
	return out
}

// members are the respondents of survey surveyID that group g of the
// results r holds, as the attacker works them out: everyone without a
// breakdown; those with the group's value; for the group of Other, those
// whose value no other group of r names.
func members(w World, r analytics.ResultsJSON, g analytics.GroupJSON) []string {
	resp := w.Respondents[r.SurveyID]
	if r.Breakdown == "" {
		return resp
	}
	value := g.By[r.Breakdown]
	var named []string
	for _, other := range r.Groups {
		if v := other.By[r.Breakdown]; v != analytics.Other {
			named = append(named, v)
		}
	}
	var out []string
	for _, id := range resp {
		v := w.People[id].Attrs[r.Breakdown]
		if value == analytics.Other && !slices.Contains(named, v) || value != analytics.Other && v == value {
			out = append(out, id)
		}
	}
	return out
}

// asked keeps the people of ids whose role is asked item key of survey id.
func asked(w World, surveyID, key string, ids []string) []string {
	var out []string
	for _, id := range ids {
		if w.Asked(surveyID, key, survey.Role(w.People[id].Attrs["role"])) {
			out = append(out, id)
		}
	}
	return out
}
