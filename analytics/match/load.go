package match

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"tandem/survey"
	"tandem/survey/programs"
)

// Keyer gives the pseudonymous respondent key of a participant, the link
// from a person to their answers in confidential mode. The store
// implements it; the key is never shown.
type Keyer interface {
	RespondentKey(participantID string) string
}

// The intake items matching reads besides the topic ratings.
const (
	itemLearnTopics  = "learn_topics"
	itemFormat       = "format"
	itemAvailability = "availability"
	itemAvoidDept    = "avoid_own_department"
)

// cohortSettings are the program settings that govern a cohort.
type cohortSettings struct {
	mode      survey.Mode
	threshold int
}

func readCohort(ctx context.Context, tx *sql.Tx, id string) (cohortSettings, error) {
	set, err := programs.ForCohort(ctx, tx, id)
	if err != nil {
		return cohortSettings{}, err
	}
	return cohortSettings{mode: set.Program.Mode, threshold: set.Program.Threshold}, nil
}

// hasSurvey reports whether the cohort has a survey of phase.
func hasSurvey(ctx context.Context, tx *sql.Tx, cohortID string, phase survey.Phase) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, qPhaseSurveys, cohortID, string(phase)).Scan(&n); err != nil {
		return false, fmt.Errorf("match: surveys: %w", err)
	}
	return n > 0, nil
}

// answerSet is one respondent's answers to one survey.
type answerSet struct {
	nums    map[string]int
	choices map[string][]string
}

// latestAnswers returns, by respondent key, the answers of each
// respondent's latest response to the cohort's surveys of phase.
func latestAnswers(ctx context.Context, tx *sql.Tx, cohortID string, phase survey.Phase) (map[string]*answerSet, error) {
	rows, err := tx.QueryContext(ctx, qLatestAnswers, cohortID, string(phase))
	if err != nil {
		return nil, fmt.Errorf("match: %s answers: %w", phase, err)
	}
	defer rows.Close()
	out := map[string]*answerSet{}
	for rows.Next() {
		var key, item string
		var num sql.NullFloat64
		var choice sql.NullString
		if err := rows.Scan(&key, &item, &num, &choice); err != nil {
			return nil, fmt.Errorf("match: %s answers: %w", phase, err)
		}
		a := out[key]
		if a == nil {
			a = &answerSet{nums: map[string]int{}, choices: map[string][]string{}}
			out[key] = a
		}
		switch {
		case num.Valid:
			a.nums[item] = int(num.Float64)
		case choice.Valid:
			a.choices[item] = append(a.choices[item], choice.String)
		}
	}
	return out, rows.Err()
}

// intakeTopics lists the program topics the intake rates, in form order.
func intakeTopics(cat *survey.Catalog) []string {
	var out []string
	for _, it := range cat.Phase(survey.PhaseIntake).Items() {
		if it.Topic != "" && !slices.Contains(out, it.Topic) {
			out = append(out, it.Topic)
		}
	}
	return out
}

// fill sets p's intake answers from a (nil: none found).
func (p *Person) fill(a *answerSet) {
	p.Knowledge, p.Skill, p.Wish = map[string]int{}, map[string]int{}, map[string]bool{}
	if a == nil {
		return
	}
	p.Answered = true
	for item, v := range a.nums {
		if topic, ok := strings.CutPrefix(item, "knowledge_"); ok {
			p.Knowledge[topic] = v
		} else if topic, ok := strings.CutPrefix(item, "teach_"); ok {
			p.Skill[topic] = v
		}
	}
	for _, t := range a.choices[itemLearnTopics] {
		p.Wish[t] = true
	}
	if f := a.choices[itemFormat]; len(f) > 0 {
		p.Format = f[0]
	}
	p.Times = a.choices[itemAvailability]
	p.AvoidOwnDepartment = slices.Equal(a.choices[itemAvoidDept], []string{"yes"})
}

// candidates are the participants a proposal considers.
type candidates struct {
	mentors, mentees, peers []*Person
	inTandem                int
}

// readCandidates reads the participants of a cohort not yet in a tandem,
// with their intake answers.
func readCandidates(ctx context.Context, tx *sql.Tx, keys Keyer, cohortID string, intake map[string]*answerSet) (candidates, error) {
	var c candidates
	rows, err := tx.QueryContext(ctx, qParticipants, cohortID)
	if err != nil {
		return c, fmt.Errorf("match: participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := &Person{}
		var role string
		var inTandem bool
		if err := rows.Scan(&p.ID, &p.Name, &role, &p.Department, &inTandem); err != nil {
			return c, fmt.Errorf("match: participants: %w", err)
		}
		if inTandem {
			c.inTandem++
			continue
		}
		p.Role = survey.Role(role)
		p.fill(intake[keys.RespondentKey(p.ID)])
		switch p.Role {
		case survey.RoleMentor:
			c.mentors = append(c.mentors, p)
		case survey.RoleMentee:
			c.mentees = append(c.mentees, p)
		default:
			c.peers = append(c.peers, p)
		}
	}
	return c, rows.Err()
}

func readExclusions(ctx context.Context, tx *sql.Tx, cohortID string) (Exclusions, error) {
	rows, err := tx.QueryContext(ctx, qExclusions, cohortID)
	if err != nil {
		return nil, fmt.Errorf("match: exclusions: %w", err)
	}
	defer rows.Close()
	x := Exclusions{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, fmt.Errorf("match: exclusions: %w", err)
		}
		x.Add(a, b)
	}
	return x, rows.Err()
}

// readOnly runs fn in a transaction that is always rolled back, so that
// every read of a request sees one snapshot.
func readOnly(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("match: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}
