package match

import (
	"context"
	"database/sql"
	"fmt"

	"tandem/analytics"
	"tandem/survey"
)

// OutcomeJSON is what GET /cohorts/{id}/matching/outcome returns: whether
// the learning potential of the tandems as formed predicted what their
// mentees learned. Each point is one learner of a tandem (the mentee, or
// each peer of a peer pair): the potential of the tandem for them (the sum
// over their mentors, by the rule of the proposal) against their knowledge
// gain, the mean over topics of final − intake knowledge (kick-off
// knowledge where the intake rating is missing).
//
// Only the correlation is shown, never a point and never a mean of
// potential or gain: a mean over n learners is their sum in disguise, and
// two of them, taken before and after one more learner answered, give
// that learner's value.
type OutcomeJSON struct {
	CohortID  string `json:"cohort_id"`
	Threshold int    `json:"threshold"`
	// N counts the points; null when suppressed.
	N *int `json:"n"`
	// Suppressed is set when 0 < N < Threshold: no figure is shown.
	Suppressed bool   `json:"suppressed"`
	Reason     string `json:"reason,omitempty"`
	// Correlation is Pearson's r of potential and gain with its two-sided
	// p-value; null when suppressed, for fewer than 3 points, or when
	// either side does not vary.
	Correlation *analytics.Correlation `json:"correlation"`
}

// member is a tandem member with their role.
type member struct {
	id   string
	role survey.Role
}

// Outcome correlates, over the learners of the cohort's tandems, the
// matched learning potential with the knowledge gained. It refuses with
// EConflict in anonymous mode, where no answers can be linked.
func Outcome(ctx context.Context, db *sql.DB, keys Keyer, cat *survey.Catalog, cohortID string) (OutcomeJSON, error) {
	out := OutcomeJSON{CohortID: cohortID}
	var pot, gain []float64
	err := readOnly(ctx, db, func(tx *sql.Tx) error {
		c, err := readCohort(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		out.Threshold = c.threshold
		if c.mode != survey.ModeConfidential {
			return survey.Errorf(survey.EConflict, "the program is anonymous: answers are linked to no one, so potential and gain cannot be paired")
		}
		phases := map[survey.Phase]map[string]*answerSet{}
		for _, ph := range []survey.Phase{survey.PhaseIntake, survey.PhaseKickoff, survey.PhaseFinal} {
			ok, err := hasSurvey(ctx, tx, cohortID, ph)
			if err != nil {
				return err
			}
			if ok {
				if phases[ph], err = latestAnswers(ctx, tx, cohortID, ph); err != nil {
					return err
				}
			}
		}
		if phases[survey.PhaseIntake] == nil || phases[survey.PhaseFinal] == nil {
			out.Reason = "needs an intake survey and a final survey"
			return nil
		}
		tandems, err := readTandems(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		pot, gain = outcomePoints(tandems, phases, keys, intakeTopics(cat))
		return nil
	})
	if err != nil {
		return out, err
	}
	n := len(pot)
	switch {
	case out.Reason != "":
		out.N = &n
	case n > 0 && n < out.Threshold:
		out.Suppressed, out.Reason = true, fmt.Sprintf("fewer than %d tandem learners with intake and final answers", out.Threshold)
	case n == 0:
		out.N, out.Reason = &n, "no tandem learner has intake and final answers yet"
	default:
		out.N = &n
		out.Correlation = analytics.Pearson(pot, gain)
	}
	return out, nil
}

// outcomePoints pairs, for every learner of every tandem whose own and
// whose mentors' intake answers and whose final answers are found, the
// tandem's potential for them with their mean knowledge gain.
func outcomePoints(tandems [][]member, phases map[survey.Phase]map[string]*answerSet, keys Keyer, topics []string) (pot, gain []float64) {
	intake, kickoff, final := phases[survey.PhaseIntake], phases[survey.PhaseKickoff], phases[survey.PhaseFinal]
	person := func(id string) *Person {
		a := intake[keys.RespondentKey(id)]
		if a == nil {
			return nil
		}
		p := &Person{ID: id}
		p.fill(a)
		return p
	}
	for _, t := range tandems {
		for _, l := range t {
			if l.role != survey.RoleMentee && l.role != survey.RolePeer {
				continue
			}
			learner := person(l.id)
			key := keys.RespondentKey(l.id)
			g, ok := meanGain(intake[key], kickoff[key], final[key], topics)
			if learner == nil || !ok {
				continue
			}
			var q int64
			complete := true
			for _, m := range t {
				if m.id == l.id || m.role == survey.RoleMentee {
					continue
				}
				teacher := person(m.id)
				if teacher == nil {
					complete = false
					break
				}
				q += scorer{}.potential(teacher, learner, topics)
			}
			if complete {
				pot, gain = append(pot, float64(q)), append(gain, g)
			}
		}
	}
	return pot, gain
}

// meanGain is the mean over topics of final − before knowledge, before
// being the intake rating or, where that is missing, the kick-off one.
// It reports false when no topic has both.
func meanGain(intake, kickoff, final *answerSet, topics []string) (float64, bool) {
	if final == nil {
		return 0, false
	}
	sum, n := 0, 0
	for _, t := range topics {
		key := "knowledge_" + t
		after, ok := final.nums[key]
		if !ok {
			continue
		}
		before, ok := 0, false
		for _, a := range []*answerSet{intake, kickoff} {
			if a != nil && !ok {
				before, ok = a.nums[key]
			}
		}
		if ok {
			sum, n = sum+after-before, n+1
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// readTandems lists the cohort's tandems, each as its members with roles.
func readTandems(ctx context.Context, tx *sql.Tx, cohortID string) ([][]member, error) {
	rows, err := tx.QueryContext(ctx, qTandemMembers, cohortID)
	if err != nil {
		return nil, fmt.Errorf("match: tandems: %w", err)
	}
	defer rows.Close()
	var out [][]member
	last := ""
	for rows.Next() {
		var tid, pid, role string
		if err := rows.Scan(&tid, &pid, &role); err != nil {
			return nil, fmt.Errorf("match: tandems: %w", err)
		}
		if tid != last {
			out, last = append(out, nil), tid
		}
		out[len(out)-1] = append(out[len(out)-1], member{pid, survey.Role(role)})
	}
	return out, rows.Err()
}
