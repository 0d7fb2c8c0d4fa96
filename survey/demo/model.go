package demo

import (
	"math"
	"math/rand/v2"
	"strconv"

	"tandem/survey"
)

// respondent is a participant with the latent traits their answers come
// from. The traits persist across phases, so answers of one person hang
// together (pre/post knowledge, dimension scores, response behaviour).
type respondent struct {
	person
	id         string
	benefit    float64            // how much the program gives them, ~N(4.0, 0.6), centred per cohort
	engagement float64            // how readily they answer surveys, ~N(0, 1)
	skipRate   float64            // chance of skipping an optional item
	dims       map[string]float64 // personal lean per dimension
	prior      map[string]float64 // latent knowledge per topic before the program
	tandem     *tandemState
}

// tandemState is what the members of one tandem share.
type tandemState struct {
	continues bool // the pair will keep meeting after the program
}

// topic holds the demo's assumptions about one program topic.
type topic struct {
	key        string
	prior      float64 // mean knowledge before the program, 1..5
	gain       float64 // mean learning gain by the end
	popularity float64 // weight in the kick-off topic vote
}

var topics = []topic{
	{"social_media", 2.8, 0.6, 5},
	{"enterprise_network", 2.2, 0.9, 3},
	{"collaboration_tools", 2.7, 1.0, 8},
	{"digital_workplace", 2.6, 0.7, 5},
	{"new_technologies", 2.3, 0.8, 6},
	{"artificial_intelligence", 2.0, 1.2, 10},
	{"mobile_apps", 3.0, 0.5, 2},
	{"next_generation_work", 2.4, 1.1, 4},
}

// dimShift places each dimension relative to the respondent's benefit:
// trust is the program's strength, scheduling and transfer its weak spots.
var dimShift = map[string]float64{
	"content_flexibility": 0.15, "time_flexibility": -0.35, "one_to_one": 0.3, "hands_on": -0.15,
	"time_well_spent": 0.1, "perspective": 0.3, "competence": 0.05, "role_understanding": 0.05,
	"network": 0, "trust_openness": 0.45, "comfort_zone": -0.05, "transfer": -0.3, "mentor_pool": 0.15,
}

// roleShift: mentees gain most from time well spent and one-to-one
// questions, mentors from competence and network.
var roleShift = map[survey.Role]map[string]float64{
	survey.RoleMentee: {"time_well_spent": 0.3, "one_to_one": 0.25, "perspective": 0.1},
	survey.RoleMentor: {"competence": 0.35, "network": 0.35, "perspective": 0.15},
}

// phaseShift: at half-time the benefit is not yet fully felt.
var phaseShift = map[survey.Phase]float64{survey.PhaseMidpoint: -0.3}

func newRespondent(rng *rand.Rand, p person, id string, t *tandemState) *respondent {
	r := &respondent{
		person: p, id: id, tandem: t,
		benefit:    4.0 + 0.6*rng.NormFloat64(),
		engagement: rng.NormFloat64(),
		skipRate:   0.01,
		dims:       map[string]float64{},
		prior:      map[string]float64{},
	}
	if rng.Float64() < 0.15 {
		r.skipRate = 0.12 // a few hurry through and leave items out
	}
	for _, d := range survey.Dimensions {
		r.dims[d] = 0.35 * rng.NormFloat64()
	}
	savvy := 0.5 * rng.NormFloat64()
	if p.role == survey.RolePeer {
		savvy += 0.4
	}
	for _, t := range topics {
		r.prior[t.key] = t.prior + savvy + 0.35*rng.NormFloat64()
	}
	return r
}

// likert rounds a latent value to an answer 1..5.
func likert(x float64) string { return strconv.Itoa(clamp(x, 1, 5)) }

func clamp(x float64, lo, hi int) int {
	return min(max(int(math.Round(x)), lo), hi)
}

// weighted picks n distinct options, more popular ones more often.
func weighted(rng *rand.Rand, options []survey.Option, weight func(string) float64, n int) []string {
	left := make([]survey.Option, len(options))
	copy(left, options)
	var out []string
	for len(out) < n && len(left) > 0 {
		total := 0.0
		for _, o := range left {
			total += weight(o.Value)
		}
		u := rng.Float64() * total
		i := 0
		for ; i < len(left)-1; i++ {
			if u -= weight(left[i].Value); u < 0 {
				break
			}
		}
		out = append(out, left[i].Value)
		left = append(left[:i], left[i+1:]...)
	}
	return out
}

// pick returns one option by weight.
func pick(rng *rand.Rand, options []survey.Option, weights map[string]float64) string {
	w := func(v string) float64 {
		if x, ok := weights[v]; ok {
			return x
		}
		return 1
	}
	return weighted(rng, options, w, 1)[0]
}

// count draws how many boxes to tick: lo plus a share of the extra ones.
func count(rng *rand.Rand, lo int, probs ...float64) int {
	u := rng.Float64()
	for i, p := range probs {
		if u -= p; u < 0 {
			return lo + i
		}
	}
	return lo + len(probs) - 1
}

func topicPopularity(key string) float64 {
	for _, t := range topics {
		if t.key == key {
			return t.popularity
		}
	}
	return 1
}

func topicOf(key string) (topic, bool) {
	for _, t := range topics {
		if t.key == key {
			return t, true
		}
	}
	return topic{}, false
}
