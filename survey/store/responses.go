package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"tandem/survey"
)

// submission is one form's answers waiting for the writer.
type submission struct {
	f       Form
	lang    string
	answers []survey.Answer
	at      time.Time
}

// Submit stores the answers of the invitation behind f, once: it refuses
// with EConflict when the invitation was already used and with EGone when
// the survey is not open at this moment. It returns after the commit. In an
// anonymous program the response is committed sealed and reaches the
// evaluation later, in a shuffled group (see pending.go).
func (s *Store) Submit(ctx context.Context, f Form, lang string, answers []survey.Answer) error {
	return s.SubmitAt(ctx, f, lang, answers, s.now())
}

// SubmitAt is Submit as of the moment at, for the demo and for imports of
// past surveys: the survey must have been open then.
func (s *Store) SubmitAt(ctx context.Context, f Form, lang string, answers []survey.Answer, at time.Time) error {
	if s.key == nil {
		return fmt.Errorf("submit: %w", ErrNoKey)
	}
	err := s.writer.enqueue(ctx, &job{sub: &submission{f: f, lang: lang, answers: answers, at: at.UTC()}})
	if err == nil || survey.ErrorCode(err) == survey.EConflict {
		s.forms.submitted(f.Invitation.ID, at, s.arrivalOrder)
	}
	return err
}

// sealed reports whether the store seals the responses of f's program
// instead of writing them at once: in anonymous mode, unless a test
// switched that protection off.
func (s *Store) sealed(f Form) bool {
	return f.Program.Mode == survey.ModeAnonymous && !s.arrivalOrder
}

// storeSubmissions writes the submissions among jobs (at the indexes subs)
// with few statements for the whole batch: one UPDATE that claims the
// invitations still unanswered in open surveys, then one append each of
// responses, answers and sealed anonymous responses. results receives each
// refusal. Surveys whose sealed responses reached twice their threshold
// release a shuffled group in the same transaction.
func (s *Store) storeSubmissions(ctx context.Context, conn *sql.Conn, jobs []*job, subs []int, results []error) error {
	claimed, err := s.claim(ctx, conn, jobs, subs)
	if err != nil {
		return err
	}
	var responses, answers, sealed [][]driver.Value
	thresholds := map[string]int{}
	for _, i := range subs {
		sub := jobs[i].sub
		if !claimed[i] {
			if results[i], err = refusal(ctx, conn, sub.f.Invitation.ID); err != nil {
				return err
			}
			continue
		}
		if s.sealed(sub.f) {
			row, err := s.pendingRow(sub)
			if err != nil {
				return err
			}
			sealed = append(sealed, row)
			thresholds[sub.f.Survey.ID] = sub.f.Program.Threshold
			continue
		}
		id := survey.NewID()
		row, err := s.responseRow(id, sub)
		if err != nil {
			return err
		}
		responses = append(responses, row)
		for _, a := range sub.answers {
			answers = append(answers, answerRow(id, sub.f.Survey.ID, a))
		}
	}
	// Column order is the tables' order in the migrations.
	if err := appendRows(conn, "responses", responses); err != nil {
		return err
	}
	if err := appendRows(conn, "answers", answers); err != nil {
		return err
	}
	if err := appendRows(conn, "pending_responses", sealed); err != nil {
		return err
	}
	return s.releaseFull(ctx, conn, thresholds)
}

// claim marks the invitations of the batch's submissions as submitted where
// they are unanswered and their survey is open at the submission's moment,
// and reports which jobs won their invitation. A second submission of one
// invitation in the same batch never wins. An invitation of an anonymous
// program gets the survey's opening time, for both opened_at and
// submitted_at: those columns then say whether, not when.
func (s *Store) claim(ctx context.Context, tx querier, jobs []*job, subs []int) (map[int]bool, error) {
	first := map[string]int{}
	var q strings.Builder
	var args []any
	for _, i := range subs {
		sub := jobs[i].sub
		id := sub.f.Invitation.ID
		if _, dup := first[id]; dup {
			continue
		}
		first[id] = i
		if len(args) > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?::TIMESTAMP, ?::BOOLEAN)")
		args = append(args, id, sub.at, s.sealed(sub.f))
	}
	rows, err := tx.QueryContext(ctx, `UPDATE invitations
		SET submitted_at = CASE WHEN v.anon THEN s.opens_at ELSE v.sub_at END,
			opened_at = coalesce(opened_at, CASE WHEN v.anon THEN s.opens_at ELSE v.sub_at END)
		FROM (VALUES `+q.String()+`) AS v(inv_id, sub_at, anon), surveys s
		WHERE invitations.id = v.inv_id AND invitations.submitted_at IS NULL
			AND s.id = invitations.survey_id AND s.closed_at IS NULL
			AND s.opens_at <= v.sub_at AND s.closes_at > v.sub_at
		RETURNING invitations.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("claim invitations: %w", err)
	}
	defer rows.Close()
	won := map[int]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("claim invitations: %w", err)
		}
		won[first[id]] = true
	}
	return won, rows.Err()
}

// responseRow is the responses row of a submission written at once: in a
// confidential program with the respondent key; in an anonymous one (only
// when a test switched sealing off) without it, at the exact time.
func (s *Store) responseRow(id string, sub *submission) ([]driver.Value, error) {
	f := sub.f
	var key driver.Value // NULL in anonymous mode: no link to the person at all
	if f.Program.Mode == survey.ModeConfidential {
		k, err := s.respondentKey(f.Invitation.ParticipantID)
		if err != nil {
			return nil, err
		}
		key = k
	}
	return []driver.Value{id, f.Survey.ID, f.Survey.CohortID, string(f.Survey.Phase), key,
		string(f.Role), f.Department, f.Generation, f.Region, sub.lang, sub.at}, nil
}

func answerRow(responseID, surveyID string, a survey.Answer) []driver.Value {
	var num, choice, text driver.Value
	switch {
	case a.Num != nil:
		num = *a.Num
	case a.Choice != "":
		choice = a.Choice
	default:
		text = a.Text
	}
	return []driver.Value{responseID, surveyID, a.Key, num, choice, text}
}

// refusal says why an invitation could not take a submission; the second
// result is a failure of the database itself.
func refusal(ctx context.Context, tx querier, invitationID string) (error, error) {
	var submitted sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT submitted_at FROM invitations WHERE id = ?`, invitationID).Scan(&submitted)
	switch {
	case err == sql.ErrNoRows:
		return survey.Errorf(survey.ENotFound, "no invitation for this link"), nil
	case err != nil:
		return nil, fmt.Errorf("submit: %w", err)
	case submitted.Valid:
		return survey.Errorf(survey.EConflict, "this invitation has already been answered"), nil
	}
	return survey.Errorf(survey.EGone, "this survey is not open"), nil
}

// StoredAnswer is an answer as kept, for checks and exports.
type StoredAnswer struct {
	ResponseID string
	Key        string
	Num        *float64
	Choice     *string
	Text       *string
}

// Answers returns every stored answer of a survey, in response order.
func (s *Store) Answers(ctx context.Context, surveyID string) ([]StoredAnswer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT response_id, item_key, num, choice, text FROM answers
		WHERE survey_id = ? ORDER BY response_id, item_key, choice`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	defer rows.Close()
	var out []StoredAnswer
	for rows.Next() {
		var a StoredAnswer
		if err := rows.Scan(&a.ResponseID, &a.Key, &a.Num, &a.Choice, &a.Text); err != nil {
			return nil, fmt.Errorf("answers: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Counts reports how many rows each table holds, so tests and tools can see
// that a refused request stored nothing.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"programs", "cohorts", "participants", "tandems", "surveys", "invitations", "responses", "answers", "pending_responses"} {
		var n int
		// t comes from the fixed list above, never from input.
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = n
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(submitted_at) FROM invitations").Scan(&n); err != nil {
		return nil, err
	}
	out["submitted"] = n
	return out, nil
}
