package match

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// cohortFixture is a confidential cohort in a real DuckDB file whose
// mentors and mentees answered the intake survey with drawn answers, and
// nobody is in a tandem yet. truth holds the answers as drawn, by the
// store's participant ids: what an attacker tries to find out.
type cohortFixture struct {
	st       *store.Store
	cat      *survey.Catalog
	cohortID string
	truth    Input
	excluded map[[2]string]string // recorded exclusions: mentor, mentee -> exclusion id
}

// fixtureNow is the store's clock: the intake survey is open at it.
var fixtureNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// mustOpenFixtureStore opens a store on a fresh DuckDB file whose clock
// stands at fixtureNow, and loads the catalog.
func mustOpenFixtureStore(tb testing.TB) (*store.Store, *survey.Catalog) {
	tb.Helper()
	cat, err := survey.LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	return storetest.MustOpen(tb, store.WithClock(func() time.Time { return fixtureNow })), cat
}

// newCohortFixture stores, in a program of its own, a cohort of mentors
// and mentees drawn by drawPerson over the catalog's intake topics, and
// posts the intake form of each who answers, as the participant pages do.
func newCohortFixture(tb testing.TB, st *store.Store, cat *survey.Catalog, rng *rand.Rand, mentors, mentees int) cohortFixture {
	tb.Helper()
	ctx := context.Background()
	f := cohortFixture{st: st, cat: cat, excluded: map[[2]string]string{}}
	f.truth.Topics = intakeTopics(cat)
	var people []*Person
	for i := range mentors {
		people = append(people, drawPerson(rng, fmt.Sprintf("m%02d", i), survey.RoleMentor, f.truth.Topics))
	}
	for i := range mentees {
		people = append(people, drawPerson(rng, fmt.Sprintf("e%02d", i), survey.RoleMentee, f.truth.Topics))
	}
	f.cohortID = f.mustCohort(tb, people)
	sv, err := survey.SurveyInput{Phase: survey.PhaseIntake, OpensAt: fixtureNow.Add(-time.Hour).Format(time.RFC3339),
		ClosesAt: fixtureNow.Add(24 * time.Hour).Format(time.RFC3339)}.Survey()
	if err != nil {
		tb.Fatal(err)
	}
	if sv, err = f.st.CreateSurvey(ctx, f.cohortID, sv); err != nil {
		tb.Fatal(err)
	}
	invs, err := f.st.Invite(ctx, sv.ID)
	if err != nil {
		tb.Fatal(err)
	}
	byID := map[string]*Person{}
	for _, p := range people {
		byID[p.ID] = p
	}
	for _, inv := range invs {
		if p := byID[inv.ParticipantID]; p.Answered {
			f.mustAnswer(tb, inv.Token, p)
		}
	}
	return f
}

// mustCohort stores a program, a cohort and people as its participants,
// and gives each person the id the store chose. It returns the cohort id.
func (f *cohortFixture) mustCohort(tb testing.TB, people []*Person) string {
	tb.Helper()
	ctx := context.Background()
	threshold := 3
	prog, err := survey.ProgramInput{Name: "Attack", Threshold: &threshold, Mode: survey.ModeConfidential}.Program()
	if err != nil {
		tb.Fatal(err)
	}
	if prog, err = f.st.CreateProgram(ctx, prog); err != nil {
		tb.Fatal(err)
	}
	c, err := survey.CohortInput{Name: "Round", StartsOn: "2026-04-01", EndsOn: "2026-09-30"}.Cohort()
	if err != nil {
		tb.Fatal(err)
	}
	if c, err = f.st.CreateCohort(ctx, prog.ID, c); err != nil {
		tb.Fatal(err)
	}
	var rows []survey.ParticipantInput
	for _, p := range people {
		rows = append(rows, survey.ParticipantInput{Name: p.Name, Email: p.ID + "@example.com", Role: string(p.Role), Department: p.Department})
	}
	ids, err := f.st.AddParticipants(ctx, c.ID, rows)
	if err != nil {
		tb.Fatal(err)
	}
	for i, p := range people {
		p.ID = ids[i]
		if !p.Answered {
			p.AvoidOwnDepartment = false
		}
		if p.Role == survey.RoleMentor {
			p.Knowledge, p.Wish = map[string]int{}, map[string]bool{}
			f.truth.Mentors = append(f.truth.Mentors, p)
		} else {
			p.Skill = map[string]int{}
			f.truth.Mentees = append(f.truth.Mentees, p)
		}
	}
	return c.ID
}

// mustAnswer posts p's intake form through the invitation token.
func (f *cohortFixture) mustAnswer(tb testing.TB, token string, p *Person) {
	tb.Helper()
	ctx := context.Background()
	form := url.Values{}
	for t, v := range p.Knowledge {
		form.Set("knowledge_"+t, strconv.Itoa(v))
	}
	for t, v := range p.Skill {
		form.Set("teach_"+t, strconv.Itoa(v))
	}
	for _, t := range slices.Sorted(maps.Keys(p.Wish)) {
		if p.Wish[t] {
			form.Add(itemLearnTopics, t)
		}
	}
	if p.Format != "" {
		form.Set(itemFormat, p.Format)
	}
	form[itemAvailability] = p.Times
	form.Set(itemAvoidDept, map[bool]string{true: "yes", false: "no"}[p.AvoidOwnDepartment])
	fm, err := f.st.FormByToken(ctx, token)
	if err != nil {
		tb.Fatal(err)
	}
	answers, err := survey.DecodeForm(f.cat.Phase(survey.PhaseIntake), p.Role, form)
	if err != nil {
		tb.Fatalf("intake form of %s: %v", p.Name, err)
	}
	if err := f.st.Submit(ctx, fm, "en", answers); err != nil {
		tb.Fatalf("intake of %s: %v", p.Name, err)
	}
}

// setExcluded makes pairs (mentor id, mentee id) the cohort's exclusions,
// through the store as the API records and removes them.
func (f *cohortFixture) setExcluded(tb testing.TB, pairs [][2]string) {
	tb.Helper()
	ctx := context.Background()
	want := map[[2]string]bool{}
	for _, p := range pairs {
		want[p] = true
	}
	for p, id := range f.excluded {
		if !want[p] {
			if err := f.st.DeleteExclusion(ctx, f.cohortID, id); err != nil {
				tb.Fatal(err)
			}
			delete(f.excluded, p)
		}
	}
	var add [][]string
	for _, p := range pairs {
		if _, ok := f.excluded[p]; !ok {
			add = append(add, []string{p[0], p[1]})
		}
	}
	if len(add) == 0 {
		return
	}
	ids, err := f.st.AddExclusions(ctx, f.cohortID, add)
	if err != nil {
		tb.Fatal(err)
	}
	for i, p := range add {
		f.excluded[[2]string{p[0], p[1]}] = ids[i]
	}
}

// read is the input Suggest reads from the store now, as it reads it.
func (f *cohortFixture) read(tb testing.TB) Input {
	tb.Helper()
	in, _, err := readInput(context.Background(), f.st.DB(), f.st, f.cohortID)
	if err != nil {
		tb.Fatal(err)
	}
	in.Topics = intakeTopics(f.cat)
	return in
}

// TestCohortFixture: the loader reads back exactly the answers drawn, so
// they can serve as the ground truth of the attack.
func TestCohortFixture(t *testing.T) {
	st, cat := mustOpenFixtureStore(t)
	f := newCohortFixture(t, st, cat, rand.New(rand.NewPCG(7, 7)), 6, 5)
	got := f.read(t)
	for _, side := range [][2][]*Person{{got.Mentors, f.truth.Mentors}, {got.Mentees, f.truth.Mentees}} {
		byID := map[string]*Person{}
		for _, p := range side[1] {
			byID[p.ID] = p
		}
		if len(side[0]) != len(side[1]) {
			t.Fatalf("got %d people, want %d", len(side[0]), len(side[1]))
		}
		for _, p := range side[0] {
			w := byID[p.ID]
			picked := func(m map[string]bool) []string {
				var out []string
				for t, ok := range m {
					if ok {
						out = append(out, t)
					}
				}
				slices.Sort(out)
				return out
			}
			if w == nil || p.Answered != w.Answered || !maps.Equal(p.Knowledge, w.Knowledge) || !maps.Equal(p.Skill, w.Skill) ||
				!slices.Equal(picked(p.Wish), picked(w.Wish)) || p.AvoidOwnDepartment != w.AvoidOwnDepartment || p.Department != w.Department {
				t.Errorf("%s: read back %+v, want %+v", p.Name, p, w)
			}
		}
	}
}
