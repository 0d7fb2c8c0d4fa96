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
		t.Logf("demo, %s: optimal %.2f (%d tandems, %d pairs), random %.2f (%d, %d), greedy %.2f (%d, %d); %d without intake",
			shape, s.Optimal.Total, s.Optimal.Tandems, s.Optimal.Pairs, s.Random.Total, s.Random.Tandems, s.Random.Pairs,
			s.Greedy.Total, s.Greedy.Tandems, s.Greedy.Pairs, len(p.WithoutIntake))
		if len(p.Tandems) != 8 {
			t.Errorf("%s: got %d tandems, want one for each of the 8 mentees", shape, len(p.Tandems))
		}
		for name, b := range map[string]match.Score{"random": s.Random, "greedy": s.Greedy} {
			if b.Pairs > s.Optimal.Pairs || b.Pairs == s.Optimal.Pairs && b.Total > s.Optimal.Total {
				t.Errorf("%s: the %s baseline %+v beats the optimum %+v", shape, name, b, s.Optimal)
			}
		}
		if s.Optimal.Total <= s.Random.Total {
			t.Errorf("%s: optimum %.2f not above the random baseline %.2f", shape, s.Optimal.Total, s.Random.Total)
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
