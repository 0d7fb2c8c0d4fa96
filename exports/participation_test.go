package exports_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// t0 is "now" in these tests.
var t0 = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// clock is a settable clock shared by the store and the collector.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time       { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)      { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration)  { c.Set(c.Now().Add(d)) }
func newClock(t time.Time) *clock     { return &clock{t: t} }
func (c *clock) option() store.Option { return store.WithClock(c.Now) }

// MustOpenStore opens a store on a fresh DuckDB file in a temp dir and
// closes it when the test ends.
func MustOpenStore(tb testing.TB, opts ...store.Option) *store.Store {
	tb.Helper()
	return storetest.MustOpen(tb, opts...)
}

// fixture builds programs through the store's own methods.
type fixture struct {
	tb  testing.TB
	s   *store.Store
	ctx context.Context
}

func (f fixture) must(err error) {
	f.tb.Helper()
	if err != nil {
		f.tb.Fatal(err)
	}
}

func (f fixture) program(name string, threshold int) string {
	p, err := f.s.CreateProgram(f.ctx, survey.Program{Name: name, Language: "en", Threshold: threshold, Mode: survey.ModeConfidential})
	f.must(err)
	return p.ID
}

// cohort adds a cohort with people, role by role.
func (f fixture) cohort(programID, name string, roles map[string]int) string {
	c, err := f.s.CreateCohort(f.ctx, programID, survey.Cohort{Name: name, StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	f.must(err)
	var rows []survey.ParticipantInput
	for role, n := range roles {
		for i := range n {
			rows = append(rows, survey.ParticipantInput{Name: fmt.Sprintf("%s %d", role, i),
				Email: fmt.Sprintf("%s%d@example.com", role, i), Role: role})
		}
	}
	_, err = f.s.AddParticipants(f.ctx, c.ID, rows)
	f.must(err)
	return c.ID
}

// survey schedules a survey and invites the whole cohort at its opening.
// It returns the survey ID and the forms behind the links, by role.
func (f fixture) survey(cohortID string, phase survey.Phase, opens, closes time.Time) (string, map[survey.Role][]store.Form) {
	sv, err := f.s.CreateSurvey(f.ctx, cohortID, survey.Survey{Phase: phase, OpensAt: opens, ClosesAt: closes})
	f.must(err)
	invs, err := f.s.InviteAt(f.ctx, sv.ID, opens)
	f.must(err)
	forms := map[survey.Role][]store.Form{}
	for _, inv := range invs {
		form, err := f.s.FormByToken(f.ctx, inv.Token)
		f.must(err)
		forms[form.Role] = append(forms[form.Role], form)
	}
	return sv.ID, forms
}

// answer opens the first `opened` forms and submits the first `submitted`
// of them at the moment at.
func (f fixture) answer(forms []store.Form, opened, submitted int, at time.Time) {
	four := 4.0
	for i, form := range forms[:opened] {
		f.must(f.s.MarkOpenedAt(f.ctx, form.Invitation.ID, at))
		if i < submitted {
			f.must(f.s.SubmitAt(f.ctx, form, "en", []survey.Answer{{Key: "overall_satisfaction", Num: &four}}, at))
		}
	}
}

// scenario is the collector's world at t0:
//   - program "RM 2026" with the given anonymity threshold, cohort "Round 1" (3 mentors, 2 mentees): an open
//     midpoint survey (closes in 5 days; mentors 2 opened, 1 answered;
//     mentees 1 opened, 1 answered), a kick-off that closed 3 days ago
//     (4 of 5 answered), a check-in that closed 10 days ago and a final
//     survey not yet open (neither is exported);
//   - cohort "Round 2" (2 peers): a final survey closed by hand an hour
//     ago, 1 of 2 answered;
//   - cohort "Round 3" without surveys (not exported).
type scenario struct {
	program, round1, round2 string
	spare                   store.Form // a mentor's unopened link to the open midpoint survey
}

func buildScenario(tb testing.TB, s *store.Store, clk *clock, threshold int) scenario {
	f := fixture{tb: tb, s: s, ctx: context.Background()}
	var sc scenario
	sc.program = f.program("RM 2026", threshold)
	sc.round1 = f.cohort(sc.program, "Round 1", map[string]int{"mentor": 3, "mentee": 2})
	sc.round2 = f.cohort(sc.program, "Round 2", map[string]int{"peer": 2})
	f.cohort(sc.program, "Round 3", map[string]int{"mentor": 1})

	_, mid := f.survey(sc.round1, survey.PhaseMidpoint, t0.Add(-2*day), t0.Add(5*day))
	f.answer(mid[survey.RoleMentor], 2, 1, t0.Add(-day))
	f.answer(mid[survey.RoleMentee], 1, 1, t0.Add(-day))
	sc.spare = mid[survey.RoleMentor][2]
	_, kick := f.survey(sc.round1, survey.PhaseKickoff, t0.Add(-20*day), t0.Add(-3*day))
	f.answer(kick[survey.RoleMentor], 3, 3, t0.Add(-10*day))
	f.answer(kick[survey.RoleMentee], 1, 1, t0.Add(-10*day))
	_, check := f.survey(sc.round1, survey.PhaseCheckin, t0.Add(-30*day), t0.Add(-10*day))
	f.answer(check[survey.RoleMentor], 3, 3, t0.Add(-20*day))
	f.survey(sc.round1, survey.PhaseFinal, t0.Add(30*day), t0.Add(40*day))

	fin, peers := f.survey(sc.round2, survey.PhaseFinal, t0.Add(-5*day), t0.Add(5*day))
	f.answer(peers[survey.RolePeer], 1, 1, t0.Add(-2*day))
	clk.Set(t0.Add(-time.Hour))
	_, err := s.CloseSurvey(f.ctx, fin)
	f.must(err)
	clk.Set(t0)
	return sc
}

var participationNames = []string{
	"tandem_survey_invitations", "tandem_survey_invitations_opened", "tandem_survey_invitations_submitted",
	"tandem_survey_response_ratio", "tandem_surveys_open", "tandem_survey_closes_in_seconds",
}

// expected is the scrape of the scenario at threshold 2, where no role is
// small: the counts as they are.
func (sc scenario) expected() string {
	r := strings.NewReplacer("$P", sc.program, "$C1", sc.round1, "$C2", sc.round2)
	return r.Replace(`
# HELP tandem_survey_closes_in_seconds Seconds until the first open survey of the cohort and phase closes.
# TYPE tandem_survey_closes_in_seconds gauge
tandem_survey_closes_in_seconds{cohort="$C1",phase="midpoint",program="$P"} 432000
# HELP tandem_survey_invitations Invitations sent for open and recently closed surveys; roles of a survey with fewer invitations than the program's anonymity threshold are counted together as role "other".
# TYPE tandem_survey_invitations gauge
tandem_survey_invitations{cohort="$C1",phase="kickoff",program="$P",role="mentee",state="closed"} 2
tandem_survey_invitations{cohort="$C1",phase="kickoff",program="$P",role="mentor",state="closed"} 3
tandem_survey_invitations{cohort="$C1",phase="midpoint",program="$P",role="mentee",state="open"} 2
tandem_survey_invitations{cohort="$C1",phase="midpoint",program="$P",role="mentor",state="open"} 3
tandem_survey_invitations{cohort="$C2",phase="final",program="$P",role="peer",state="closed"} 2
# HELP tandem_survey_invitations_opened Invitations whose link was opened at least once.
# TYPE tandem_survey_invitations_opened gauge
tandem_survey_invitations_opened{cohort="$C1",phase="kickoff",program="$P",role="mentee",state="closed"} 1
tandem_survey_invitations_opened{cohort="$C1",phase="kickoff",program="$P",role="mentor",state="closed"} 3
tandem_survey_invitations_opened{cohort="$C1",phase="midpoint",program="$P",role="mentee",state="open"} 1
tandem_survey_invitations_opened{cohort="$C1",phase="midpoint",program="$P",role="mentor",state="open"} 2
tandem_survey_invitations_opened{cohort="$C2",phase="final",program="$P",role="peer",state="closed"} 1
# HELP tandem_survey_invitations_submitted Invitations that were answered.
# TYPE tandem_survey_invitations_submitted gauge
tandem_survey_invitations_submitted{cohort="$C1",phase="kickoff",program="$P",role="mentee",state="closed"} 1
tandem_survey_invitations_submitted{cohort="$C1",phase="kickoff",program="$P",role="mentor",state="closed"} 3
tandem_survey_invitations_submitted{cohort="$C1",phase="midpoint",program="$P",role="mentee",state="open"} 1
tandem_survey_invitations_submitted{cohort="$C1",phase="midpoint",program="$P",role="mentor",state="open"} 1
tandem_survey_invitations_submitted{cohort="$C2",phase="final",program="$P",role="peer",state="closed"} 1
# HELP tandem_survey_response_ratio Answered invitations divided by invitations sent (0 to 1).
# TYPE tandem_survey_response_ratio gauge
tandem_survey_response_ratio{cohort="$C1",phase="kickoff",program="$P",role="mentee",state="closed"} 0.5
tandem_survey_response_ratio{cohort="$C1",phase="kickoff",program="$P",role="mentor",state="closed"} 1
tandem_survey_response_ratio{cohort="$C1",phase="midpoint",program="$P",role="mentee",state="open"} 0.5
tandem_survey_response_ratio{cohort="$C1",phase="midpoint",program="$P",role="mentor",state="open"} 0.3333333333333333
tandem_survey_response_ratio{cohort="$C2",phase="final",program="$P",role="peer",state="closed"} 0.5
# HELP tandem_surveys_open Surveys open now; 0 where the cohort's surveys of that phase closed within the window.
# TYPE tandem_surveys_open gauge
tandem_surveys_open{cohort="$C1",phase="kickoff",program="$P"} 0
tandem_surveys_open{cohort="$C1",phase="midpoint",program="$P"} 1
tandem_surveys_open{cohort="$C2",phase="final",program="$P"} 0
`)
}

func TestParticipationCounts(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	sc := buildScenario(t, s, clk, 2)
	c := exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{Window: 7 * day})
	if err := testutil.CollectAndCompare(c, strings.NewReader(sc.expected()), participationNames...); err != nil {
		t.Error(err)
	}
	if got, want := testutil.CollectAndCount(c, "tandem_db_query_duration_seconds"), 1; got != want {
		t.Errorf("got %d query duration series, want %d", got, want)
	}
}

func TestParticipationWindow(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	buildScenario(t, s, clk, 2)
	tests := []struct {
		name   string
		window time.Duration
		want   int // tandem_surveys_open series
	}{
		{"an hour: only the open survey and the one closed an hour ago", 2 * time.Hour, 2},
		{"a week", 7 * day, 3},
		{"a fortnight: the check-in too", 14 * day, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{Window: tt.window})
			if got := testutil.CollectAndCount(c, "tandem_surveys_open"); got != tt.want {
				t.Errorf("got %d series, want %d", got, tt.want)
			}
		})
	}
}

func TestParticipationCache(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	sc := buildScenario(t, s, clk, 2)
	c := exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{TTL: 10 * time.Second})
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	submitted := func() float64 {
		t.Helper()
		return gatheredValue(t, reg, "tandem_survey_invitations_submitted",
			map[string]string{"cohort": sc.round1, "phase": "midpoint", "role": "mentor"})
	}
	closesIn := func() float64 {
		t.Helper()
		return gatheredValue(t, reg, "tandem_survey_closes_in_seconds", map[string]string{"cohort": sc.round1})
	}
	if got, want := submitted(), 1.0; got != want {
		t.Fatalf("first scrape: got %v submitted, want %v", got, want)
	}
	// A second mentor answers; within the TTL the scrape still shows 1,
	// but the time left moves with the clock.
	f := fixture{tb: t, s: s, ctx: context.Background()}
	f.answer([]store.Form{sc.spare}, 1, 1, t0)
	clk.Add(4 * time.Second)
	if got, want := submitted(), 1.0; got != want {
		t.Errorf("within the TTL: got %v submitted, want %v (cached)", got, want)
	}
	if got, want := closesIn(), 5*day.Seconds()-4; got != want {
		t.Errorf("within the TTL: got %v s to close, want %v", got, want)
	}
	// After the TTL a scrape still serves the old reading and starts a
	// fresh one; a later scrape shows it.
	clk.Add(10 * time.Second)
	if got, want := submitted(), 1.0; got != want {
		t.Errorf("first scrape after the TTL: got %v submitted, want %v (renewed in the background)", got, want)
	}
	deadline := time.Now().Add(10 * time.Second)
	for submitted() != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("after the TTL: still %v submitted, want 2", submitted())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// flakyDB fails while failing is set.
type flakyDB struct {
	exports.Querier
	failing atomic.Bool
}

func (db *flakyDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if db.failing.Load() {
		return nil, errors.New("database is gone")
	}
	return db.Querier.QueryContext(ctx, q, args...)
}

func TestParticipationQueryError(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	buildScenario(t, s, clk, 2)
	db := &flakyDB{Querier: s.DB()}
	db.failing.Store(true)
	c := exports.NewParticipation(db, clk.Now, exports.ParticipationOptions{})
	errorsWant := func(n int) string {
		return fmt.Sprintf(`
# HELP tandem_db_query_errors_total Read queries against DuckDB that failed, by query; the last good result is served meanwhile.
# TYPE tandem_db_query_errors_total counter
tandem_db_query_errors_total{query="participation"} %d
`, n)
	}
	if err := testutil.CollectAndCompare(c, strings.NewReader(errorsWant(1)), "tandem_db_query_errors_total"); err != nil {
		t.Error(err)
	}
	if got := testutil.CollectAndCount(c, participationNames...); got != 0 {
		t.Errorf("got %d participation series from a failing database, want 0", got)
	}
	// Once it answers, the figures come; when it fails again, the last
	// good reading stays.
	db.failing.Store(false)
	good := testutil.CollectAndCount(c, participationNames...)
	if good == 0 {
		t.Fatal("no participation series once the database answers")
	}
	db.failing.Store(true)
	clk.Add(time.Minute)
	for range 3 {
		if got := testutil.CollectAndCount(c, participationNames...); got != good {
			t.Errorf("while the database fails: got %d series, want the last good %d", got, good)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// gatheredValue returns the value of the one series of name whose labels
// include want.
func gatheredValue(tb testing.TB, g prometheus.Gatherer, name string, want map[string]string) float64 {
	tb.Helper()
	mfs, err := g.Gather()
	if err != nil {
		tb.Fatal(err)
	}
	var found []float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			for k, v := range want {
				if labels[k] != v {
					continue metrics
				}
			}
			found = append(found, m.GetGauge().GetValue())
		}
	}
	if len(found) != 1 {
		tb.Fatalf("%s%v: got %d series, want 1", name, want, len(found))
	}
	return found[0]
}
