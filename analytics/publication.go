package analytics

import (
	"cmp"
	"maps"
	"slices"

	"tandem/survey"
)

// The publication model. What one audience can get about a survey (every
// breakdown, every output: API, HR pages, workbook, raw rows) must not let
// anyone compute anything about fewer respondents than the threshold, not
// even by combining outputs. The rule that guarantees it:
//
//  1. A program chooses its breakdowns (attributes of survey.Attributes)
//     and whether it releases rows before its first response; both are
//     fixed after it, so that nobody can look at one breakdown, switch and
//     difference the two.
//  2. Per survey, the respondents' values of the combination attributes
//     (the breakdowns, plus the role when rows are released, because a
//     row's questions tell its role) are coarsened: rare values are shown
//     as Other until every non-empty combination of shown values holds at
//     least the threshold of respondents (k-anonymity). A breakdown left
//     with one shown value is not offered.
//  3. Every published group is a union of such combinations (cells), so
//     every set that can be derived from published groups by adding and
//     subtracting is a union of cells too: empty or at least the threshold.
//  4. A figure rests on its answers, not on every respondent; per figure,
//     if every cell holds 0 or at least threshold answers, it is shown in
//     every group; otherwise only overall and in the groups of the first
//     breakdown, where Suppress withholds the small groups and their
//     complement. Either way every derivable set of answers is empty or at
//     least the threshold.
//  5. Results are published once a survey has closed; before, only
//     participation. Otherwise two looks, before and after one more
//     response, would difference to that response.
//
// The methods document (docs/methods.md) states the rule and why it is
// sufficient; the attack tests (analytics/attack) try to break it.

// Other is the shown value of attribute values held by too few respondents.
const Other = "(other)"

// numAttrs is the number of attributes a response carries for reporting.
const numAttrs = 4

// attrRole is the position of the role in a tuple.
const attrRole = 0

// tuple holds a response's attribute values in the order of
// survey.Attributes.
type tuple [numAttrs]string

// attrIndex is the position of attribute a in a tuple, or -1.
func attrIndex(a string) int { return slices.Index(survey.Attributes, a) }

// Policy is what a program chose to publish, with its threshold.
type Policy struct {
	Threshold  int
	Breakdowns []string
	RawRows    bool
	// Unprotected publishes as the first release did: every breakdown of
	// raw values on its own, comments in every group, rows with raw
	// attributes, results of open surveys. It exists so that the attack
	// tests can show each attack succeeding without the protection; the
	// service never sets it.
	Unprotected bool
}

// Publication is how one survey's respondents may be shown: which values
// of which attributes appear, which breakdowns are offered, and whether
// rows are released.
type Publication struct {
	policy      Policy
	respondents int
	inCombo     [numAttrs]bool
	keep        [numAttrs]map[string]bool // values shown as themselves
	values      [numAttrs][]string        // the respondents' recorded values
	offered     []string
	notOffered  map[string]Withheld
	rows        Withheld
	published   bool
}

// Published reports whether the survey's results may be shown: once it
// has closed (Reader.Publication sets it).
func (p *Publication) Published() bool { return p.published }

// RowAttributes are the attributes a released row carries: the role (a
// row's questions tell it anyway) and the program's breakdowns, in the
// order of survey.Attributes; without protection, every attribute.
func (p *Publication) RowAttributes() []string {
	var out []string
	for _, a := range survey.Attributes {
		if a == survey.Attributes[attrRole] || slices.Contains(p.policy.Breakdowns, a) || p.policy.Unprotected {
			out = append(out, a)
		}
	}
	return out
}

// Respondents is the number of the survey's stored responses.
func (p *Publication) Respondents() int { return p.respondents }

// Threshold is the program's anonymity threshold.
func (p *Publication) Threshold() int { return p.policy.Threshold }

// ShowValue is how value v of attribute attr (one of survey.Attributes)
// appears: itself, or Other.
func (p *Publication) ShowValue(attr, v string) string {
	if a := attrIndex(attr); a >= 0 {
		return p.Show(a, v)
	}
	return Other
}

// Folded counts the recorded values of attribute attr that are shown as
// Other.
func (p *Publication) Folded(attr string) int {
	a := attrIndex(attr)
	if a < 0 {
		return 0
	}
	n := 0
	for _, v := range p.values[a] {
		if !p.keep[a][v] {
			n++
		}
	}
	return n
}

// Offered lists the breakdowns the survey's results may be asked by, in
// the order of survey.Attributes.
func (p *Publication) Offered() []string { return p.offered }

// Offers reports whether results may be broken down by attribute a, and if
// not, why.
func (p *Publication) Offers(a string) (bool, Withheld) {
	if slices.Contains(p.offered, a) {
		return true, Withheld{}
	}
	if w, ok := p.notOffered[a]; ok {
		return false, w
	}
	return false, withhold(CodeNotOffered, p.policy.Threshold, a)
}

// Rows says whether the survey's per-response rows are released.
func (p *Publication) Rows() Withheld { return p.rows }

// Show is how value v of attribute a appears: itself, or Other.
func (p *Publication) Show(a int, v string) string {
	if p.keep[a][v] {
		return v
	}
	return Other
}

// cell is the combination of shown values that a tuple falls in.
func (p *Publication) cell(t tuple) tuple {
	var c tuple
	for a := range numAttrs {
		if p.inCombo[a] {
			c[a] = p.Show(a, t[a])
		}
	}
	return c
}

// decide makes the publication of a survey whose respondents hold the
// attribute combinations combos (tuple → respondents).
func decide(pol Policy, combos map[tuple]int) *Publication {
	p := &Publication{policy: pol, notOffered: map[string]Withheld{}}
	for _, n := range combos {
		p.respondents += n
	}
	for a := range numAttrs {
		p.values[a] = slices.Sorted(maps.Keys(valueCounts(combos, a)))
	}
	for _, b := range pol.Breakdowns {
		if i := attrIndex(b); i >= 0 {
			p.inCombo[i] = true
		}
	}
	if pol.RawRows {
		p.inCombo[attrRole] = true
	}
	if pol.Unprotected {
		p.publishAll(combos)
		return p
	}
	for a := range numAttrs {
		if p.inCombo[a] {
			p.keep[a] = oneWay(valueCounts(combos, a), pol.Threshold)
		}
	}
	for p.coarsen(combos) {
	}
	p.decideOffers(combos)
	p.decideRows(combos)
	return p
}

// publishAll shows every value of every attribute, offers every breakdown
// and releases rows: the unprotected publication.
func (p *Publication) publishAll(combos map[tuple]int) {
	for a := range numAttrs {
		p.inCombo[a] = true
		p.keep[a] = map[string]bool{}
		for t := range combos {
			p.keep[a][t[a]] = true
		}
	}
	p.offered = slices.Clone(survey.Attributes)
}

// valueCounts counts the respondents of each value of attribute a.
func valueCounts(combos map[tuple]int, a int) map[string]int {
	out := map[string]int{}
	for t, n := range combos {
		out[t[a]] += n
	}
	return out
}

// oneWay keeps the values of one attribute that Suppress lets show: a
// value of fewer than threshold respondents goes to Other, and while Other
// holds fewer than threshold (but some), the next smallest joins it.
func oneWay(counts map[string]int, threshold int) map[string]bool {
	values := slices.Sorted(maps.Keys(counts))
	ns := make([]int, len(values))
	for i, v := range values {
		ns[i] = counts[v]
	}
	keep := map[string]bool{}
	for i, code := range Suppress(ns, nil, threshold, CodeFewResponses) {
		if code == "" {
			keep[values[i]] = true
		}
	}
	return keep
}

// cells counts the respondents of each combination of shown values.
func (p *Publication) cells(combos map[tuple]int) map[tuple]int {
	out := map[tuple]int{}
	for t, n := range combos {
		out[p.cell(t)] += n
	}
	return out
}

// coarsen shows one more value as Other where a combination of shown
// values holds fewer than threshold respondents, and reports whether it
// did. It takes the rarest value of the smallest combination (ties: the
// attribute reported last, region before generation before department
// before role), then keeps Other at least threshold large.
func (p *Publication) coarsen(combos map[tuple]int) bool {
	k := p.policy.Threshold
	var small tuple
	least := -1
	for c, n := range p.cells(combos) {
		if n < k && (least < 0 || n < least || n == least && lessTuple(c, small)) {
			small, least = c, n
		}
	}
	if least < 0 {
		return false
	}
	a, v, ok := p.rarest(combos, func(a int, v string) bool { return small[a] == v })
	if !ok {
		// The small combination is Other everywhere: fold in the rarest
		// value anywhere, which merges some respondents into it.
		if a, v, ok = p.rarest(combos, func(int, string) bool { return true }); !ok {
			return false // nothing left to fold: fewer respondents than k
		}
	}
	delete(p.keep[a], v)
	counts := valueCounts(combos, a)
	for {
		other := 0
		for v, n := range counts {
			if !p.keep[a][v] {
				other += n
			}
		}
		if other == 0 || other >= k || len(p.keep[a]) == 0 {
			return true
		}
		next, _ := p.smallestKept(a, counts)
		delete(p.keep[a], next)
	}
}

// rarest finds, among the shown values v of combination attributes a with
// in(a, v), the one held by the fewest respondents.
func (p *Publication) rarest(combos map[tuple]int, in func(a int, v string) bool) (int, string, bool) {
	bestA, bestV, bestN := -1, "", 0
	for a := numAttrs - 1; a >= 0; a-- {
		if !p.inCombo[a] {
			continue
		}
		counts := valueCounts(combos, a)
		for _, v := range slices.Sorted(maps.Keys(p.keep[a])) {
			if in(a, v) && (bestA < 0 || counts[v] < bestN) {
				bestA, bestV, bestN = a, v, counts[v]
			}
		}
	}
	return bestA, bestV, bestA >= 0
}

// smallestKept is the shown value of attribute a with the fewest
// respondents.
func (p *Publication) smallestKept(a int, counts map[string]int) (string, int) {
	best, bestN := "", -1
	for _, v := range slices.Sorted(maps.Keys(p.keep[a])) {
		if bestN < 0 || counts[v] < bestN {
			best, bestN = v, counts[v]
		}
	}
	return best, bestN
}

// decideOffers offers each chosen breakdown whose respondents show at
// least two values.
func (p *Publication) decideOffers(combos map[tuple]int) {
	for _, b := range survey.Attributes {
		a := attrIndex(b)
		if !p.inCombo[a] || !slices.Contains(p.policy.Breakdowns, b) {
			p.notOffered[b] = withhold(CodeNotOffered, p.policy.Threshold, b)
			continue
		}
		shown := map[string]bool{}
		for t := range combos {
			shown[p.Show(a, t[a])] = true
		}
		if len(shown) < 2 || p.respondents < p.policy.Threshold {
			p.notOffered[b] = withhold(CodeTooFewToBreak, p.policy.Threshold, b)
			continue
		}
		p.offered = append(p.offered, b)
	}
}

// decideRows releases rows where the program does, the survey has enough
// respondents, and every role keeps its own value.
func (p *Publication) decideRows(combos map[tuple]int) {
	k := p.policy.Threshold
	switch {
	case !p.policy.RawRows:
		p.rows = withhold(CodeRowsOff, k, "")
	case p.respondents < k:
		p.rows = withhold(CodeFewResponses, k, "")
	default:
		for t := range combos {
			if !p.keep[attrRole][t[attrRole]] {
				p.rows = withhold(CodeRowsSmallRole, k, "")
				return
			}
		}
	}
}

// lessTuple orders tuples, so that ties are broken the same way each time.
func lessTuple(a, b tuple) bool {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c < 0
		}
	}
	return false
}
