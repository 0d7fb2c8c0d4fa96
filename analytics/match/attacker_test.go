package match

import (
	"encoding/json"
	"math"
	"math/bits"
	"slices"
	"testing"
)

// attacker tries to find out the intake answers behind proposals. It knows
// the people and their roles and the rule the service scores with (the
// README gives it), it may ask for as many proposals as it likes, and it
// reads everything a proposal shows. From what it saw it narrows, for
// every answer, the set of answers consistent with all of it: each step
// drops only values that contradict something seen, so the true answer
// always stays (checked against the ground truth), and a set of one value
// is an answer recovered.
//
// The sets: a teach rating is one of 0..5, bit v of a uint8, 0 meaning
// skipped (scored as Neutral). A mentee's answer on a topic is a knowledge
// rating 0..5 and whether the topic was picked, bit 2k+p of a uint16. A
// pair's contribution on a topic is bit c of a uint32.
type attacker struct {
	sc     scorer
	topics []string
	skill  map[string][]uint8  // mentor id -> per topic
	need   map[string][]uint16 // mentee id -> per topic
	pairs  map[[2]string]*pairView
}

// pairView is what the attacker saw of one mentor–mentee pair, in every
// proposal that held it, and the contributions still possible.
type pairView struct {
	seen []seenPair
	c    []uint32 // per topic
}

// seenPair is one sighting of a pair: its matched topics, most first, its
// strength word and, where a proposal showed them, its numbers.
type seenPair struct {
	topics   []string
	strength string
	numbers  *exposedPair
}

// same reports whether two sightings show the same.
func (s seenPair) same(o seenPair) bool {
	if !slices.Equal(s.topics, o.topics) || s.strength != o.strength || (s.numbers == nil) != (o.numbers == nil) {
		return false
	}
	return s.numbers == nil || s.numbers.potential == o.numbers.potential && slices.Equal(s.numbers.reason, o.numbers.reason)
}

const (
	allSkill = uint8(1<<6 - 1)
	allNeed  = uint16(1<<12 - 1)
)

func newAttacker(sc scorer, topics []string, in Input) *attacker {
	a := &attacker{sc: sc, topics: topics, skill: map[string][]uint8{}, need: map[string][]uint16{},
		pairs: map[[2]string]*pairView{}}
	for _, m := range in.Mentors {
		a.skill[m.ID] = slices.Repeat([]uint8{allSkill}, len(topics))
	}
	for _, e := range in.Mentees {
		a.need[e.ID] = slices.Repeat([]uint16{allNeed}, len(topics))
	}
	return a
}

// proposalView is the part of a proposal's JSON the attacker reads.
type proposalView struct {
	Tandems []struct {
		Pairs []struct {
			Mentor, Mentee, Strength string
			Topics                   []string
		}
	}
	WithoutIntake []string `json:"without_intake"`
}

// observe reads a proposal as the API shows it: its JSON and, where the
// protection was switched off, the numbers it used to show.
func (a *attacker) observe(t *testing.T, p ProposalJSON) {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var v proposalView
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	for _, id := range v.WithoutIntake { // everything skipped
		for i := range a.topics {
			if _, ok := a.skill[id]; ok {
				a.skill[id][i] = 1
			} else {
				a.need[id][i] = 1
			}
		}
	}
	for _, td := range v.Tandems {
		for _, pr := range td.Pairs {
			key := [2]string{pr.Mentor, pr.Mentee}
			s := seenPair{topics: pr.Topics, strength: pr.Strength}
			if p.exposed != nil {
				n := p.exposed.pairs[key]
				s.numbers = &n
			}
			if a.pairs[key] == nil {
				a.pairs[key] = &pairView{c: slices.Repeat([]uint32{math.MaxUint32}, len(a.topics))}
			}
			if !slices.ContainsFunc(a.pairs[key].seen, s.same) {
				a.pairs[key].seen = append(a.pairs[key].seen, s)
			}
		}
	}
}

// eff is the rating a skipped one (0) is scored as.
func eff(v int) int {
	if v == 0 {
		return Neutral
	}
	return v
}

// score is the rule on the attacker's encoding.
func (a *attacker) score(s, y int) int64 {
	return a.sc.rule()(eff(s), eff(y/2), y%2 == 1)
}

// solve narrows every set until nothing changes. It reports false when a
// set became empty: what was seen contradicts itself, which would mean the
// attacker's reading of the rule is wrong.
func (a *attacker) solve() bool {
	for changed := true; changed; {
		changed = false
		for key, v := range a.pairs {
			ch, ok := a.narrowPair(key, v)
			if !ok {
				return false
			}
			changed = changed || ch
		}
		ch, ok := a.project()
		if !ok {
			return false
		}
		changed = changed || ch
	}
	return true
}

// narrowPair keeps the contributions of a pair that the answers still
// allow and that fit everything seen of it.
func (a *attacker) narrowPair(key [2]string, v *pairView) (changed, ok bool) {
	before := slices.Clone(v.c)
	for i := range a.topics {
		var img uint32
		for s := range 6 {
			for y := range 12 {
				if a.skill[key[0]][i]&(1<<s) != 0 && a.need[key[1]][i]&(1<<y) != 0 {
					img |= 1 << a.score(s, y)
				}
			}
		}
		v.c[i] &= img
	}
	for again := true; again; {
		prev := slices.Clone(v.c)
		for _, s := range v.seen {
			a.fitSeen(v.c, s)
		}
		again = !slices.Equal(prev, v.c)
	}
	for _, c := range v.c {
		if c == 0 {
			return true, false
		}
	}
	return !slices.Equal(before, v.c), true
}

// fitSeen narrows contributions c to those that give sighting s: the
// matched topics are those adding something, in order (most first, ties
// in topic order), the potential is one the strength word allows and, if
// shown, the numbers are exact.
func (a *attacker) fitSeen(c []uint32, s seenPair) {
	listed := map[string]bool{}
	for _, t := range s.topics {
		listed[t] = true
	}
	for i, t := range a.topics {
		if listed[t] {
			c[i] &^= 1
		} else {
			c[i] &= 1
		}
	}
	for i := 0; i+1 < len(s.topics); i++ {
		x, y := slices.Index(a.topics, s.topics[i]), slices.Index(a.topics, s.topics[i+1])
		strict := x > y
		c[y] &= upTo(top(c[x]), strict)
		c[x] &^= upTo(low(c[y]), !strict)
	}
	units := 1.0
	if a.sc.exact {
		units = 4
	}
	most := int(a.sc.topicMax()) * len(a.topics)
	allowedSum := func(sum int) bool {
		if s.numbers != nil && float64(sum) != s.numbers.potential*units {
			return false
		}
		return a.sc.strength(int64(sum), 1, len(a.topics)) == s.strength
	}
	if s.numbers != nil {
		for _, r := range s.numbers.reason {
			c[slices.Index(a.topics, r.topic)] &= 1 << int(r.contribution*units)
		}
	}
	fitSum(c, most, allowedSum)
}

// top and low are the largest and smallest value in set c.
func top(c uint32) int { return 31 - bits.LeadingZeros32(c) }
func low(c uint32) int { return bits.TrailingZeros32(c) }

// upTo is the set of values below v, or up to v.
func upTo(v int, below bool) uint32 {
	if v < 0 {
		return 0
	}
	if below {
		return 1<<v - 1
	}
	return 1<<(v+1) - 1
}

// sums is a set of sums 0..len·64−1, bit s.
type sums []uint64

func newSums(most int) sums { return make(sums, most/64+1) }

func (x sums) has(s int) bool { return s < len(x)*64 && x[s/64]&(1<<(s%64)) != 0 }
func (x sums) set(s int) {
	if s < len(x)*64 {
		x[s/64] |= 1 << (s % 64)
	}
}

// plus is the set of a + b for a in x, b in y (sums too large dropped).
func (x sums) plus(y sums) sums {
	out := make(sums, len(x))
	for a := range len(x) * 64 {
		if !x.has(a) {
			continue
		}
		w, b := a/64, uint(a%64)
		for i := 0; i+w < len(out) && i < len(y); i++ {
			out[i+w] |= y[i] << b
			if b > 0 && i+w+1 < len(out) {
				out[i+w+1] |= y[i] >> (64 - b)
			}
		}
	}
	return out
}

// values is set c as sums.
func values(c uint32, most int) sums {
	out := newSums(most)
	for v := range 32 {
		if c&(1<<v) != 0 {
			out.set(v)
		}
	}
	return out
}

// fitSum keeps in each set of c the values that, with some value of every
// other set, give a sum for which ok holds.
func fitSum(c []uint32, most int, allowed func(int) bool) {
	n := len(c)
	ok := make([]bool, most+1)
	for s := range ok {
		ok[s] = allowed(s)
	}
	// prefix[i] and suffix[i]: the sums reachable by the sets before i and
	// from i on.
	prefix, suffix := make([]sums, n+1), make([]sums, n+1)
	prefix[0], suffix[n] = newSums(most), newSums(most)
	prefix[0].set(0)
	suffix[n].set(0)
	for i := range n {
		prefix[i+1] = prefix[i].plus(values(c[i], most))
	}
	for i := n - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1].plus(values(c[i], most))
	}
	for i := range n {
		others := prefix[i].plus(suffix[i+1])
		var keep uint32
		for v := range 32 {
			if c[i]&(1<<v) == 0 {
				continue
			}
			for s := v; s <= most; s++ {
				if ok[s] && others.has(s-v) {
					keep |= 1 << v
					break
				}
			}
		}
		c[i] = keep
	}
}

// project keeps the answers that, on every pair seen, can still give one
// of the pair's possible contributions with some answer of the partner.
func (a *attacker) project() (changed, ok bool) {
	for key, v := range a.pairs {
		m, e := key[0], key[1]
		for i := range a.topics {
			var sKeep uint8
			var yKeep uint16
			for s := range 6 {
				for y := range 12 {
					if a.skill[m][i]&(1<<s) != 0 && a.need[e][i]&(1<<y) != 0 && v.c[i]&(1<<a.score(s, y)) != 0 {
						sKeep |= 1 << s
						yKeep |= 1 << y
					}
				}
			}
			if sKeep != a.skill[m][i] || yKeep != a.need[e][i] {
				changed = true
			}
			a.skill[m][i], a.need[e][i] = sKeep, yKeep
			if sKeep == 0 || yKeep == 0 {
				return changed, false
			}
		}
	}
	return changed, true
}
