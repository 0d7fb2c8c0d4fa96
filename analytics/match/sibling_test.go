package match

import (
	"maps"
	"testing"
)

// A sibling of an answer is another answer to the same question in the
// same band: for a teach rating, another rating on the same side of
// Teachable; for a mentee's knowledge rating or pick, another (knowledge,
// pick) with the same Need. If every proposal an attacker saw is the same,
// byte for byte, with the sibling in place of the true answer, then no
// attacker, however clever, can tell the two apart from those proposals:
// the answer's set of candidates holds at least two values.

// teachSibling is another teach rating on the same side of Teachable.
func teachSibling(s int) int {
	if s >= Teachable {
		return 9 - s // 4 <-> 5
	}
	return s%3 + 1 // 1 -> 2 -> 3 -> 1
}

// needSibling is another (knowledge, pick) of the same need: with another
// knowledge rating (the same pick where possible) when otherPick is
// false, with the other pick (the same rating where possible) when it is
// true. A knowledge of 0 is skipped.
func needSibling(k int, p, otherPick bool) (int, bool) {
	n := needOf(eff(k), p)
	for _, q := range []bool{p, !p} {
		if otherPick && q == p {
			continue
		}
		if otherPick && needOf(eff(k), q) == n {
			return k, q
		}
		for k2 := 1; k2 <= 5; k2++ {
			if k2 != k && needOf(k2, q) == n {
				return k2, q
			}
		}
	}
	panic("a band without a second answer")
}

// changed is in with person id replaced by a copy that change alters.
func changed(in Input, id string, change func(*Person)) Input {
	swap := func(ps []*Person) []*Person {
		out := make([]*Person, len(ps))
		for i, p := range ps {
			out[i] = p
			if p.ID == id {
				c := *p
				c.Knowledge, c.Skill, c.Wish = maps.Clone(p.Knowledge), maps.Clone(p.Skill), maps.Clone(p.Wish)
				change(&c)
				out[i] = &c
			}
		}
		return out
	}
	in.Mentors, in.Mentees = swap(in.Mentors), swap(in.Mentees)
	return in
}

// sibling is the change to one person's answers that puts the sibling of
// one answer in its place.
type sibling struct {
	id     string
	change func(*Person)
}

// siblings lists the sibling of every answer given in truth.
func siblings(truth Input) []sibling {
	var out []sibling
	for _, m := range truth.Mentors {
		for topic, s := range m.Skill {
			out = append(out, sibling{m.ID, func(p *Person) { p.Skill[topic] = teachSibling(s) }})
		}
	}
	for _, e := range truth.Mentees {
		if !e.Answered {
			continue
		}
		for _, topic := range truth.Topics {
			k := e.Knowledge[topic]
			for _, otherPick := range []bool{false, true} {
				if k == 0 && !otherPick {
					continue // a skipped rating is no rating
				}
				k2, p2 := needSibling(k, e.Wish[topic], otherPick)
				out = append(out, sibling{e.ID, func(p *Person) {
					delete(p.Knowledge, topic)
					if k2 > 0 {
						p.Knowledge[topic] = k2
					}
					p.Wish[topic] = p2
				}})
			}
		}
	}
	return out
}

// siblingsTold counts the answers of truth whose sibling changes at least
// one of the proposals seen, each computed again by the code Suggest runs
// once it has read the cohort. It first checks that this code, on the
// input as read, gives the proposal seen.
func siblingsTold(t *testing.T, seen []sighting, truth Input, cohortID string) int {
	t.Helper()
	again := func(s sighting, in Input) string {
		out, err := newProposalJSON(cohortID, s.req)
		if err != nil {
			t.Fatal(err)
		}
		in.expose = s.req.expose
		p, err := propose(out, in)
		if err != nil {
			t.Fatal(err)
		}
		return mustMarshal(t, p)
	}
	for _, s := range seen {
		if got := again(s, s.in); got != s.json {
			t.Fatalf("the proposal computed again differs from Suggest's:\n%s\n%s", got, s.json)
		}
	}
	told := 0
	for _, sib := range siblings(truth) {
		for _, s := range seen {
			if again(s, changed(s.in, sib.id, sib.change)) != s.json {
				told++
				break
			}
		}
	}
	return told
}
