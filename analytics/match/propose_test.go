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

// randomPerson draws intake answers on testTopics, leaving some out
// (neutral).
func randomPerson(rng *rand.Rand, id string, role survey.Role) *Person {
	return drawPerson(rng, id, role, testTopics)
}

// drawPerson draws intake answers on topics: one in eight never answers;
// each rating is skipped with chance 1/6, else uniform on 1..5; each topic
// is picked with chance 1/3.
func drawPerson(rng *rand.Rand, id string, role survey.Role, topics []string) *Person {
	p := &Person{ID: id, Name: "Name " + id, Role: role, Answered: rng.IntN(8) > 0,
		Knowledge: map[string]int{}, Wish: map[string]bool{}, Skill: map[string]int{},
		Department: []string{"IT", "Vertrieb", "Finanzen"}[rng.IntN(3)], AvoidOwnDepartment: rng.IntN(4) == 0}
	if !p.Answered {
		return p
	}
	for _, t := range topics {
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
// tandem, mentor–mentee pairs, total potential.
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
				walk(i+1, pairs+1, total+scorer{}.potential(m, e, in.Topics))
				count[j]--
			}
		}
	}
	walk(0, 0, 0)
	return best
}

func (s Score) objective() objective {
	return objective{int64(s.Tandems), int64(s.Pairs), s.total}
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
						t.Fatalf("%d mentors, %d mentees: got (tandems, pairs, potential) %v, want %v",
							len(in.Mentors), len(in.Mentees), got, want)
					}
				}
			})
		}
	}
}

// checkProposal checks what holds for every proposal: tandems of the
// shape, no one twice, exclusions kept, pairs described by the rule,
// scores that add up, and everyone either placed or listed as unmatched.
func checkProposal(t *testing.T, in Input, p Proposal) {
	t.Helper()
	people := map[string]*Person{}
	for _, x := range slices.Concat(in.Mentors, in.Mentees, in.Peers) {
		people[x.ID] = x
	}
	seen := map[string]bool{}
	var total int64
	pairs := 0
	for _, td := range p.Tandems {
		n := len(td.Members)
		if n < 2 || n > in.capacity()+1 || (n == 3) != (td.Shape == survey.ShapeTwoToOne) || len(td.Pairs) != n-1 {
			t.Fatalf("tandem %v: shape %s with %d members and %d pairs, want 1:1 or (for 2:1 only) 2:1", td.Members, td.Shape, n, len(td.Pairs))
		}
		e := people[td.Members[n-1]]
		for _, id := range td.Members {
			if seen[id] {
				t.Fatalf("%s is in two tandems", id)
			}
			seen[id] = true
		}
		var sum int64
		for i, id := range td.Members[:n-1] {
			m := people[id]
			if m.Role != survey.RoleMentor || e.Role != survey.RoleMentee {
				t.Fatalf("tandem %v: want mentors before one mentee", td.Members)
			}
			if !allowed(m, e, in.Exclusions) {
				t.Fatalf("tandem %v pairs excluded %s and %s", td.Members, m.ID, e.ID)
			}
			checkPair(t, in, m, e, td.Pairs[i])
			sum += scorer{}.potential(m, e, in.Topics)
		}
		if want := (scorer{}).strength(sum, n-1, len(in.Topics)); td.Strength != want {
			t.Fatalf("tandem %v: strength %s, want %s", td.Members, td.Strength, want)
		}
		total += sum
		pairs += n - 1
	}
	if got, want := p.Scores.Optimal, (Score{total: total, Tandems: len(p.Tandems), Pairs: pairs}); got.objective() != want.objective() {
		t.Fatalf("optimal score %v, want %v from the tandems", got.objective(), want.objective())
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

// checkPair checks that pair p describes mentor m and mentee e: their
// ids, the topics the rule matches them on and the word for their
// potential.
func checkPair(t *testing.T, in Input, m, e *Person, p Pair) {
	t.Helper()
	sc := scorer{}
	if p.Mentor != m.ID || p.Mentee != e.ID {
		t.Fatalf("pair %s–%s, want %s–%s", p.Mentor, p.Mentee, m.ID, e.ID)
	}
	if want := sc.matchedTopics(m, e, in.Topics); !slices.Equal(p.Topics, want) {
		t.Fatalf("pair %s–%s: topics %v, want %v", m.ID, e.ID, p.Topics, want)
	}
	if want := sc.strength(sc.potential(m, e, in.Topics), 1, len(in.Topics)); p.Strength != want {
		t.Fatalf("pair %s–%s: strength %s, want %s", m.ID, e.ID, p.Strength, want)
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
			if o.total > 0 && *o.Percent != 100 || o.total == 0 && o.Percent != nil {
				t.Fatalf("%s: optimal percent %v with total %d, want 100 (null for 0)", shape, o.Percent, o.total)
			}
			for name, b := range map[string]Score{"random": p.Scores.Random, "greedy": p.Scores.Greedy} {
				if b.Tandems != o.Tandems || b.Pairs != o.Pairs || b.total > o.total {
					t.Fatalf("%s: %s baseline %v, optimal %v: want equal counts and total ≤ optimal", shape, name, b.objective(), o.objective())
				}
				if o.total > 0 && (*b.Percent > 100 || *b.Percent != int((200*b.total+o.total)/(2*o.total))) {
					t.Fatalf("%s: %s baseline percent %d of %d/%d, want it rounded half up and at most 100", shape, name, *b.Percent, b.total, o.total)
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
		if a.Scores.Optimal.objective() != b.Scores.Optimal.objective() || a.Scores.Greedy.objective() != b.Scores.Greedy.objective() {
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
