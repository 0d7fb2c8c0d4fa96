package attack

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

// Rows links per-response rows to people. A row's attributes and the
// questions it answers narrow it to some respondents; then, breakdown by
// breakdown, the rows that fit the answer distributions of one group only
// are put in it and their answers subtracted from its distributions, until
// nothing changes. A row narrowed to fewer than the threshold of people,
// its author among them, is a finding.
func Rows(w World, t Truth, o Outputs) []Finding {
	bySurvey := map[string][]Row{}
	for _, r := range o.Rows {
		bySurvey[r.Survey] = append(bySurvey[r.Survey], r)
	}
	var out []Finding
	for _, s := range slices.Sorted(maps.Keys(bySurvey)) {
		out = append(out, linkRows(w, t, o, s, bySurvey[s])...)
	}
	return out
}

func linkRows(w World, t Truth, o Outputs, surveyID string, rows []Row) []Finding {
	cands := make([]map[string]bool, len(rows))
	for i, r := range rows {
		cands[i] = rowCandidates(w, surveyID, r, rows)
	}
	for _, res := range o.Results {
		if res.SurveyID != surveyID || res.Breakdown == "" || len(res.Groups) == 0 {
			continue
		}
		for i, g := range assignRows(res, rows) {
			if g < 0 {
				continue
			}
			in := map[string]bool{}
			for _, id := range members(w, res, res.Groups[g]) {
				in[id] = true
			}
			maps.DeleteFunc(cands[i], func(id string, _ bool) bool { return !in[id] })
		}
	}
	var out []Finding
	for i, r := range rows {
		author, ok := authorOf(t, surveyID, r)
		if ok && cands[i][author] && len(cands[i]) < w.Threshold {
			out = append(out, Finding{"rows", fmt.Sprintf("a row of survey %s narrowed to %d people, its author among them", surveyID, len(cands[i]))})
		}
	}
	return out
}

// rowCandidates are the respondents a row can be from by its attributes
// and the questions it answers.
func rowCandidates(w World, surveyID string, r Row, rows []Row) map[string]bool {
	out := map[string]bool{}
	for _, id := range w.Respondents[surveyID] {
		p := w.People[id]
		fits := true
		for a, v := range r.Attrs {
			if v == analytics.Other {
				fits = fits && !slices.Contains(namedValues(rows, a), p.Attrs[a])
			} else {
				fits = fits && p.Attrs[a] == v
			}
		}
		for key := range r.Answers {
			fits = fits && w.Asked(surveyID, key, survey.Role(p.Attrs["role"]))
		}
		if fits {
			out[id] = true
		}
	}
	return out
}

// namedValues are the values of attribute a that rows show as themselves.
func namedValues(rows []Row, a string) []string {
	var out []string
	for _, r := range rows {
		if v, ok := r.Attrs[a]; ok && v != analytics.Other && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// assignRows puts rows into the groups of res where only one group fits
// them, subtracting as it goes; it returns each row's group, or -1.
func assignRows(res analytics.ResultsJSON, rows []Row) []int {
	remaining := make([]map[string]map[string]int, len(res.Groups))
	for gi, g := range res.Groups {
		remaining[gi] = distributions(g)
	}
	got := make([]int, len(rows))
	for i := range got {
		got[i] = -1
	}
	for changed := true; changed; {
		changed = false
		for i, r := range rows {
			if got[i] >= 0 {
				continue
			}
			fit := -1
			for gi, g := range res.Groups {
				if !fits(res.Breakdown, g, remaining[gi], r) {
					continue
				}
				if fit >= 0 {
					fit = -2 // more than one
					break
				}
				fit = gi
			}
			if fit < 0 {
				continue
			}
			got[i], changed = fit, true
			for key, v := range r.Answers {
				for _, x := range strings.Split(v, ";") {
					if d := remaining[fit][key]; d != nil {
						d[x]--
					}
				}
			}
		}
	}
	return got
}

// distributions are the answer counts group g shows: item key → value →
// answers (scale items) or ticks (choice options).
func distributions(g analytics.GroupJSON) map[string]map[string]int {
	out := map[string]map[string]int{}
	if g.Suppressed || g.GroupFigures == nil {
		return out
	}
	for _, it := range g.Items {
		if it.ItemFigures != nil {
			out[it.Key] = maps.Clone(it.Distribution)
		}
	}
	for _, c := range g.Choices {
		if c.ChoiceFigures != nil {
			out[c.Key] = maps.Clone(c.Counts)
		}
	}
	return out
}

// fits reports whether row r can be in group g of breakdown by, whose
// answers not yet placed are remaining.
func fits(by string, g analytics.GroupJSON, remaining map[string]map[string]int, r Row) bool {
	if v, ok := r.Attrs[by]; ok && v != g.By[by] {
		return false
	}
	if g.Suppressed || g.GroupFigures == nil {
		return true // nothing shown to rule it out
	}
	for key, v := range r.Answers {
		d, shown := remaining[key]
		if !shown {
			continue
		}
		for _, x := range strings.Split(v, ";") {
			if d[x] <= 0 {
				return false
			}
		}
	}
	return true
}

// authorOf finds the one respondent whose answers are the row's.
func authorOf(t Truth, surveyID string, r Row) (string, bool) {
	var found []string
	for id, answers := range t.Answers[surveyID] {
		if maps.Equal(answers, r.Answers) {
			found = append(found, id)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

// FormatNum writes a scale answer as rows and distributions do.
func FormatNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
