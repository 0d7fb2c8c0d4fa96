package attack

import (
	"fmt"
	"maps"
	"slices"
)

// Comments places each comment in every group that shows it, across every
// breakdown of its survey, and intersects those groups (with the people
// asked the question): a comment narrowed to fewer than the threshold of
// people, its writer among them, is a finding.
func Comments(w World, t Truth, o Outputs) []Finding {
	candidates := map[string]map[string]bool{} // text → people it may be from
	narrow := func(text string, ids []string) {
		set := map[string]bool{}
		for _, id := range ids {
			set[id] = true
		}
		if c, ok := candidates[text]; ok {
			maps.DeleteFunc(c, func(id string, _ bool) bool { return !set[id] })
			return
		}
		candidates[text] = set
	}
	for _, r := range o.Results {
		for _, g := range r.Groups {
			if g.Suppressed || g.GroupFigures == nil {
				continue
			}
			in := members(w, r, g)
			for _, c := range g.Comments {
				for _, text := range c.Texts {
					narrow(text, asked(w, r.SurveyID, c.Key, in))
				}
			}
		}
	}
	var out []Finding
	for _, text := range slices.Sorted(maps.Keys(candidates)) {
		c := candidates[text]
		author, known := t.Authors[text]
		if known && c[author] && len(c) < w.Threshold {
			out = append(out, Finding{"comments", fmt.Sprintf("%q narrowed to %d people, its writer among them", text, len(c))})
		}
	}
	return out
}
