package demo_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/demo"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

const baseURL = "http://127.0.0.1:8080"

// now is the demo's clock in these tests.
var now = time.Date(2026, 5, 20, 9, 30, 0, 0, time.UTC)

// MustOpenStore opens a store on a fresh DuckDB file and closes it when the
// test ends.
func MustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	return storetest.MustOpen(tb)
}

// mustSeed seeds a fresh store.
func mustSeed(tb testing.TB, seed int64) (*store.Store, demo.Info) {
	tb.Helper()
	st := MustOpenStore(tb)
	catalog, err := survey.LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	info, err := demo.Seed(context.Background(), st, catalog, baseURL+"/", now, seed)
	if err != nil {
		tb.Fatalf("Seed: %v", err)
	}
	return st, info
}

// surveyOf returns the survey of phase in cohortID.
func surveyOf(tb testing.TB, st *store.Store, cohortID string, phase survey.Phase) survey.Survey {
	tb.Helper()
	svs, err := st.Surveys(context.Background(), cohortID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, sv := range svs {
		if sv.Phase == phase {
			return sv
		}
	}
	tb.Fatalf("cohort %s has no %s survey", cohortID, phase)
	return survey.Survey{}
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	st, info := mustSeed(t, 1)

	counts, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := counts["participants"]; got < 82 || got > 92 {
		t.Errorf("participants = %d, want about 87", got)
	}
	if got := counts["cohorts"]; got != 3 {
		t.Errorf("cohorts = %d, want 3", got)
	}

	t.Run("finished cohort", func(t *testing.T) { checkFinishedCohort(t, st, info) })
	t.Run("open survey", func(t *testing.T) { checkOpenSurvey(t, st, info) })
	t.Run("comments", func(t *testing.T) { checkComments(t, st, info) })
	t.Run("final satisfaction", func(t *testing.T) { checkSatisfaction(t, st, info) })
	t.Run("upcoming cohort", func(t *testing.T) { checkUpcomingCohort(t, st, info) })
}

// checkUpcomingCohort: the third round waits to be matched: its intake
// survey is closed and mostly answered, mentors rate what they can teach
// and mentees what they know and want, nobody is in a tandem, and the
// organisers recorded exclusions.
func checkUpcomingCohort(t *testing.T, st *store.Store, info demo.Info) {
	ctx := context.Background()
	intake := surveyOf(t, st, info.UpcomingCohortID, survey.PhaseIntake)
	if intake.StatusAt(now) != survey.StatusClosed || intake.Invited != 22 || intake.Submitted < 17 {
		t.Errorf("intake: %s, %d of %d submitted; want closed, about 90%% of 22", intake.StatusAt(now), intake.Submitted, intake.Invited)
	}
	answers, err := st.Answers(ctx, intake.ID)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]int{}
	for _, a := range answers {
		keys[strings.SplitN(a.Key, "_", 2)[0]]++
	}
	for _, k := range []string{"teach", "knowledge", "learn", "format", "availability", "avoid"} {
		if keys[k] == 0 {
			t.Errorf("no intake answers to %s_*", k)
		}
	}
	if ts, err := st.Tandems(ctx, info.UpcomingCohortID); err != nil || len(ts) != 0 {
		t.Errorf("tandems: got %d (%v), want none", len(ts), err)
	}
	if xs, err := st.Exclusions(ctx, info.UpcomingCohortID); err != nil || len(xs) != 2 {
		t.Errorf("exclusions: got %d (%v), want 2", len(xs), err)
	}
}

// checkFinishedCohort: five closed surveys (intake to final) of about 44
// invitations, answered by 80-97%, with a few links only opened and a few
// never.
func checkFinishedCohort(t *testing.T, st *store.Store, info demo.Info) {
	ctx := context.Background()
	svs, err := st.Surveys(ctx, info.FinishedCohortID)
	if err != nil {
		t.Fatal(err)
	}
	if len(svs) != 5 {
		t.Fatalf("finished cohort has %d surveys, want 5", len(svs))
	}
	lookedOnly, neverOpened := 0, 0
	for _, sv := range svs {
		lookedOnly += sv.Opened - sv.Submitted
		neverOpened += sv.Invited - sv.Opened
		if got := sv.StatusAt(now); got != survey.StatusClosed {
			t.Errorf("%s status = %s, want closed", sv.Phase, got)
		}
		rate := float64(sv.Submitted) / float64(sv.Invited)
		if sv.Invited < 42 || sv.Invited > 46 || rate < 0.80 || rate > 0.97 {
			t.Errorf("%s: invited %d, submitted %d (%.0f%%), want about 44 at 80-97%%",
				sv.Phase, sv.Invited, sv.Submitted, 100*rate)
		}
	}
	if lookedOnly == 0 || neverOpened == 0 {
		t.Errorf("opened without submitting: %d, never opened: %d; want a few of each", lookedOnly, neverOpened)
	}
}

// checkOpenSurvey: the half-time survey of the running cohort is open and
// partly answered; the links lead to its unanswered invitations.
func checkOpenSurvey(t *testing.T, st *store.Store, info demo.Info) {
	ctx := context.Background()
	sv, err := st.Survey(ctx, info.OpenSurveyID)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Phase != survey.PhaseMidpoint || sv.StatusAt(now) != survey.StatusOpen {
		t.Errorf("open survey is %s and %s, want midpoint and open", sv.Phase, sv.StatusAt(now))
	}
	if sv.Submitted == 0 || sv.Submitted >= sv.Invited {
		t.Errorf("open survey: submitted %d of %d, want some but not all", sv.Submitted, sv.Invited)
	}
	if n := len(info.Links); n < 3 || n > 4 {
		t.Fatalf("got %d links, want 3 or 4", n)
	}
	for _, l := range info.Links {
		token, ok := strings.CutPrefix(l.URL, baseURL+"/s/")
		if !ok || l.Name == "" || !l.Role.Valid() {
			t.Errorf("link %+v: want a name, a role and %s/s/<token>", l, baseURL)
			continue
		}
		f, err := st.FormByToken(ctx, token)
		if err != nil {
			t.Errorf("link of %s: %v", l.Name, err)
			continue
		}
		if f.Survey.ID != info.OpenSurveyID || f.Invitation.SubmittedAt != nil || f.Role != l.Role {
			t.Errorf("link of %s: survey %s, submitted %v, role %s; want the open survey, unanswered, %s",
				l.Name, f.Survey.ID, f.Invitation.SubmittedAt, f.Role, l.Role)
		}
	}
}

// checkComments: comments were written, one of them a would-be formula.
func checkComments(t *testing.T, st *store.Store, info demo.Info) {
	ctx := context.Background()
	var texts []string
	for _, ph := range []survey.Phase{survey.PhaseMidpoint, survey.PhaseFinal} {
		answers, err := st.Answers(ctx, surveyOf(t, st, info.FinishedCohortID, ph).ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range answers {
			if a.Text != nil {
				texts = append(texts, *a.Text)
			}
		}
	}
	if len(texts) < 10 {
		t.Errorf("got %d comments at half-time and final, want at least 10", len(texts))
	}
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, "=") }) {
		t.Errorf("no comment starts with \"=\"; want one to exercise formula safety")
	}
}

// checkSatisfaction: the headline figure of the final evaluation.
func checkSatisfaction(t *testing.T, st *store.Store, info demo.Info) {
	ctx := context.Background()
	final := surveyOf(t, st, info.FinishedCohortID, survey.PhaseFinal)
	answers, err := st.Answers(ctx, final.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sum, n float64
	for _, a := range answers {
		if a.Key == "overall_satisfaction" {
			sum, n = sum+*a.Num, n+1
		}
	}
	if n != float64(final.Submitted) {
		t.Errorf("overall_satisfaction answered %v times, want %d (it is required)", n, final.Submitted)
	}
	if mean := sum / n; mean < 4.2 || mean > 4.8 {
		t.Errorf("mean overall_satisfaction = %.2f, want 4.2-4.8", mean)
	}
}

func TestSeedTwiceRefuses(t *testing.T) {
	ctx := context.Background()
	st, _ := mustSeed(t, 2)
	before, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	catalog, _ := survey.LoadCatalog()
	_, err = demo.Seed(ctx, st, catalog, baseURL, now, 2)
	if got := survey.ErrorCode(err); got != survey.EConflict {
		t.Errorf("second Seed: code %q (%v), want %q", got, err, survey.EConflict)
	}
	after, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d after the refused Seed, want %d", k, after[k], v)
		}
	}
}

func TestSeedDeterministic(t *testing.T) {
	st1, info1 := mustSeed(t, 42)
	st2, info2 := mustSeed(t, 42)
	got := finalAnswers(t, st1, info1)
	want := finalAnswers(t, st2, info2)
	if len(got) == 0 {
		t.Fatal("no answers in the final survey")
	}
	if !slices.Equal(got, want) {
		t.Errorf("the same seed gave different answers: %d vs %d pairs", len(got), len(want))
	}
	st3, info3 := mustSeed(t, 43)
	if other := finalAnswers(t, st3, info3); slices.Equal(got, other) {
		t.Error("seeds 42 and 43 gave the same answers, want the seed to matter")
	}
}

// finalAnswers returns the sorted (item key, value) pairs of the finished
// cohort's final survey; IDs are random, so they are left out.
func finalAnswers(tb testing.TB, st *store.Store, info demo.Info) []string {
	tb.Helper()
	final := surveyOf(tb, st, info.FinishedCohortID, survey.PhaseFinal)
	answers, err := st.Answers(context.Background(), final.ID)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, 0, len(answers))
	for _, a := range answers {
		v := ""
		switch {
		case a.Num != nil:
			v = strconv.FormatFloat(*a.Num, 'f', -1, 64)
		case a.Choice != nil:
			v = *a.Choice
		case a.Text != nil:
			v = *a.Text
		}
		out = append(out, a.Key+"="+v)
	}
	slices.Sort(out)
	return out
}
