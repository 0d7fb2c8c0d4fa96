package match

import (
	"cmp"
	"slices"

	"tandem/survey"
)

// The scoring rules. Potentials are counted in quarter points so that the
// assignment runs on exact integers; the API shows points (quarters / 4).
const (
	// Neutral is the rating assumed for a skipped or missing 1–5 rating:
	// the middle of the scale, neither strong nor weak.
	Neutral = 3
	// wishPicked and wishOther weigh a topic the mentee picked in
	// learn_topics (1) and one they did not pick (0.25), in quarters:
	// unpicked topics still count a little, because a leader rarely knows
	// in advance everything worth learning.
	wishPicked = 4
	wishOther  = 1
	// quarters per point.
	quarters = 4
)

// WishWeightUnpicked is the weight of a topic the mentee did not pick, as
// the API documents it.
const WishWeightUnpicked = float64(wishOther) / quarters

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

// contribution is what mentor m can add to mentee e on topic, in quarters:
// wish(e, t) × max(0, skill(m, t) − knowledge(e, t)).
func contribution(m, e *Person, topic string) int64 {
	gap := rating(m.Skill, topic) - rating(e.Knowledge, topic)
	if gap <= 0 {
		return 0
	}
	wish := int64(wishOther)
	if e.Wish[topic] {
		wish = wishPicked
	}
	return wish * int64(gap)
}

// potential is the learning potential of the pair, in quarters: the sum of
// the contributions over topics.
func potential(m, e *Person, topics []string) int64 {
	var sum int64
	for _, t := range topics {
		sum += contribution(m, e, t)
	}
	return sum
}

// TopicScore is one topic's contribution to a pair's potential, in points.
type TopicScore struct {
	Topic        string  `json:"topic"`
	Contribution float64 `json:"contribution"`
}

// reason returns the (up to) three topics that contribute most to the
// pair, largest first, ties in topic order; topics adding nothing are left
// out.
func reason(m, e *Person, topics []string) []TopicScore {
	out := []TopicScore{}
	for _, t := range topics {
		if c := contribution(m, e, t); c > 0 {
			out = append(out, TopicScore{Topic: t, Contribution: points(c)})
		}
	}
	slices.SortStableFunc(out, func(a, b TopicScore) int { return cmp.Compare(b.Contribution, a.Contribution) })
	return out[:min(3, len(out))]
}

func points(q int64) float64 { return float64(q) / quarters }

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
