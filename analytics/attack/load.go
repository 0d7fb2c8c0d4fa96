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
	Surveys             map[survey.Phase]string // survey id per phase (the last of a phase)
	// SurveyIDs lists every survey, in the order they ran.
	SurveyIDs []string
	World     World
	Truth     Truth
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
	phases := map[string]survey.Phase{}
	l.World = World{Threshold: sc.Threshold, People: map[string]Person{}, Respondents: map[string][]string{},
		Asked: askedFunc(cat, phases)}
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
		l.Surveys[phase], phases[id] = id, phase
		l.SurveyIDs = append(l.SurveyIDs, id)
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
			if _, twice := l.Truth.Authors[a.Text]; twice {
				l.Truth.Authors[a.Text] = "" // written by two: nobody's in particular
			} else {
				l.Truth.Authors[a.Text] = id
			}
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

// askedFunc tells whether a role is asked an item of one of the surveys
// (survey id → phase).
func askedFunc(cat *survey.Catalog, phases map[string]survey.Phase) func(string, string, survey.Role) bool {
	return func(surveyID, key string, role survey.Role) bool {
		q := cat.Phase(phases[surveyID])
		if q == nil {
			return false
		}
		it, ok := q.Item(key)
		return ok && it.AskedOf(role)
	}
}

// FromStore reads a confidential cohort that is already in st (the demo,
// say) as an attack test needs it: what the attacker knows (the
// participants and who answered which survey) and the truth, worked out
// through the respondent keys, which only the store can compute.
func FromStore(ctx context.Context, st *store.Store, cat *survey.Catalog, cohortID string) (*Loaded, error) {
	co, err := st.Cohort(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	prog, err := st.Program(ctx, co.ProgramID)
	if err != nil {
		return nil, err
	}
	if prog.Mode != survey.ModeConfidential {
		return nil, fmt.Errorf("cohort %s: only a confidential program's answers can be told apart", cohortID)
	}
	l := &Loaded{ProgramID: prog.ID, CohortID: cohortID, Surveys: map[survey.Phase]string{}}
	l.Threshold, l.RawRows, l.Breakdowns = prog.Threshold, prog.RawRows, prog.Breakdowns
	phases := map[string]survey.Phase{}
	l.World = World{Threshold: prog.Threshold, People: map[string]Person{}, Respondents: map[string][]string{},
		Asked: askedFunc(cat, phases)}
	l.Truth = Truth{Answered: map[string]map[string]bool{}, Partial: map[string]map[string]bool{},
		Authors: map[string]string{}, Answers: map[string]map[string]map[string]string{}}
	people, err := st.Participants(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]string{}
	for _, p := range people {
		l.World.People[p.ID] = Person{ID: p.ID, Attrs: map[string]string{"role": string(p.Role),
			"department": p.Department, "generation": p.Generation, "region": p.Region}}
		byKey[st.RespondentKey(p.ID)] = p.ID
	}
	svs, err := st.Surveys(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	for _, sv := range svs {
		phases[sv.ID], l.Surveys[sv.Phase] = sv.Phase, sv.ID
		l.SurveyIDs = append(l.SurveyIDs, sv.ID)
		if err := l.readAnswers(ctx, st, cat.Phase(sv.Phase), sv.ID, byKey); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// readAnswers puts the stored answers of survey surveyID, linked to people
// through their respondent keys, into the truth.
func (l *Loaded) readAnswers(ctx context.Context, st *store.Store, q *survey.Questionnaire, surveyID string, byKey map[string]string) error {
	rows, err := st.DB().QueryContext(ctx, `SELECT r.respondent_key, a.item_key, a.num, a.choice, a.text
		FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.survey_id = ? ORDER BY r.id, a.item_key, a.choice`, surveyID)
	if err != nil {
		return err
	}
	defer rows.Close()
	answers := map[string][]survey.Answer{}
	var order []string
	for rows.Next() {
		var key, item string
		var num *float64
		var choice, text *string
		if err := rows.Scan(&key, &item, &num, &choice, &text); err != nil {
			return err
		}
		id, ok := byKey[key]
		if !ok {
			continue // an erased participant's answers
		}
		a := survey.Answer{Key: item, Num: num}
		switch {
		case choice != nil:
			a.Choice = *choice
		case text != nil:
			a.Text = *text
		}
		if answers[id] == nil {
			order = append(order, id)
		}
		answers[id] = append(answers[id], a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range order {
		l.record(surveyID, id, q, answers[id])
	}
	return nil
}
