package attack

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// Loaded is a scenario put into a store through the store's own methods,
// as the setup API and the participant pages would, with what the attacker
// knows of it and what only the test knows.
type Loaded struct {
	Scenario
	ProgramID, CohortID string
	Surveys             map[survey.Phase]string // survey id per phase
	World               World
	Truth               Truth
	// After is a moment after every survey of the scenario closed.
	After time.Time
}

// Load creates the scenario's program, cohort and people in st, runs its
// surveys from opens on (an hour each), submits every form and closes
// every survey.
func Load(ctx context.Context, st *store.Store, cat *survey.Catalog, sc Scenario, opens time.Time) (*Loaded, error) {
	l := &Loaded{Scenario: sc, Surveys: map[survey.Phase]string{}, After: opens.Add(time.Duration(len(Phases)+1) * time.Hour)}
	prog, err := st.CreateProgram(ctx, survey.Program{Name: fmt.Sprintf("Attack %d", sc.Seed), Language: "en",
		Threshold: sc.Threshold, Mode: sc.Mode, Breakdowns: sc.Breakdowns, RawRows: sc.RawRows})
	if err != nil {
		return nil, err
	}
	co, err := st.CreateCohort(ctx, prog.ID, survey.Cohort{Name: "Round", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		return nil, err
	}
	l.ProgramID, l.CohortID = prog.ID, co.ID
	ids, err := st.AddParticipants(ctx, co.ID, sc.People)
	if err != nil {
		return nil, err
	}
	l.World = World{Threshold: sc.Threshold, People: map[string]Person{}, Respondents: map[string][]string{},
		Asked: askedFunc(cat, l.Surveys)}
	for i, p := range sc.People {
		l.World.People[ids[i]] = Person{ID: ids[i], Attrs: map[string]string{"role": p.Role,
			"department": p.Department, "generation": p.Generation, "region": p.Region}}
	}
	l.Truth = Truth{Answered: map[string]map[string]bool{}, Partial: map[string]map[string]bool{},
		Authors: map[string]string{}, Answers: map[string]map[string]map[string]string{}}
	for n, phase := range Phases {
		at := opens.Add(time.Duration(n) * time.Hour)
		id, err := l.run(ctx, st, cat, phase, ids, at)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", phase, err)
		}
		l.Surveys[phase] = id
	}
	return l, nil
}

// run puts the survey of phase to everyone, submits the scenario's forms
// at once (the writer commits them in groups) and closes it.
func (l *Loaded) run(ctx context.Context, st *store.Store, cat *survey.Catalog, phase survey.Phase, ids []string, at time.Time) (string, error) {
	sv, err := st.CreateSurvey(ctx, l.CohortID, survey.Survey{Phase: phase, OpensAt: at, ClosesAt: at.Add(time.Hour)})
	if err != nil {
		return "", err
	}
	l.Surveys[phase] = sv.ID
	invs, err := st.InviteAt(ctx, sv.ID, at)
	if err != nil {
		return "", err
	}
	token := map[string]string{}
	for _, inv := range invs {
		token[inv.ParticipantID] = inv.Token
	}
	q := cat.Phase(phase)
	var wg sync.WaitGroup
	errs := make([]error, len(ids))
	for i, values := range l.Answers[phase] {
		role := survey.Role(l.People[i].Role)
		as, err := survey.DecodeForm(q, role, values)
		if err != nil {
			return "", fmt.Errorf("form of person %d: %w", i, err)
		}
		l.record(sv.ID, ids[i], q, as)
		wg.Go(func() {
			f, err := st.FormByToken(ctx, token[ids[i]])
			if err == nil {
				err = st.SubmitAt(ctx, f, "en", as, at.Add(time.Minute))
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	_, err = st.CloseSurvey(ctx, sv.ID)
	return sv.ID, err
}

// record notes who answered survey surveyID, and what, for the attacker
// (who answered) and the truth (everything else).
func (l *Loaded) record(surveyID, id string, q *survey.Questionnaire, as []survey.Answer) {
	l.World.Respondents[surveyID] = append(l.World.Respondents[surveyID], id)
	mark := func(m map[string]map[string]bool, key string) {
		if m[key] == nil {
			m[key] = map[string]bool{}
		}
		m[key][id] = true
	}
	row := map[string]string{}
	answered := map[string]bool{}
	for _, a := range as {
		switch {
		case a.Num != nil:
			row[a.Key] = FormatNum(*a.Num)
		case a.Choice != "":
			row[a.Key] = joinChoice(q, a.Key, row[a.Key], a.Choice)
		default:
			l.Truth.Authors[a.Text] = id
			continue
		}
		answered[a.Key] = true
		mark(l.Truth.Answered, surveyID+"/"+a.Key)
	}
	dims := map[string][2]int{} // dimension → answered, items
	for _, it := range q.Items() {
		if it.Dimension != "" {
			d := dims[it.Dimension]
			d[1]++
			if answered[it.Key] {
				d[0]++
			}
			dims[it.Dimension] = d
		}
	}
	for d, c := range dims {
		if c[0] > 0 {
			mark(l.Truth.Answered, surveyID+"/dimension/"+d)
		}
		if c[0] > 0 && c[0] < c[1] {
			mark(l.Truth.Partial, surveyID+"/dimension/"+d)
		}
	}
	if l.Truth.Answers[surveyID] == nil {
		l.Truth.Answers[surveyID] = map[string]map[string]string{}
	}
	l.Truth.Answers[surveyID][id] = row
}

// joinChoice adds option to the ticked options so far, in the
// questionnaire's order, joined by ";" as the rows write them.
func joinChoice(q *survey.Questionnaire, key, so, option string) string {
	it, _ := q.Item(key)
	ticked := []string{option}
	if so != "" {
		ticked = append(strings.Split(so, ";"), option)
	}
	var out []string
	for _, o := range it.Options {
		if slices.Contains(ticked, o.Value) {
			out = append(out, o.Value)
		}
	}
	return strings.Join(out, ";")
}

// askedFunc tells whether a role is asked an item of one of the surveys.
func askedFunc(cat *survey.Catalog, surveys map[survey.Phase]string) func(string, string, survey.Role) bool {
	return func(surveyID, key string, role survey.Role) bool {
		for phase, id := range surveys {
			if id == surveyID {
				it, ok := cat.Phase(phase).Item(key)
				return ok && it.AskedOf(role)
			}
		}
		return false
	}
}
