package attack

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// seeds is how many random programs the attack tests try: ATTACK_SEEDS,
// or 200 (30 with -short).
func seeds(t *testing.T) int {
	if s := os.Getenv("ATTACK_SEEDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("ATTACK_SEEDS=%q: %v", s, err)
		}
		return n
	}
	if testing.Short() {
		return 30
	}
	return 200
}

func mustCatalog(t *testing.T) *survey.Catalog {
	t.Helper()
	cat, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestAttacks runs every attack against random programs, each against
// everything one audience can fetch (results by every breakdown, the
// summary, the rows where released). With the publication model, no
// attack may learn anything about fewer than the threshold; with it
// switched off, every attack must succeed in some program, so that the
// attacks are known to work.
func TestAttacks(t *testing.T) {
	ctx := context.Background()
	cat := mustCatalog(t)
	opens := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	broken := map[string]int{}
	var st *store.Store
	for seed := range seeds(t) {
		if seed%10 == 0 {
			// A fresh database every ten programs: the queries scan a
			// survey's answers, and a file of every program would make each
			// look slower than the one before.
			st = storetest.MustOpen(t)
		}
		sc := Generate(uint64(seed), cat)
		l, err := Load(ctx, st, cat, sc, opens)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, off := range []bool{false, true} {
			r := &analytics.Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return l.After }, Unprotected: off}
			o, err := Fetch(ctx, r, l)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			for _, f := range Run(l.World, l.Truth, o) {
				if off {
					broken[f.Attack]++
					continue
				}
				t.Errorf("seed %d (threshold %d, %d people, breakdowns %v, rows %v): %s", seed, sc.Threshold,
					len(sc.People), sc.Breakdowns, sc.RawRows, f)
			}
		}
	}
	// (Small groups were withheld in the first release already: that
	// check guards against a regression, not an attack it fell to.)
	for _, a := range []string{"comments", "rows", "differencing"} {
		if broken[a] == 0 {
			t.Errorf("without the protection, the %s attack found nothing in %d programs: it does not work", a, seeds(t))
		}
	}
	t.Logf("without the protection: %v", broken)
}

// TestTimelineAttack looks at a survey after every response while it
// runs: with the publication model nothing is shown before it closes;
// without it, two looks differ by one response.
func TestTimelineAttack(t *testing.T) {
	ctx := context.Background()
	st := storetest.MustOpen(t)
	cat := mustCatalog(t)
	opens := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for seed := range 3 {
		sc := Generate(uint64(1000+seed), cat)
		p, err := st.CreateProgram(ctx, survey.Program{Name: "Timeline", Language: "en", Threshold: sc.Threshold,
			Mode: sc.Mode, Breakdowns: sc.Breakdowns})
		if err != nil {
			t.Fatal(err)
		}
		co, err := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Round", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		ids, err := st.AddParticipants(ctx, co.ID, sc.People)
		if err != nil {
			t.Fatal(err)
		}
		sv, err := st.CreateSurvey(ctx, co.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: opens, ClosesAt: opens.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		invs, err := st.InviteAt(ctx, sv.ID, opens)
		if err != nil {
			t.Fatal(err)
		}
		w := World{Threshold: sc.Threshold}
		during := opens.Add(30 * time.Minute)
		looks := map[bool][]analytics.ResultsJSON{}
		forms := sc.Answers[survey.PhaseFinal]
		for _, inv := range invs {
			i := slices.Index(ids, inv.ParticipantID)
			values, ok := forms[i]
			if !ok {
				continue
			}
			as, err := survey.DecodeForm(cat.Phase(survey.PhaseFinal), survey.Role(sc.People[i].Role), values)
			if err != nil {
				t.Fatal(err)
			}
			f, err := st.FormByToken(ctx, inv.Token)
			if err == nil {
				err = st.SubmitAt(ctx, f, "en", as, opens.Add(time.Minute))
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, off := range []bool{false, true} {
				r := &analytics.Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return during }, Unprotected: off}
				res, err := r.Results(ctx, sv.ID, "")
				if err != nil {
					t.Fatal(err)
				}
				looks[off] = append(looks[off], res)
			}
		}
		if fs := Timeline(w, Outputs{Timeline: looks[false]}); len(fs) > 0 {
			t.Errorf("seed %d: %v", seed, fs)
		}
		if fs := Timeline(w, Outputs{Timeline: looks[true]}); len(fs) == 0 {
			t.Errorf("seed %d: without the protection the timeline attack found nothing", seed)
		}
	}
}

// TestSpanFindsWhatSubtractionGives checks the differencing attack on
// hand-made sets: two groups and their union give nothing small; a group
// minus a subgroup of it gives the rest.
func TestSpanFindsWhatSubtractionGives(t *testing.T) {
	answered := map[string]bool{}
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		answered[id] = true
	}
	tests := []struct {
		name string
		sets [][]string
		want bool
	}{
		{"union of two groups", [][]string{{"a", "b", "c", "d"}, {"e", "f", "g", "h"}, {"a", "b", "c", "d", "e", "f", "g", "h"}}, false},
		{"a group and one inside it", [][]string{{"a", "b", "c", "d", "e"}, {"a", "b", "c", "d"}}, true},
		{"two breakdowns crossing", [][]string{{"a", "b", "c", "d"}, {"a", "b", "e", "f"}, {"a", "b", "c", "d", "e", "f", "g", "h"}}, false},
		{"three sets pin a pair", [][]string{{"a", "b", "c", "d"}, {"c", "d", "e", "f"}, {"a", "b", "c", "d", "e", "f"}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := smallSetInSpan(tc.sets, answered, 3)
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
