package match

import (
	"cmp"
	"slices"

	"tandem/survey"
)

// The scoring rule. The intake form promises that organisers never see a
// rating, and a proposal can be asked for again and again with other
// exclusions, shapes and seeds: every number that depends on the exact
// ratings would, over enough proposals, give them away (which topic a
// pair is matched on already tells whether the mentor's rating is above
// the mentee's, and chains of such comparisons end at 1 and 5). So a pair
// is scored on bands, not on ratings, and every band holds at least two
// ratings and, on the mentee side, topics both picked and not picked.
// Everything matching shows depends on the ratings only through the
// bands, so two answers in the same band give the same proposals, and no
// sequence of proposals can tell them apart.
const (
	// Neutral is the rating assumed for a skipped or missing 1–5 rating:
	// the middle of the scale, neither strong nor weak.
	Neutral = 3
	// Teachable is the least teach rating with which a mentor counts as
	// able to teach a topic: 4 or 5 can, 1–3 (or skipped) cannot.
	Teachable = 4
)

// Need is how much a mentee needs a topic: NeedHigh, NeedSome or NeedNone.
// It is the knowledge rating, one lower for a topic picked in
// learn_topics, banded: 0–1 high, 2–3 some, 4–5 none. Each band holds two
// or more ratings and both a picked and an unpicked topic:
//
//	high: knowledge 1, or 2 and picked
//	some: knowledge 2, 3 (or skipped), or 4 and picked
//	none: knowledge 4, or 5 (picked or not)
type Need int

// The three bands of need, their value the weight of a topic the mentor
// can teach.
const (
	NeedNone Need = 0
	NeedSome Need = 1
	NeedHigh Need = 2
)

// needOf bands a knowledge rating (1..5) and whether the topic was picked.
func needOf(knowledge int, picked bool) Need {
	d := knowledge
	if picked {
		d--
	}
	switch {
	case d <= 1:
		return NeedHigh
	case d <= 3:
		return NeedSome
	}
	return NeedNone
}

// bandScore is what a mentor with teach rating s adds on a topic to a
// mentee with knowledge rating k who did (or did not) pick it: the
// mentee's need when the mentor can teach the topic, else nothing.
func bandScore(s, k int, picked bool) int64 {
	if s < Teachable {
		return 0
	}
	return int64(needOf(k, picked))
}

// exactScore is the rule before the bands, in quarter points: a picked
// topic weighs 4, another 1, times max(0, s − k). It is kept only for the
// attack test, which shows what it gives away (exposure.exactRatings).
func exactScore(s, k int, picked bool) int64 {
	if s <= k {
		return 0
	}
	if picked {
		return 4 * int64(s-k)
	}
	return int64(s - k)
}

// scorer scores pairs by the bands, or (for the attack test only) by the
// exact ratings.
type scorer struct{ exact bool }

// rule is the per-topic score of the scorer, on ratings 1..5 with a
// skipped one already Neutral.
func (sc scorer) rule() func(s, k int, picked bool) int64 {
	if sc.exact {
		return exactScore
	}
	return bandScore
}

// topicMax is the most one topic can add to a pair.
func (sc scorer) topicMax() int64 { return sc.rule()(5, 1, true) }

// Person is a participant as matching sees them: their intake answers,
// with missing ratings left out of the maps (they count as Neutral).
type Person struct {
	ID         string
	Name       string
	Role       survey.Role
	Department string
	// Answered is whether the person's intake response was found.
	Answered  bool
	Knowledge map[string]int  // topic -> 1..5, the mentee side
	Wish      map[string]bool // topics picked in learn_topics
	Skill     map[string]int  // topic -> 1..5, the mentor side
	Format    string          // preferred meeting format, "" if not given
	Times     []string        // availability options ticked
	// AvoidOwnDepartment is set when the person asked for a partner from
	// another department.
	AvoidOwnDepartment bool
}

func rating(m map[string]int, topic string) int {
	if v, ok := m[topic]; ok {
		return v
	}
	return Neutral
}

// contribution is what mentor m adds to mentee e on topic.
func (sc scorer) contribution(m, e *Person, topic string) int64 {
	return sc.rule()(rating(m.Skill, topic), rating(e.Knowledge, topic), e.Wish[topic])
}

// potential is the learning potential of the pair: the sum of the
// contributions over topics.
func (sc scorer) potential(m, e *Person, topics []string) int64 {
	var sum int64
	for _, t := range topics {
		sum += sc.contribution(m, e, t)
	}
	return sum
}

// matchedTopics lists the topics that add to the pair, most first, ties in
// topic order: the topics the pair is matched on.
func (sc scorer) matchedTopics(m, e *Person, topics []string) []string {
	type scored struct {
		topic string
		c     int64
	}
	var all []scored
	for _, t := range topics {
		if c := sc.contribution(m, e, t); c > 0 {
			all = append(all, scored{t, c})
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return cmp.Compare(b.c, a.c) })
	out := make([]string, len(all))
	for i, s := range all {
		out[i] = s.topic
	}
	return out
}

// The strength words of a pair or tandem.
const (
	StrengthNone   = "none"
	StrengthFair   = "fair"
	StrengthGood   = "good"
	StrengthStrong = "strong"
)

// strength words a potential against the most that pairs mentor–mentee
// pairs could reach with these topics: none at 0, strong from a third of
// it, good from a sixth, fair below. The scale is fixed by the
// questionnaire, never by other people's answers. With the eight program
// topics a pair reaches at most 16: strong from 6 (e.g. three topics the
// mentee needs most), good from 3, fair from 1.
func (sc scorer) strength(pot int64, pairs, topics int) string {
	most := sc.topicMax() * int64(pairs*topics)
	switch {
	case pot <= 0:
		return StrengthNone
	case 3*pot >= most:
		return StrengthStrong
	case 6*pot >= most:
		return StrengthGood
	}
	return StrengthFair
}

// Exclusions holds the pairs that must never form a tandem, by participant
// id, in both orders.
type Exclusions map[[2]string]bool

// Add records that a and b must not be paired.
func (x Exclusions) Add(a, b string) {
	x[[2]string{a, b}] = true
	x[[2]string{b, a}] = true
}

// allowed reports whether m and e may form a tandem: the organiser did not
// exclude the pair, and neither asked for a partner from another
// department while both are in the same one.
func allowed(m, e *Person, x Exclusions) bool {
	if x[[2]string{m.ID, e.ID}] {
		return false
	}
	sameDept := m.Department != "" && m.Department == e.Department
	return !(sameDept && (m.AvoidOwnDepartment || e.AvoidOwnDepartment))
}

// sharedTimes is the availability both ticked; "flexible" on one side
// fits every time of the other.
func sharedTimes(a, b *Person) []string {
	switch {
	case slices.Contains(a.Times, "flexible"):
		return slices.Clone(b.Times)
	case slices.Contains(b.Times, "flexible"):
		return slices.Clone(a.Times)
	}
	var out []string
	for _, t := range a.Times {
		if slices.Contains(b.Times, t) {
			out = append(out, t)
		}
	}
	return out
}
