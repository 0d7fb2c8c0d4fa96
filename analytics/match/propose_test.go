package match

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"tandem/survey"
)

var testTopics = []string{"social_media", "collaboration_tools", "artificial_intelligence", "mobile_apps"}

// randomPerson draws intake answers, leaving some out (neutral).
func randomPerson(rng *rand.Rand, id string, role survey.Role) *Person {
	p := &Person{ID: id, Name: "Name " + id, Role: role, Answered: rng.IntN(8) > 0,
		Knowledge: map[string]int{}, Wish: map[string]bool{}, Skill: map[string]int{},
		Department: []string{"IT", "Vertrieb", "Finanzen"}[rng.IntN(3)], AvoidOwnDepartment: rng.IntN(4) == 0}
	if !p.Answered {
		return p
	}
	for _, t := range testTopics {
		if rng.IntN(6) > 0 {
			p.Knowledge[t] = 1 + rng.IntN(5)
		}
		if rng.IntN(6) > 0 {
			p.Skill[t] = 1 + rng.IntN(5)
		}
		p.Wish[t] = rng.IntN(3) == 0
	}
	p.Format = []string{"", "lunch", "remote"}[rng.IntN(3)]
	p.Times = []string{"weekday_morning", "flexible"}[:rng.IntN(3)]
	return p
}

// randomInput draws an instance with the given counts and a share of
// excluded pairs.
func randomInput(rng *rand.Rand, shape string, mentors, mentees int, excluded float64) Input {
	in := Input{Shape: shape, Seed: rng.Uint64(), Topics: testTopics, Exclusions: Exclusions{}}
	for i := range mentors {
		in.Mentors = append(in.Mentors, randomPerson(rng, fmt.Sprintf("m%d", i), survey.RoleMentor))
	}
	for j := range mentees {
		in.Mentees = append(in.Mentees, randomPerson(rng, fmt.Sprintf("e%d", j), survey.RoleMentee))
	}
	for _, m := range in.Mentors {
		for _, e := range in.Mentees {
			if rng.Float64() < excluded {
				in.Exclusions.Add(m.ID, e.ID)
			}
		}
	}
	return in
}

// unconstrained drops every exclusion and department wish of in, so that
// any mentor may pair with any mentee.
func unconstrained(in Input) Input {
	in.Exclusions = Exclusions{}
	for _, p := range slices.Concat(in.Mentors, in.Mentees) {
		p.AvoidOwnDepartment = false
	}
	return in
}

// objective is what a proposal maximises, in order: mentees with a
// tandem, mentor–mentee pairs, total potential (quarters).
type objective [3]int64

func (a objective) better(b objective) bool { return slices.Compare(a[:], b[:]) > 0 }

// bruteForceBest tries every way to give each mentor a mentee (or none)
// within the shape's capacity and the exclusions.
func bruteForceBest(in Input) objective {
	capacity := in.capacity()
	count := make([]int, len(in.Mentees))
	best := objective{-1}
	var walk func(i int, pairs, total int64)
	walk = func(i int, pairs, total int64) {
		if i == len(in.Mentors) {
			covered := int64(0)
			for _, c := range count {
				if c > 0 {
					covered++
				}
			}
			if o := (objective{covered, pairs, total}); o.better(best) {
				best = o
			}
			return
		}
		walk(i+1, pairs, total)
		m := in.Mentors[i]
		for j, e := range in.Mentees {
			if count[j] < capacity && allowed(m, e, in.Exclusions) {
				count[j]++
				walk(i+1, pairs+1, total+potential(m, e, in.Topics))
				count[j]--
			}
		}
	}
	walk(0, 0, 0)
	return best
}

func (s Score) objective() objective {
	return objective{int64(s.Tandems), int64(s.Pairs), int64(s.Total * quarters)}
}

// TestProposeBruteForce: on random small instances of both shapes, with
// and without exclusions, the proposal reaches the brute-force optimum of
// the objective, its tandems add up to its score, and it respects every
// exclusion.
func TestProposeBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 8))
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		for _, excluded := range []float64{0, 0.25, 0.7} {
			t.Run(fmt.Sprintf("%s/excluded=%.2f", shape, excluded), func(t *testing.T) {
				for range 120 {
					in := randomInput(rng, shape, rng.IntN(8), rng.IntN(6), excluded)
					p, err := Propose(in)
					if err != nil {
						t.Fatal(err)
					}
					checkProposal(t, in, p)
					if got, want := p.Scores.Optimal.objective(), bruteForceBest(in); got != want {
						t.Fatalf("%d mentors, %d mentees: got (tandems, pairs, quarters) %v, want %v",
							len(in.Mentors), len(in.Mentees), got, want)
					}
				}
			})
		}
	}
}

// checkProposal checks what holds for every proposal: tandems of the
// shape, no one twice, exclusions kept, scores that add up, and everyone
// either placed or listed as unmatched.
func checkProposal(t *testing.T, in Input, p Proposal) {
	t.Helper()
	people := map[string]*Person{}
	for _, x := range slices.Concat(in.Mentors, in.Mentees, in.Peers) {
		people[x.ID] = x
	}
	seen := map[string]bool{}
	var total float64
	pairs := 0
	for _, td := range p.Tandems {
		n := len(td.Members)
		if n < 2 || n > in.capacity()+1 || (n == 3) != (td.Shape == survey.ShapeTwoToOne) {
			t.Fatalf("tandem %v: shape %s with %d members, want 1:1 or (for 2:1 only) 2:1", td.Members, td.Shape, n)
		}
		e := people[td.Members[n-1]]
		for _, id := range td.Members {
			if seen[id] {
				t.Fatalf("%s is in two tandems", id)
			}
			seen[id] = true
		}
		sum := 0.0
		for _, id := range td.Members[:n-1] {
			m := people[id]
			if m.Role != survey.RoleMentor || e.Role != survey.RoleMentee {
				t.Fatalf("tandem %v: want mentors before one mentee", td.Members)
			}
			if !allowed(m, e, in.Exclusions) {
				t.Fatalf("tandem %v pairs excluded %s and %s", td.Members, m.ID, e.ID)
			}
			sum += points(potential(m, e, in.Topics))
		}
		if sum != td.Potential {
			t.Fatalf("tandem %v: potential %v, want %v", td.Members, td.Potential, sum)
		}
		total += sum
		pairs += n - 1
	}
	if got := (Score{Total: total, Tandems: len(p.Tandems), Pairs: pairs}); got != p.Scores.Optimal {
		t.Fatalf("optimal score %+v, want %+v from the tandems", p.Scores.Optimal, got)
	}
	for _, u := range p.Unmatched {
		if seen[u.ParticipantID] {
			t.Fatalf("%s is unmatched and in a tandem", u.ParticipantID)
		}
		seen[u.ParticipantID] = true
	}
	if len(seen) != len(people) {
		t.Fatalf("%d people placed or unmatched, want all %d", len(seen), len(people))
	}
}

// TestProposeBeatsBaselines: without exclusions every baseline forms the
// same number of tandems and pairs, so the optimum's potential is at
// least theirs.
func TestProposeBeatsBaselines(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		for range 100 {
			in := unconstrained(randomInput(rng, shape, 1+rng.IntN(30), 1+rng.IntN(20), 0))
			p, err := Propose(in)
			if err != nil {
				t.Fatal(err)
			}
			o := p.Scores.Optimal
			for name, b := range map[string]Score{"random": p.Scores.Random, "greedy": p.Scores.Greedy} {
				if b.Tandems != o.Tandems || b.Pairs != o.Pairs || b.Total > o.Total {
					t.Fatalf("%s: %s baseline %+v, optimal %+v: want equal counts and total ≤ optimal", shape, name, b, o)
				}
			}
		}
	}
}

// TestTwoToOneShapes: how 2:1 fills its tandems for every balance of
// mentors and mentees.
func TestTwoToOneShapes(t *testing.T) {
	tests := []struct {
		mentors, mentees       int
		twoToOne, oneToOne, no int // tandems of each shape, mentees left out
		mentorsLeft            int
	}{
		{mentors: 6, mentees: 3, twoToOne: 3},
		{mentors: 7, mentees: 3, twoToOne: 3, mentorsLeft: 1},
		{mentors: 5, mentees: 3, twoToOne: 2, oneToOne: 1},
		{mentors: 3, mentees: 3, oneToOne: 3},
		{mentors: 2, mentees: 3, oneToOne: 2, no: 1},
		{mentors: 0, mentees: 2, no: 2},
		{mentors: 2, mentees: 0, mentorsLeft: 2},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d mentors, %d mentees", tt.mentors, tt.mentees), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tt.mentors), uint64(tt.mentees)))
			in := unconstrained(randomInput(rng, survey.ShapeTwoToOne, tt.mentors, tt.mentees, 0))
			p, err := Propose(in)
			if err != nil {
				t.Fatal(err)
			}
			checkProposal(t, in, p)
			shapes := map[string]int{}
			for _, td := range p.Tandems {
				shapes[td.Shape]++
			}
			left := map[survey.Role]int{}
			for _, u := range p.Unmatched {
				left[u.Role]++
			}
			if shapes[survey.ShapeTwoToOne] != tt.twoToOne || shapes[survey.ShapeOneToOne] != tt.oneToOne ||
				left[survey.RoleMentee] != tt.no || left[survey.RoleMentor] != tt.mentorsLeft {
				t.Errorf("got %d 2:1, %d 1:1, %d mentees and %d mentors left; want %d, %d, %d, %d",
					shapes[survey.ShapeTwoToOne], shapes[survey.ShapeOneToOne], left[survey.RoleMentee], left[survey.RoleMentor],
					tt.twoToOne, tt.oneToOne, tt.no, tt.mentorsLeft)
			}
		})
	}
}

// TestProposeDeterministic: the same input gives the same proposal, byte
// for byte; another seed changes only the random baseline.
func TestProposeDeterministic(t *testing.T) {
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		in := randomInput(rand.New(rand.NewPCG(11, 11)), shape, 25, 15, 0.1)
		first := mustJSON(t, in)
		for range 3 {
			if again := mustJSON(t, in); again != first {
				t.Fatalf("%s: the same input gave two proposals:\n%s\n%s", shape, first, again)
			}
		}
		a, _ := Propose(in)
		in.Seed++
		b, _ := Propose(in)
		if a.Scores.Optimal != b.Scores.Optimal || a.Scores.Greedy != b.Scores.Greedy {
			t.Errorf("%s: another seed changed the optimum or the greedy baseline", shape)
		}
	}
}

func mustJSON(t *testing.T, in Input) string {
	t.Helper()
	p, err := Propose(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestProposeUnknownShape(t *testing.T) {
	if _, err := Propose(Input{Shape: "3:1"}); err == nil {
		t.Error("shape 3:1: got nil error, want one")
	}
}

// BenchmarkPropose500 is a 1:1 proposal for 500 mentors and 500 mentees
// with the eight program topics: potentials, the assignment and both
// baselines.
func BenchmarkPropose500(b *testing.B) {
	rng := rand.New(rand.NewPCG(500, 500))
	in := randomInput(rng, survey.ShapeOneToOne, 500, 500, 0.01)
	in.Topics = []string{"social_media", "enterprise_network", "collaboration_tools", "digital_workplace",
		"new_technologies", "artificial_intelligence", "mobile_apps", "next_generation_work"}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Propose(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/proposal")
}
