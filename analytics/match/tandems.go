package match

import (
	"tandem/survey"
)

// tandems turns an assignment into tandems, in mentee order, each with its
// mentors in input order before the mentee.
func (pr problem) tandems(a assignment) []Tandem {
	mentors := make([][]int, len(pr.Mentees))
	for i, j := range a {
		if j >= 0 {
			mentors[j] = append(mentors[j], i)
		}
	}
	out := []Tandem{}
	for j, ms := range mentors {
		if len(ms) == 0 {
			continue
		}
		e := pr.Mentees[j]
		t := Tandem{Shape: survey.ShapeOneToOne, Pairs: []Pair{}}
		if len(ms) == 2 {
			t.Shape = survey.ShapeTwoToOne
		}
		var sum int64
		for _, i := range ms {
			m := pr.Mentors[i]
			t.Members, t.Names = append(t.Members, m.ID), append(t.Names, m.Name)
			sum += pr.pot[i][j]
			t.Pairs = append(t.Pairs, pr.pair(m, e, pr.pot[i][j]))
		}
		t.Members, t.Names = append(t.Members, e.ID), append(t.Names, e.Name)
		t.Strength = pr.sc.strength(sum, len(ms), len(pr.Topics))
		out = append(out, t)
	}
	return out
}

// pair describes mentor m with mentee e, whose potential is pot.
func (pr problem) pair(m, e *Person, pot int64) Pair {
	p := Pair{Mentor: m.ID, Mentee: e.ID, Topics: pr.sc.matchedTopics(m, e, pr.Topics),
		Strength: pr.sc.strength(pot, 1, len(pr.Topics)), SharedTimes: sharedTimes(m, e)}
	if m.Format != "" && m.Format == e.Format {
		p.SharedFormat = &m.Format
	}
	if p.SharedTimes == nil {
		p.SharedTimes = []string{}
	}
	return p
}

// unmatched lists the mentors, then the mentees, then the peers that the
// assignment leaves out, with why.
func unmatched(in Input, a assignment) []Unmatched {
	out := []Unmatched{}
	placed := make([]bool, len(in.Mentees))
	for _, j := range a {
		if j >= 0 {
			placed[j] = true
		}
	}
	anyAllowed := func(p *Person, others []*Person, mentor bool) bool {
		for _, o := range others {
			if mentor && allowed(p, o, in.Exclusions) || !mentor && allowed(o, p, in.Exclusions) {
				return true
			}
		}
		return false
	}
	add := func(p *Person, reason string) {
		out = append(out, Unmatched{ParticipantID: p.ID, Name: p.Name, Role: p.Role, Reason: reason})
	}
	why := func(p *Person, others []*Person, mentor bool) string {
		if len(others) > 0 && !anyAllowed(p, others, mentor) {
			return "excluded"
		}
		return "no_partner"
	}
	for i, m := range in.Mentors {
		if a[i] < 0 {
			add(m, why(m, in.Mentees, true))
		}
	}
	for j, e := range in.Mentees {
		if !placed[j] {
			add(e, why(e, in.Mentors, false))
		}
	}
	for _, p := range in.Peers {
		add(p, "peer")
	}
	return out
}
