package attack

import (
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
)

// maxCandidates bounds the unions of atoms tried per figure; a search
// that reaches it is a finding of its own, so that a test never passes
// because the attacker gave up.
const maxCandidates = 200_000

// Differencing collects, per figure (one item, choice or dimension of one
// survey), every set of people whose answers a published output
// summarises: the groups of every breakdown that show the figure, and the
// pairs across phases of the knowledge gain. Adding and subtracting those
// outputs gives the figure of any set in their span. It looks, exactly
// and with rational numbers, for a set in that span whose answers are
// more than none and fewer than the threshold.
func Differencing(w World, t Truth, o Outputs) []Finding {
	sets := quantitySets(w, t, o)
	var out []Finding
	for _, q := range slices.Sorted(maps.Keys(sets)) {
		answered := t.Answered[q]
		if strings.HasSuffix(q, "#partial") {
			answered = t.Partial[strings.TrimSuffix(q, "#partial")]
		}
		if f, ok := smallSetInSpan(sets[q], answered, w.Threshold); ok {
			out = append(out, Finding{"differencing", q + ": " + f})
		}
	}
	return out
}

// quantitySets lists, per figure, the published sets of people.
func quantitySets(w World, t Truth, o Outputs) map[string][][]string {
	sets := map[string][][]string{}
	add := func(q string, ids []string) { sets[q] = append(sets[q], ids) }
	for _, r := range o.Results {
		for _, g := range r.Groups {
			if g.Suppressed || g.GroupFigures == nil {
				continue
			}
			in := members(w, r, g)
			for _, it := range g.Items {
				if it.ItemFigures != nil {
					add(r.SurveyID+"/"+it.Key, in)
				}
			}
			for _, c := range g.Choices {
				if c.ChoiceFigures != nil {
					add(r.SurveyID+"/"+c.Key, in)
				}
			}
			for _, d := range g.Dimensions {
				if d.DimensionFigures == nil {
					continue
				}
				q := r.SurveyID + "/dimension/" + d.Key
				add(q, in)
				// Next to its items' figures, a dimension's scores give the
				// sum of the answers of those who answered part of it.
				add(q+"#partial", in)
			}
		}
	}
	// Pairs across phases: the respondents who answered in both surveys
	// are a set of their own for each survey's figure.
	paired := func(before, after, key string) {
		var both []string
		for id := range t.Answered[before+"/"+key] {
			if t.Answered[after+"/"+key][id] {
				both = append(both, id)
			}
		}
		slices.Sort(both)
		add(before+"/"+key, both)
		add(after+"/"+key, both)
	}
	for _, s := range o.Summaries {
		if s.Surveys.Kickoff != nil && s.Surveys.Final != nil {
			for _, tg := range s.KnowledgeGain.Topics {
				if tg.TopicGainFigures != nil {
					paired(*s.Surveys.Kickoff, *s.Surveys.Final, tg.Item)
				}
			}
		}
		if s.Surveys.Midpoint != nil && s.Surveys.Final != nil {
			for _, ch := range s.MidpointToFinal {
				if ch.Paired != nil {
					paired(*s.Surveys.Midpoint, *s.Surveys.Final, "dimension/"+ch.Dimension)
				}
			}
		}
	}
	return sets
}

// smallSetInSpan looks for a union of atoms (people alike in every set)
// among those who answered, in the span of sets, holding more than none
// and fewer than k of them.
func smallSetInSpan(sets [][]string, answered map[string]bool, k int) (string, bool) {
	atoms, vectors := atomize(sets, answered)
	checks := nullSpace(vectors, len(atoms))
	order := make([]int, len(atoms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return len(atoms[a]) - len(atoms[b]) })
	// sums[j] is check j applied to the union chosen so far: the union is
	// in the span when every check gives 0.
	sums := make([]int64, len(checks))
	tried := 0
	var found []int
	var walk func(from, size int, chosen []int) bool
	walk = func(from, size int, chosen []int) bool {
		if len(chosen) > 0 {
			tried++
			if !slices.ContainsFunc(sums, func(x int64) bool { return x != 0 }) {
				found = slices.Clone(chosen)
				return true
			}
			if tried >= maxCandidates {
				return true
			}
		}
		for i := from; i < len(order); i++ {
			a := order[i]
			if size+len(atoms[a]) >= k {
				break // atoms are in ascending size
			}
			for j := range checks {
				sums[j] += checks[j][a]
			}
			stop := walk(i+1, size+len(atoms[a]), append(chosen, a))
			for j := range checks {
				sums[j] -= checks[j][a]
			}
			if stop {
				return true
			}
		}
		return false
	}
	walk(0, 0, nil)
	switch {
	case found != nil:
		var ids []string
		for _, a := range found {
			ids = append(ids, atoms[a]...)
		}
		return fmt.Sprintf("the answers of %d people %v can be worked out", len(ids), ids), true
	case tried >= maxCandidates:
		return fmt.Sprintf("gave up after %d unions of atoms", tried), true
	}
	return "", false
}

// atomize partitions the people who answered and fall in some set by the
// sets they fall in, and writes each set as a 0/1 vector over the atoms.
func atomize(sets [][]string, answered map[string]bool) ([][]string, [][]int) {
	sig := map[string][]bool{}
	for j, s := range sets {
		for _, id := range s {
			if !answered[id] {
				continue
			}
			if sig[id] == nil {
				sig[id] = make([]bool, len(sets))
			}
			sig[id][j] = true
		}
	}
	byKey := map[string][]string{}
	for _, id := range slices.Sorted(maps.Keys(sig)) {
		key := fmt.Sprint(sig[id])
		byKey[key] = append(byKey[key], id)
	}
	keys := slices.Sorted(maps.Keys(byKey))
	atoms := make([][]string, len(keys))
	vectors := make([][]int, len(sets))
	for j := range vectors {
		vectors[j] = make([]int, len(keys))
	}
	for a, key := range keys {
		atoms[a] = byKey[key]
		for j, in := range sig[byKey[key][0]] {
			if in {
				vectors[j][a] = 1
			}
		}
	}
	return atoms, vectors
}

// nullSpace returns integer vectors y spanning {y : v·y = 0 for every
// vector v}: a 0/1 vector x is in the span of vectors exactly when y·x = 0
// for each. The vectors are brought to reduced row echelon form in
// rational numbers; each free column gives one y, scaled to integers.
func nullSpace(vectors [][]int, n int) [][]int64 {
	var rows [][]*big.Rat
	var pivots []int
	for _, v := range vectors {
		row := make([]*big.Rat, n)
		for i, x := range v {
			row[i] = new(big.Rat).SetInt64(int64(x))
		}
		for i, r := range rows { // reduce by the rows so far
			if f := new(big.Rat).Set(row[pivots[i]]); f.Sign() != 0 {
				for j := range row {
					row[j].Sub(row[j], new(big.Rat).Mul(f, r[j]))
				}
			}
		}
		p := slices.IndexFunc(row, func(x *big.Rat) bool { return x.Sign() != 0 })
		if p < 0 {
			continue
		}
		inv := new(big.Rat).Inv(row[p])
		for j := range row {
			row[j].Mul(row[j], inv)
		}
		for _, r := range rows { // clear the new pivot column above
			if f := new(big.Rat).Set(r[p]); f.Sign() != 0 {
				for j := range r {
					r[j].Sub(r[j], new(big.Rat).Mul(f, row[j]))
				}
			}
		}
		rows, pivots = append(rows, row), append(pivots, p)
	}
	var out [][]int64
	for f := range n {
		if slices.Contains(pivots, f) {
			continue
		}
		y := make([]*big.Rat, n)
		for j := range y {
			y[j] = new(big.Rat)
		}
		y[f].SetInt64(1)
		for i, r := range rows {
			y[pivots[i]].Neg(r[f])
		}
		out = append(out, integers(y))
	}
	return out
}

// integers scales a rational vector to integers by the least common
// multiple of its denominators.
func integers(y []*big.Rat) []int64 {
	lcm := big.NewInt(1)
	for _, x := range y {
		d := x.Denom()
		g := new(big.Int).GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, new(big.Int).Quo(d, g))
	}
	out := make([]int64, len(y))
	for i, x := range y {
		v := new(big.Int).Mul(x.Num(), new(big.Int).Quo(lcm, x.Denom()))
		out[i] = v.Int64()
	}
	return out
}
