package analytics

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"tandem/survey"
)

// view is one survey's tallies as its publication shows them: a tally per
// cell (combination of shown values), the whole survey, and the groups of
// each offered breakdown, each a union of cells. Every figure of every
// output about the survey is drawn from a view, so that what one output
// withholds no other shows.
type view struct {
	pub       *Publication
	threshold int
	all       *tally
	cells     []*tally
	groups    map[string][]group // breakdown → groups in reporting order
	plans     map[string]*figurePlan
}

// group is one group of a breakdown: a shown value and its tally.
type group struct {
	value string
	t     *tally
	// includes lists the recorded values shown as Other, among the
	// respondents, where value is Other.
	includes []string
}

// newView merges the raw tallies of a survey (tuple → tally) as pub shows
// them.
func newView(pub *Publication, raw map[tuple]*tally) *view {
	v := &view{pub: pub, threshold: pub.policy.Threshold, all: newTally(), groups: map[string][]group{},
		plans: map[string]*figurePlan{}}
	cells := map[tuple]*tally{}
	for _, t := range slices.SortedFunc(maps.Keys(raw), compareTuples) {
		v.all.merge(raw[t])
		c := pub.cell(t)
		if cells[c] == nil {
			cells[c] = newTally()
		}
		cells[c].merge(raw[t])
	}
	for _, c := range slices.SortedFunc(maps.Keys(cells), compareTuples) {
		if cells[c].responses > 0 {
			v.cells = append(v.cells, cells[c])
		}
	}
	for _, b := range pub.offered {
		v.groups[b] = groupsOf(pub, raw, attrIndex(b))
	}
	return v
}

// groupsOf merges the raw tallies by the shown value of attribute a, in
// reporting order: roles as survey.Roles lists them, other values
// alphabetically, Other last.
func groupsOf(pub *Publication, raw map[tuple]*tally, a int) []group {
	byValue := map[string]*group{}
	for _, t := range slices.SortedFunc(maps.Keys(raw), compareTuples) {
		shown := pub.Show(a, t[a])
		g := byValue[shown]
		if g == nil {
			g = &group{value: shown, t: newTally()}
			byValue[shown] = g
		}
		g.t.merge(raw[t])
		if shown == Other && raw[t].responses > 0 && !slices.Contains(g.includes, t[a]) {
			g.includes = append(g.includes, t[a])
		}
	}
	out := make([]group, 0, len(byValue))
	for _, v := range slices.SortedFunc(maps.Keys(byValue), reportOrder(a)) {
		g := *byValue[v]
		slices.Sort(g.includes)
		out = append(out, g)
	}
	return out
}

// reportOrder compares shown values of attribute a in reporting order.
func reportOrder(a int) func(x, y string) int {
	rank := func(v string) int {
		if a == attrRole {
			if i := slices.Index(survey.Roles, survey.Role(v)); i >= 0 {
				return i
			}
		}
		switch v {
		case Other:
			return len(survey.Roles) + 2
		case "":
			return len(survey.Roles) + 1
		}
		return len(survey.Roles)
	}
	return func(x, y string) int { return cmp.Or(cmp.Compare(rank(x), rank(y)), strings.Compare(x, y)) }
}

func compareTuples(a, b tuple) int {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// figurePlan says where one figure is shown. overall is the code that
// withholds it from the whole survey ("" shown); every says it may be shown
// in every group of every breakdown; otherwise first holds a code per group
// of the first offered breakdown, and the groups of the others do not show
// it.
type figurePlan struct {
	overall string
	every   bool
	first   []string
	// per holds, without protection, a code per group of each breakdown,
	// decided one breakdown at a time as the first release did.
	per map[string][]string
}

// measure says how many answers (or respondents) a figure rests on in a
// tally.
type measure func(*tally) int

// small reports whether n is more than nobody and fewer than k.
func small(n, k int) bool { return n > 0 && n < k }

// plan decides where figure id is shown. Each of ms counts a set of
// respondents the figure says something about (its answers; for a
// dimension, also those who answered part of it); codes[j] is the code for
// a group where ms[j] is too small (the last code serves the rest).
func (v *view) plan(id string, codes []string, ms ...measure) *figurePlan {
	if p, ok := v.plans[id]; ok {
		return p
	}
	k := v.threshold
	p := &figurePlan{}
	v.plans[id] = p
	code := func(j int) string { return codes[min(j, len(codes)-1)] }
	for j, m := range ms {
		if small(m(v.all), k) {
			p.overall = code(j)
			return p
		}
	}
	if v.pub.policy.Unprotected {
		p.per = map[string][]string{}
		for b, gs := range v.groups {
			p.per[b] = Suppress(groupMeasures(gs, ms[0]), nil, k, code(0))
		}
		return p
	}
	p.every = true
	for _, c := range v.cells {
		for _, m := range ms {
			if small(m(c), k) {
				p.every = false
			}
		}
	}
	if !p.every && len(v.pub.offered) > 0 {
		p.first = suppressAll(v.groups[v.pub.offered[0]], k, code, ms)
	}
	return p
}

// suppressAll applies Suppress to the groups gs for every measure at
// once: what one measure withholds counts as withheld for the others,
// until no measure withholds more.
func suppressAll(gs []group, k int, code func(int) string, ms []measure) []string {
	out := make([]string, len(gs))
	withheld := make([]bool, len(gs))
	for changed := true; changed; {
		changed = false
		for j, m := range ms {
			for i, c := range Suppress(groupMeasures(gs, m), withheld, k, code(j)) {
				if c != "" && !withheld[i] {
					withheld[i], out[i], changed = true, c, true
				}
			}
		}
	}
	return out
}

func groupMeasures(gs []group, m measure) []int {
	ns := make([]int, len(gs))
	for i, g := range gs {
		ns[i] = m(g.t)
	}
	return ns
}

// withheld is whether figure id is withheld in group i of breakdown by
// ("" for the whole survey, i ignored), and why; ms count the respondents
// it rests on (see plan).
func (v *view) withheld(id string, codes []string, by string, i int, ms ...measure) Withheld {
	p := v.plan(id, codes, ms...)
	k := v.threshold
	switch {
	case p.overall != "":
		return withhold(p.overall, k, "")
	case by == "":
		return Withheld{}
	case p.per != nil:
		if c := p.per[by][i]; c != "" {
			return withhold(c, k, "")
		}
		return Withheld{}
	case p.every:
		return Withheld{}
	case len(v.pub.offered) > 0 && by == v.pub.offered[0]:
		if c := p.first[i]; c != "" {
			return withhold(c, k, "")
		}
		return Withheld{}
	}
	return withhold(CodeCombination, k, "")
}

// commentsWithheld is whether the comments to item it are withheld in
// group i of breakdown by ("" for the whole survey). Comments are quotes:
// who wrote one is hidden among the respondents who were asked the item,
// so those must be at least the threshold in every set the comment can be
// placed in; and a comment follows only the first breakdown, so that two
// breakdowns never narrow down its author.
func (v *view) commentsWithheld(it survey.Item, by string, i int) Withheld {
	if v.pub.policy.Unprotected {
		return Withheld{}
	}
	if by != "" && by != v.pub.offered[0] {
		return withhold(CodeCombination, v.threshold, "")
	}
	asked := func(t *tally) int { return t.asked(it) }
	return v.withheld("comments/"+it.Key, []string{CodeFewAsked}, by, i, asked)
}
