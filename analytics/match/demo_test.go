package match_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"tandem/analytics/match"
	"tandem/survey"
	"tandem/survey/demo"
	"tandem/survey/store"
)

// TestDemoMatching runs matching on the demo's upcoming cohort, the
// figures the README quotes: the optimal proposal against the random and
// greedy baselines (run with -v to see them).
func TestDemoMatching(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.duckdb"), store.WithKey(store.NewKey()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	catalog, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Seed(ctx, st, catalog, "http://127.0.0.1:8080", time.Date(2026, 5, 20, 9, 30, 0, 0, time.UTC), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		p, err := match.Suggest(ctx, st.DB(), st, catalog, info.UpcomingCohortID, match.Request{Shape: shape})
		if err != nil {
			t.Fatalf("%s: %v", shape, err)
		}
		s := p.Scores
		if s.Optimal.Percent == nil || s.Random.Percent == nil || s.Greedy.Percent == nil {
			t.Fatalf("%s: got scores %+v, want percentages", shape, s)
		}
		words := map[string]int{}
		for _, td := range p.Tandems {
			words[td.Strength]++
		}
		t.Logf("demo, %s: optimal %d%% (%d tandems, %d pairs), random %d%% (%d, %d), greedy %d%% (%d, %d); "+
			"tandems strong %d, good %d, fair %d, none %d; %d without intake",
			shape, *s.Optimal.Percent, s.Optimal.Tandems, s.Optimal.Pairs, *s.Random.Percent, s.Random.Tandems, s.Random.Pairs,
			*s.Greedy.Percent, s.Greedy.Tandems, s.Greedy.Pairs,
			words[match.StrengthStrong], words[match.StrengthGood], words[match.StrengthFair], words[match.StrengthNone], len(p.WithoutIntake))
		if len(p.Tandems) != 8 {
			t.Errorf("%s: got %d tandems, want one for each of the 8 mentees", shape, len(p.Tandems))
		}
		if *s.Optimal.Percent != 100 {
			t.Errorf("%s: optimal at %d%% of itself, want 100", shape, *s.Optimal.Percent)
		}
		for name, b := range map[string]match.Score{"random": s.Random, "greedy": s.Greedy} {
			if b.Pairs > s.Optimal.Pairs || b.Pairs == s.Optimal.Pairs && *b.Percent > 100 {
				t.Errorf("%s: the %s baseline %+v (%d%%) beats the optimum %+v", shape, name, b, *b.Percent, s.Optimal)
			}
		}
		if *s.Random.Percent >= 100 {
			t.Errorf("%s: random baseline at %d%%, want below the optimum", shape, *s.Random.Percent)
		}
	}

	// The finished cohort's tandems were formed by hand; its intake and
	// final surveys show whether their potential went with the gain.
	o, err := match.Outcome(ctx, st.DB(), st, catalog, info.FinishedCohortID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Suppressed || o.N == nil || *o.N < 5 || o.Correlation == nil {
		t.Fatalf("outcome of the finished cohort: got %+v, want a correlation over at least 5 learners", o)
	}
	t.Logf("demo, finished cohort: potential vs gain r = %.2f (p = %.2f, n = %d)", o.Correlation.R, o.Correlation.P, *o.N)
}
