package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"tandem/survey"
)

// TestNeedBands is the table of the rule: knowledge minus one for a picked
// topic, banded 0–1 high, 2–3 some, 4–5 none.
func TestNeedBands(t *testing.T) {
	tests := []struct {
		knowledge int
		picked    bool
		want      Need
	}{
		{1, true, NeedHigh}, {1, false, NeedHigh}, {2, true, NeedHigh},
		{2, false, NeedSome}, {3, true, NeedSome}, {3, false, NeedSome}, {4, true, NeedSome},
		{4, false, NeedNone}, {5, true, NeedNone}, {5, false, NeedNone},
	}
	for _, tt := range tests {
		if got := needOf(tt.knowledge, tt.picked); got != tt.want {
			t.Errorf("needOf(%d, picked %v) = %d, want %d", tt.knowledge, tt.picked, got, tt.want)
		}
	}
}

// TestBandsHideAnswers checks the property the bands exist for, on the
// rule itself: every band of need holds at least two knowledge ratings and
// both a picked and an unpicked topic, and whether a mentor can teach
// holds at least two teach ratings either way. Whatever the proposal
// shows therefore fits at least two answers to each question.
func TestBandsHideAnswers(t *testing.T) {
	knowledge := map[Need]map[int]bool{}
	picks := map[Need]map[bool]bool{}
	for k := 1; k <= 5; k++ {
		for _, p := range []bool{false, true} {
			n := needOf(k, p)
			if knowledge[n] == nil {
				knowledge[n], picks[n] = map[int]bool{}, map[bool]bool{}
			}
			knowledge[n][k], picks[n][p] = true, true
		}
	}
	for n := range knowledge {
		if len(knowledge[n]) < 2 || len(picks[n]) < 2 {
			t.Errorf("need %d: got knowledge ratings %v and picks %v, want at least two of each", n, knowledge[n], picks[n])
		}
	}
	teach := map[bool]int{}
	for s := 1; s <= 5; s++ {
		teach[s >= Teachable]++
	}
	if teach[true] < 2 || teach[false] < 2 {
		t.Errorf("teach ratings that can and cannot teach: got %v, want at least two each", teach)
	}
}

// TestPotentialWorkedExample follows the README's rule by hand: a topic
// counts its need (2 high, 1 some) where the mentor rates their teaching 4
// or 5, a missing rating counting as 3.
func TestPotentialWorkedExample(t *testing.T) {
	m := &Person{ID: "m", Skill: map[string]int{"social_media": 5, "collaboration_tools": 4, "mobile_apps": 4, "artificial_intelligence": 3}}
	e := &Person{ID: "e", Knowledge: map[string]int{"social_media": 4, "collaboration_tools": 1, "artificial_intelligence": 1},
		Wish: map[string]bool{"social_media": true, "artificial_intelligence": true}}
	tests := []struct {
		topic string
		want  int64
	}{
		{"social_media", 1},            // picked 4 counts as 3: some need
		{"collaboration_tools", 2},     // knowledge 1: high need
		{"artificial_intelligence", 0}, // high need, but teach 3 is too little
		{"mobile_apps", 1},             // knowledge missing (3): some need
	}
	sc := scorer{}
	for _, tt := range tests {
		if got := sc.contribution(m, e, tt.topic); got != tt.want {
			t.Errorf("contribution(%s) = %v, want %v", tt.topic, got, tt.want)
		}
	}
	if got := sc.potential(m, e, testTopics); got != 4 {
		t.Errorf("potential = %v, want 4", got)
	}
	want := []string{"collaboration_tools", "social_media", "mobile_apps"}
	if got := sc.matchedTopics(m, e, testTopics); !slices.Equal(got, want) {
		t.Errorf("matched topics = %v, want %v (most first, ties in topic order)", got, want)
	}
	if got := sc.matchedTopics(&Person{}, &Person{}, testTopics); len(got) != 0 {
		t.Errorf("matched topics of two neutral people = %v, want none", got)
	}
}

// TestStrength: the words against the most a pair (or two) could reach,
// 2 per topic: none at 0, strong from a third, good from a sixth.
func TestStrength(t *testing.T) {
	tests := []struct {
		pot           int64
		pairs, topics int
		want          string
	}{
		{0, 1, 8, StrengthNone}, {1, 1, 8, StrengthFair}, {2, 1, 8, StrengthFair},
		{3, 1, 8, StrengthGood}, {5, 1, 8, StrengthGood}, {6, 1, 8, StrengthStrong}, {16, 1, 8, StrengthStrong},
		{5, 2, 8, StrengthFair}, {6, 2, 8, StrengthGood}, {10, 2, 8, StrengthGood}, {11, 2, 8, StrengthStrong}, {2, 1, 4, StrengthGood}, {3, 1, 4, StrengthStrong},
	}
	for _, tt := range tests {
		if got := (scorer{}).strength(tt.pot, tt.pairs, tt.topics); got != tt.want {
			t.Errorf("strength(%d, %d pairs, %d topics) = %s, want %s", tt.pot, tt.pairs, tt.topics, got, tt.want)
		}
	}
}

// TestBandsCost measures what scoring on bands instead of ratings costs:
// the proposal on bands, scored by the exact rule they replace, against
// the optimum of that rule, over 100 cohorts of 12 mentors and 8 mentees
// with drawn answers on eight topics, and checks the figures the README
// quotes (TestDemoMatching checks those of the demo's cohort).
func TestBandsCost(t *testing.T) {
	topics := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	var kept, rnd []float64
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		rng := rand.New(rand.NewPCG(5, 5))
		var bands, best, random int64
		for range 100 {
			in := Input{Shape: shape, Seed: rng.Uint64(), Topics: topics}
			for i := range 12 {
				in.Mentors = append(in.Mentors, drawPerson(rng, fmt.Sprintf("m%d", i), survey.RoleMentor, topics))
			}
			for j := range 8 {
				in.Mentees = append(in.Mentees, drawPerson(rng, fmt.Sprintf("e%d", j), survey.RoleMentee, topics))
			}
			b, o, r := bandsCost(t, unconstrained(in))
			bands, best, random = bands+b, best+o, random+r
		}
		k, r := 100*float64(bands)/float64(best), 100*float64(random)/float64(best)
		if k < 80 || k < r+15 {
			t.Errorf("%s: bands keep %.1f%% of the exact optimum (random %.1f%%), want at least 80%% and well above random", shape, k, r)
		}
		kept, rnd = append(kept, k), append(rnd, r)
	}
	readmeQuotes(t, fmt.Sprintf("keeps %.0f%% (1:1) and %.0f%% (2:1) of that rule's optimum on uniformly drawn answers "+
		"(random pairing: %.0f%% and %.0f%%)", kept[0], kept[1], rnd[0], rnd[1]))
}

// bandsCost proposes tandems for in on bands and scores them by the exact
// rule the bands replaced; it returns that score beside the exact rule's
// optimum and random baseline for in, in the exact rule's units.
func bandsCost(t *testing.T, in Input) (bands, best, random int64) {
	t.Helper()
	p, err := Propose(in)
	if err != nil {
		t.Fatal(err)
	}
	in.expose.exactRatings = true
	exact, err := Propose(in)
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]*Person{}
	for _, x := range slices.Concat(in.Mentors, in.Mentees) {
		people[x.ID] = x
	}
	for _, td := range p.Tandems {
		for _, pr := range td.Pairs {
			bands += scorer{exact: true}.potential(people[pr.Mentor], people[pr.Mentee], in.Topics)
		}
	}
	return bands, exact.Scores.Optimal.total, exact.Scores.Random.total
}

func TestAllowed(t *testing.T) {
	x := Exclusions{}
	x.Add("e1", "m1")
	tests := []struct {
		name string
		m, e *Person
		want bool
	}{
		{"free", &Person{ID: "m2", Department: "IT"}, &Person{ID: "e1", Department: "IT"}, true},
		{"excluded either order", &Person{ID: "m1"}, &Person{ID: "e1"}, false},
		{"mentor avoids own department", &Person{ID: "m2", Department: "IT", AvoidOwnDepartment: true}, &Person{ID: "e2", Department: "IT"}, false},
		{"mentee avoids own department", &Person{ID: "m2", Department: "IT"}, &Person{ID: "e2", Department: "IT", AvoidOwnDepartment: true}, false},
		{"avoids, other department", &Person{ID: "m2", Department: "IT", AvoidOwnDepartment: true}, &Person{ID: "e2", Department: "HR"}, true},
		{"avoids, no department known", &Person{ID: "m2", AvoidOwnDepartment: true}, &Person{ID: "e2"}, true},
	}
	for _, tt := range tests {
		if got := allowed(tt.m, tt.e, x); got != tt.want {
			t.Errorf("%s: allowed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSharedTimes(t *testing.T) {
	tests := []struct {
		a, b, want []string
	}{
		{[]string{"weekday_morning", "weekday_midday"}, []string{"weekday_midday"}, []string{"weekday_midday"}},
		{[]string{"flexible"}, []string{"weekday_afternoon"}, []string{"weekday_afternoon"}},
		{[]string{"weekday_morning"}, []string{"flexible"}, []string{"weekday_morning"}},
		{[]string{"weekday_morning"}, []string{"weekday_afternoon"}, nil},
		{nil, []string{"weekday_afternoon"}, nil},
	}
	for _, tt := range tests {
		if got := sharedTimes(&Person{Times: tt.a}, &Person{Times: tt.b}); !slices.Equal(got, tt.want) {
			t.Errorf("sharedTimes(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
