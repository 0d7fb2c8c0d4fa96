package match

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/demo"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// demoSeed is the seed of the demo's answers that the README quotes.
const demoSeed = 1

// shapeFigures are the README's figures of one shape on the demo.
type shapeFigures struct {
	shape                   string
	optimal, random, greedy Score
	tandems                 int
	strength                map[string]int // tandems by strength word
	bandsKeep               float64        // the bands' proposal scored by the exact rule, percent of its optimum
}

// TestDemoMatching runs matching on the demo's upcoming cohort and on its
// finished one, and checks the figures against the README's paragraph on
// them (written by the test with -update): the optimal proposal against
// the random and greedy baselines, and the finished cohort's potential
// against its gain. It also checks what the README says the bands cost on
// the demo's cohort.
func TestDemoMatching(t *testing.T) {
	ctx := context.Background()
	st := storetest.MustOpen(t)
	catalog, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Seed(ctx, st, catalog, "http://127.0.0.1:8080", time.Date(2026, 5, 20, 9, 30, 0, 0, time.UTC), demoSeed)
	if err != nil {
		t.Fatal(err)
	}
	var shapes []shapeFigures
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		f := demoShape(t, st, catalog, info.UpcomingCohortID, shape)
		if f.tandems != 8 {
			t.Errorf("%s: got %d tandems, want one for each of the 8 mentees", shape, f.tandems)
		}
		if *f.optimal.Percent != 100 {
			t.Errorf("%s: optimal at %d%% of itself, want 100", shape, *f.optimal.Percent)
		}
		for name, b := range map[string]Score{"random": f.random, "greedy": f.greedy} {
			if b.Pairs > f.optimal.Pairs || b.Pairs == f.optimal.Pairs && *b.Percent > 100 {
				t.Errorf("%s: the %s baseline %+v (%d%%) beats the optimum %+v", shape, name, b, *b.Percent, f.optimal)
			}
		}
		if *f.random.Percent >= 100 {
			t.Errorf("%s: random baseline at %d%%, want below the optimum", shape, *f.random.Percent)
		}
		shapes = append(shapes, f)
	}

	// The finished cohort's tandems were formed by hand; its intake and
	// final surveys show whether their potential went with the gain.
	o, err := Outcome(ctx, st.DB(), st, catalog, info.FinishedCohortID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Suppressed || o.N == nil || *o.N < 5 || o.Correlation == nil {
		t.Fatalf("outcome of the finished cohort: got %+v, want a correlation over at least 5 learners", o)
	}
	checkReadmeBlock(t, demoParagraph(t, st, info.UpcomingCohortID, shapes, o))
	readmeQuotes(t, fmt.Sprintf("and %.0f%% and %.0f%% on the demo's cohort", shapes[0].bandsKeep, shapes[1].bandsKeep))
}

// demoShape proposes tandems of one shape for the cohort, as the API
// does, and scores the proposal on bands by the exact rule.
func demoShape(t *testing.T, st *store.Store, catalog *survey.Catalog, cohortID, shape string) shapeFigures {
	t.Helper()
	ctx := context.Background()
	p, err := Suggest(ctx, st.DB(), st, catalog, cohortID, Request{Shape: shape})
	if err != nil {
		t.Fatalf("%s: %v", shape, err)
	}
	s := p.Scores
	if s.Optimal.Percent == nil || s.Random.Percent == nil || s.Greedy.Percent == nil {
		t.Fatalf("%s: got scores %+v, want percentages", shape, s)
	}
	f := shapeFigures{shape: shape, optimal: s.Optimal, random: s.Random, greedy: s.Greedy, tandems: len(p.Tandems),
		strength: map[string]int{}}
	for _, td := range p.Tandems {
		f.strength[td.Strength]++
	}
	in, _, err := readInput(ctx, st.DB(), st, cohortID)
	if err != nil {
		t.Fatal(err)
	}
	in.Topics, in.Shape, in.Seed = intakeTopics(catalog), shape, DefaultSeed
	bands, best, _ := bandsCost(t, in)
	f.bandsKeep = 100 * float64(bands) / float64(best)
	return f
}

// demoParagraph is the README's paragraph on matching the demo.
func demoParagraph(t *testing.T, st *store.Store, cohortID string, shapes []shapeFigures, o OutcomeJSON) string {
	t.Helper()
	ctx := context.Background()
	c, err := st.Cohort(ctx, cohortID)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Participants(ctx, cohortID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[survey.Role]int{}
	for _, p := range ps {
		roles[p.Role]++
	}
	xs, err := st.Exclusions(ctx, cohortID)
	if err != nil {
		t.Fatal(err)
	}
	one, two := shapes[0], shapes[1]
	tie := "the demo's answers do not tie the two"
	if o.Correlation.P < 0.05 {
		tie = "a tie at the 5% level"
	}
	return fmt.Sprintf("On the demo's upcoming cohort (%q: %d mentees, %d mentors, %d exclusions; seed %d, "+
		"`go test ./analytics/match -run DemoMatching` checks this paragraph) the random baseline reaches %d%% "+
		"and the greedy one %d%% of the optimum for %s (%d tandems: %s), and %d%% and %d%% for %s "+
		"(%d tandems of %d pairs). On the finished cohort, paired by hand, potential and gain correlate "+
		"at r = %.2f (n = %d, p = %.2f: %s).",
		c.Name, roles[survey.RoleMentee], roles[survey.RoleMentor], len(xs), demoSeed,
		*one.random.Percent, *one.greedy.Percent, one.shape, one.tandems, strengthWords(one.strength),
		*two.random.Percent, *two.greedy.Percent, two.shape, two.tandems, two.optimal.Pairs,
		o.Correlation.R, *o.N, o.Correlation.P, tie)
}

// strengthWords counts the tandems by strength word, strongest first,
// leaving out words no tandem has: "1 strong, 6 good, 1 fair".
func strengthWords(n map[string]int) string {
	var parts []string
	for _, w := range []string{StrengthStrong, StrengthGood, StrengthFair, StrengthNone} {
		if n[w] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[w], w))
		}
	}
	return strings.Join(parts, ", ")
}
