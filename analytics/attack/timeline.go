package attack

import (
	"fmt"

	"tandem/analytics"
)

// Timeline compares looks at a survey taken one after another while it
// ran: where a figure is shown in both and rests on a few more answers in
// the later one, the difference is the figure of those few.
func Timeline(w World, o Outputs) []Finding {
	last := map[string]analytics.ResultsJSON{}
	var out []Finding
	for _, r := range o.Timeline {
		if prev, ok := last[r.SurveyID]; ok {
			for key, n := range shownCounts(r) {
				if m, ok := shownCounts(prev)[key]; ok && n-m > 0 && n-m < w.Threshold {
					out = append(out, Finding{"timeline", fmt.Sprintf("survey %s, %s: two looks differ by %d answers", r.SurveyID, key, n-m)})
				}
			}
		}
		last[r.SurveyID] = r
	}
	return out
}

// shownCounts maps each figure shown without breakdown to its n.
func shownCounts(r analytics.ResultsJSON) map[string]int {
	out := map[string]int{}
	for _, g := range r.Groups {
		if g.Suppressed || g.GroupFigures == nil {
			continue
		}
		for _, it := range g.Items {
			if it.ItemFigures != nil {
				out[it.Key] = it.N
			}
		}
		for _, c := range g.Choices {
			if c.ChoiceFigures != nil {
				out[c.Key] = c.N
			}
		}
	}
	return out
}
