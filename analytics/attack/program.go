package attack

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"

	"tandem/survey"
)

// Scenario is a random program of one cohort, as an attack test puts it
// through the service: its publication, its people (attributes with rare
// values) and their answers to the kick-off, midpoint and final surveys
// (some people answer only some phases).
type Scenario struct {
	Seed       uint64
	Threshold  int
	Mode       survey.Mode
	Breakdowns []string
	RawRows    bool
	People     []survey.ParticipantInput
	// Answers holds, per phase, the form of each person who answers it.
	Answers map[survey.Phase]map[int]url.Values
}

// Phases are the surveys of a scenario, in the order they run.
var Phases = []survey.Phase{survey.PhaseKickoff, survey.PhaseMidpoint, survey.PhaseFinal}

// publications are the breakdowns a scenario's program may choose.
var publications = [][]string{{"role"}, {"role"}, {"department"}, {"generation"}, {"region"},
	{"role", "generation"}, {"role", "department", "generation", "region"}, {}}

// Generate makes the scenario of seed: 5 to 80 people, threshold 3 to 5.
func Generate(seed uint64, cat *survey.Catalog) Scenario {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sc := Scenario{Seed: seed, Threshold: 5, Mode: survey.ModeConfidential,
		Breakdowns: publications[rng.IntN(len(publications))], RawRows: rng.IntN(2) == 0,
		Answers: map[survey.Phase]map[int]url.Values{}}
	if rng.IntN(10) < 3 {
		sc.Threshold = 3 + rng.IntN(2)
	}
	if rng.IntN(5) == 0 {
		sc.Mode = survey.ModeAnonymous
	}
	n := 5 + rng.IntN(76)
	depts, regions := 2+rng.IntN(6), 1+rng.IntN(4)
	for i := range n {
		role := survey.RoleMentor
		switch x := rng.IntN(20); {
		case x < 2:
			role = survey.RolePeer
		case x < 11:
			role = survey.RoleMentee
		}
		sc.People = append(sc.People, survey.ParticipantInput{
			Name: fmt.Sprintf("Person %d-%d", seed, i), Email: fmt.Sprintf("p%d-%d@example.com", seed, i),
			Role: string(role), Department: fmt.Sprintf("D%d", zipf(rng, depts)),
			Generation: survey.Generations[zipf(rng, len(survey.Generations))], Region: fmt.Sprintf("R%d", zipf(rng, regions))})
	}
	for _, p := range Phases {
		rate := 0.6 + 0.4*rng.Float64()
		sc.Answers[p] = map[int]url.Values{}
		for i, person := range sc.People {
			if rng.Float64() < rate {
				sc.Answers[p][i] = form(rng, cat.Phase(p), survey.Role(person.Role), fmt.Sprintf("%d-%d-%s", seed, i, p))
			}
		}
	}
	return sc
}

// zipf draws 0..n-1, value i with a weight of 1/(i+1): later values are
// rare.
func zipf(rng *rand.Rand, n int) int {
	total := 0.0
	for i := range n {
		total += 1 / float64(i+1)
	}
	x := rng.Float64() * total
	for i := range n {
		if x -= 1 / float64(i+1); x < 0 {
			return i
		}
	}
	return n - 1
}

// form answers the questionnaire q as role at random: required items
// always, others most of the time, free text with a comment found nowhere
// else (tag makes it unique).
func form(rng *rand.Rand, q *survey.Questionnaire, role survey.Role, tag string) url.Values {
	v := url.Values{}
	for _, sec := range q.For(role) {
		for _, it := range sec.Items {
			if !it.Required && rng.IntN(5) == 0 {
				continue
			}
			switch it.Type {
			case survey.Likert5, survey.Scale10:
				lo, hi, _ := it.Type.Bounds()
				v.Set(it.Key, strconv.Itoa(lo+rng.IntN(hi-lo+1)))
			case survey.Single:
				v.Set(it.Key, it.Options[rng.IntN(len(it.Options))].Value)
			case survey.Multi:
				for _, o := range it.Options {
					if rng.IntN(3) == 0 {
						v.Add(it.Key, o.Value)
					}
				}
				if it.Required && len(v[it.Key]) == 0 {
					v.Add(it.Key, it.Options[rng.IntN(len(it.Options))].Value)
				}
			case survey.Text:
				if it.Required || rng.IntN(5) < 2 {
					v.Set(it.Key, fmt.Sprintf("comment %s %s %d", tag, it.Key, rng.IntN(1_000_000)))
				}
			}
		}
	}
	if len(v) == 0 { // an empty form is refused; answer one required item
		for _, sec := range q.For(role) {
			for _, it := range sec.Items {
				if it.Type == survey.Likert5 {
					v.Set(it.Key, "3")
					return v
				}
			}
		}
	}
	return v
}
