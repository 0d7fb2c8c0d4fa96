package match

import (
	"cmp"
	"slices"
)

// exposure undoes the protection of the ratings, for the attack test only:
// it shows that the attack which fails on proposals as they are succeeds
// on proposals as they were. Request and Input carry it in an unexported
// field, so no request to the API can set it (the JSON decoder ignores
// unexported fields, and the API refuses unknown ones).
type exposure struct {
	// exactRatings scores pairs on the ratings themselves, a picked topic
	// weighing 1 and another 0.25 per point of max(0, teach − knowledge),
	// instead of on bands.
	exactRatings bool
	// numbers keeps, beside the proposal, the numbers it used to show: each
	// pair's potential and its top three topics with their contributions,
	// each tandem's potential, and the exact totals of the optimum and the
	// baselines.
	numbers bool
}

// exposed is what a proposal showed before the protection, in points.
type exposed struct {
	pairs   map[[2]string]exposedPair // by mentor id, mentee id
	tandems map[string]float64        // by mentee id
	totals  [3]float64                // optimal, random, greedy
}

// exposedPair is the numbers of one pair.
type exposedPair struct {
	potential float64
	reason    []topicScore // the (up to) three topics adding most
}

// topicScore is one topic's contribution to a pair's potential.
type topicScore struct {
	topic        string
	contribution float64
}

// points turns the scorer's units into points: quarters for the exact
// rule, whole points for the bands.
func (sc scorer) points(q int64) float64 {
	if sc.exact {
		return float64(q) / 4
	}
	return float64(q)
}

// expose collects the numbers of proposal p as they used to be shown.
func (pr problem) expose(p Proposal) *exposed {
	x := &exposed{pairs: map[[2]string]exposedPair{}, tandems: map[string]float64{}}
	people := map[string]*Person{}
	for _, q := range append(append([]*Person{}, pr.Mentors...), pr.Mentees...) {
		people[q.ID] = q
	}
	for _, t := range p.Tandems {
		for _, pair := range t.Pairs {
			m, e := people[pair.Mentor], people[pair.Mentee]
			pot := pr.sc.potential(m, e, pr.Topics)
			x.pairs[[2]string{m.ID, e.ID}] = exposedPair{potential: pr.sc.points(pot), reason: pr.reason(m, e)}
			x.tandems[e.ID] += pr.sc.points(pot)
		}
	}
	for i, s := range []Score{p.Scores.Optimal, p.Scores.Random, p.Scores.Greedy} {
		x.totals[i] = pr.sc.points(s.total)
	}
	return x
}

// reason is the (up to) three topics that add most to the pair, largest
// first, ties in topic order, with their contributions.
func (pr problem) reason(m, e *Person) []topicScore {
	var out []topicScore
	for _, t := range pr.Topics {
		if c := pr.sc.contribution(m, e, t); c > 0 {
			out = append(out, topicScore{t, pr.sc.points(c)})
		}
	}
	slices.SortStableFunc(out, func(a, b topicScore) int { return cmp.Compare(b.contribution, a.contribution) })
	return out[:min(3, len(out))]
}
