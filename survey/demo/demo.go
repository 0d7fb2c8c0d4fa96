package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// Info is what the demo prints.
type Info struct {
	ProgramID                         string
	FinishedCohortID, RunningCohortID string
	// UpcomingCohortID is a cohort whose intake survey is answered and
	// whose participants are in no tandem yet: the one to match.
	UpcomingCohortID string
	// OpenSurveyID is the running cohort's half-time survey.
	OpenSurveyID string
	// Links are a few unanswered participant links of the open survey.
	Links []Link
}

// Link is one participant's personal link to the open survey.
type Link struct {
	Name string
	Role survey.Role
	URL  string
}

// pcgStream fixes the second word of the PCG state, so that seed alone
// decides the answers.
const pcgStream = 0x7a6e64656d

// seeder carries what every step of the demo needs.
type seeder struct {
	st      *store.Store
	catalog *survey.Catalog
	rng     *rand.Rand
	now     time.Time
}

// Seed fills an empty store with a plausible program: a finished cohort of
// 40 people whose intake, kick-off, check-in, half-time and final surveys
// are closed and answered, a running cohort of 21 whose kick-off is answered
// and whose half-time survey is open at now, and an upcoming cohort of 22
// whose intake survey is answered and who wait to be matched. baseURL prefixes the
// links ("http://127.0.0.1:8080"); the same seed gives the same answers.
// Seed refuses with EConflict if the store already holds a program.
func Seed(ctx context.Context, st *store.Store, catalog *survey.Catalog, baseURL string, now time.Time, seed int64) (Info, error) {
	empty, err := st.Empty(ctx)
	if err != nil {
		return Info{}, fmt.Errorf("demo: %w", err)
	}
	if !empty {
		return Info{}, survey.Errorf(survey.EConflict, "the database already holds a program; the demo only seeds an empty one")
	}
	s := &seeder{st: st, catalog: catalog, rng: rand.New(rand.NewPCG(uint64(seed), pcgStream)), now: now.UTC()}
	var info Info
	if info.ProgramID, err = s.program(ctx); err != nil {
		return Info{}, fmt.Errorf("demo: %w", err)
	}
	var first []*respondent
	if info.FinishedCohortID, first, err = s.finishedCohort(ctx, info.ProgramID); err != nil {
		return Info{}, fmt.Errorf("demo: first round: %w", err)
	}
	c, open, untouched, err := s.runningCohort(ctx, info.ProgramID)
	if err != nil {
		return Info{}, fmt.Errorf("demo: second round: %w", err)
	}
	info.RunningCohortID, info.OpenSurveyID = c, open
	info.Links = links(untouched, strings.TrimSuffix(baseURL, "/"))
	// Seeded last, so that the earlier cohorts get the same answers from
	// the same seed as before it existed.
	if info.UpcomingCohortID, err = s.upcomingCohort(ctx, info.ProgramID); err != nil {
		return Info{}, fmt.Errorf("demo: third round: %w", err)
	}
	if err := s.pastIntake(ctx, info.FinishedCohortID, first); err != nil {
		return Info{}, fmt.Errorf("demo: first round intake: %w", err)
	}
	return info, nil
}

func (s *seeder) program(ctx context.Context) (string, error) {
	threshold := 5
	// The demo releases per-response rows, so that every download can be
	// tried; a new program releases none until an admin says so.
	p, err := survey.ProgramInput{Name: "Reverse Mentoring 2026", Language: "de",
		Threshold: &threshold, Mode: survey.ModeConfidential, RawRows: true}.Program()
	if err != nil {
		return "", err
	}
	p, err = s.st.CreateProgram(ctx, p)
	return p.ID, err
}

// finishedCohort ran for five months and ended two months ago; its four
// phases from kick-off to final are closed and answered by 85-95% of the
// cohort (its intake survey is added last, by pastIntake). It returns the
// cohort's id and its respondents.
func (s *seeder) finishedCohort(ctx context.Context, programID string) (string, []*respondent, error) {
	end := day(s.now).AddDate(0, -2, 0)
	start := end.AddDate(0, -5, 0)
	c, rs, err := s.cohort(ctx, programID, "Erste Runde", start, end, firstRound)
	if err != nil {
		return "", nil, err
	}
	mid := day(start.Add(end.Sub(start) / 2))
	phases := []struct {
		phase         survey.Phase
		opens, closes time.Time
	}{
		{survey.PhaseKickoff, at(start, 1, 8), at(start, 15, 18)},
		{survey.PhaseCheckin, at(start, 45, 8), at(start, 52, 18)},
		{survey.PhaseMidpoint, at(mid, 0, 8), at(mid, 14, 18)},
		{survey.PhaseFinal, at(end, -21, 8), at(end, 0, 18)},
	}
	for _, ph := range phases {
		if err := s.closedSurvey(ctx, c.ID, ph.phase, ph.opens, ph.closes, rs); err != nil {
			return "", nil, err
		}
	}
	return c.ID, rs, nil
}

// runningCohort started a month ago and ends in four: the kick-off is
// answered, the half-time survey opened yesterday and is partly answered,
// the final survey is scheduled.
func (s *seeder) runningCohort(ctx context.Context, programID string) (string, string, []pending, error) {
	start := day(s.now).AddDate(0, -1, 0)
	end := day(s.now).AddDate(0, 4, 0)
	c, rs, err := s.cohort(ctx, programID, "Zweite Runde", start, end, secondRound)
	if err != nil {
		return "", "", nil, err
	}
	if err := s.closedSurvey(ctx, c.ID, survey.PhaseKickoff, at(start, 1, 8), at(start, 15, 18), rs); err != nil {
		return "", "", nil, err
	}
	opens := at(day(s.now), -1, 8)
	sv, err := s.schedule(ctx, c.ID, survey.PhaseMidpoint, opens, at(day(s.now), 14, 18))
	if err != nil {
		return "", "", nil, err
	}
	untouched, err := s.conduct(ctx, sv, rs, plan{share: 0.35 + 0.15*s.rng.Float64(), openShare: 0.2, until: s.now})
	if err != nil {
		return "", "", nil, err
	}
	if _, err := s.schedule(ctx, c.ID, survey.PhaseFinal, at(end, -21, 8), at(end, 0, 18)); err != nil {
		return "", "", nil, err
	}
	return c.ID, sv.ID, untouched, nil
}

// closedSurvey schedules a survey whose window has passed and plays out
// its answers: 85-95% submit, about half of the rest opened the link.
func (s *seeder) closedSurvey(ctx context.Context, cohortID string, ph survey.Phase, opens, closes time.Time, rs []*respondent) error {
	sv, err := s.schedule(ctx, cohortID, ph, opens, closes)
	if err != nil {
		return err
	}
	_, err = s.conduct(ctx, sv, rs, plan{share: 0.85 + 0.10*s.rng.Float64(), openShare: 0.5, until: closes})
	return err
}

// schedule creates a survey through the same checks the setup API applies.
func (s *seeder) schedule(ctx context.Context, cohortID string, ph survey.Phase, opens, closes time.Time) (survey.Survey, error) {
	sv, err := survey.SurveyInput{Phase: ph, OpensAt: opens.Format(time.RFC3339),
		ClosesAt: closes.Format(time.RFC3339)}.Survey()
	if err != nil {
		return sv, fmt.Errorf("schedule %s: %w", ph, err)
	}
	return s.st.CreateSurvey(ctx, cohortID, sv)
}

// cohort creates the cohort, its participants and tandems, and returns the
// respondents in the order of teams.
func (s *seeder) cohort(ctx context.Context, programID, name string, start, end time.Time, teams [][]person) (survey.Cohort, []*respondent, error) {
	c, err := survey.CohortInput{Name: name, StartsOn: start.Format(time.DateOnly), EndsOn: end.Format(time.DateOnly)}.Cohort()
	if err != nil {
		return c, nil, err
	}
	if c, err = s.st.CreateCohort(ctx, programID, c); err != nil {
		return c, nil, err
	}
	var rows []survey.ParticipantInput
	for _, team := range teams {
		for _, p := range team {
			rows = append(rows, survey.ParticipantInput{Name: p.name, Email: p.email(), Role: string(p.role),
				Department: p.department, Generation: p.generation, Region: p.region})
		}
	}
	ids, err := s.st.AddParticipants(ctx, c.ID, rows)
	if err != nil {
		return c, nil, err
	}
	rs := s.respondents(teams, ids)
	for i, k := 0, 0; i < len(teams); i++ {
		members := make([]string, len(teams[i]))
		for j := range members {
			members[j] = rs[k+j].id
		}
		k += len(members)
		if _, err := s.st.CreateTandem(ctx, c.ID, members); err != nil {
			return c, nil, fmt.Errorf("tandem %d: %w", i+1, err)
		}
	}
	return c, rs, nil
}

// respondents draws the traits of everyone in teams (ids in the same
// order). The cohort's benefit is centred on 4.0, so that its headline
// figures stay near the intended ones whatever the seed.
func (s *seeder) respondents(teams [][]person, ids []string) []*respondent {
	var rs []*respondent
	var states []*tandemState
	sum := 0.0
	for _, team := range teams {
		state := &tandemState{}
		for _, p := range team {
			r := newRespondent(s.rng, p, ids[len(rs)], state)
			rs, sum = append(rs, r), sum+r.benefit
		}
		states = append(states, state)
	}
	shift := 4.0 - sum/float64(len(rs))
	for _, r := range rs {
		r.benefit += shift
	}
	for i, k := 0, 0; i < len(teams); i++ {
		team := rs[k : k+len(teams[i])]
		k += len(team)
		mean := 0.0
		for _, r := range team {
			mean += r.benefit / float64(len(team))
		}
		// Pairs who got more out of the program more often keep meeting.
		states[i].continues = s.rng.Float64() < 0.72+0.25*(mean-4)
	}
	return rs
}

// links picks up to four untouched invitations, one of each role first.
func links(untouched []pending, baseURL string) []Link {
	var out []Link
	taken := map[string]bool{}
	add := func(p pending) {
		taken[p.token] = true
		out = append(out, Link{Name: p.r.name, Role: p.r.role, URL: survey.Link(baseURL, p.token)})
	}
	for _, role := range []survey.Role{survey.RoleMentee, survey.RoleMentor, survey.RolePeer} {
		for _, p := range untouched {
			if p.r.role == role {
				add(p)
				break
			}
		}
	}
	for _, p := range untouched {
		if len(out) >= 4 {
			break
		}
		if !taken[p.token] {
			add(p)
		}
	}
	return out
}

// day is the UTC midnight that starts t's day.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// at is hour o'clock UTC, days after d.
func at(d time.Time, days, hour int) time.Time {
	return d.AddDate(0, 0, days).Add(time.Duration(hour) * time.Hour)
}
