package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tandem/survey"
)

var (
	responseColumns = []string{"id", "survey_id", "cohort_id", "phase", "respondent_key", "role",
		"department", "generation", "region", "language", "submitted_at"}
	answerColumns = []string{"response_id", "survey_id", "item_key", "num", "choice", "text"}
)

// Submit stores the answers of the invitation behind f, once: it refuses
// with EConflict when the invitation was already used and with EGone when
// the survey is not open at this moment. It returns after the commit.
func (s *Store) Submit(ctx context.Context, f Form, lang string, answers []survey.Answer) error {
	return s.writer.submit(ctx, func(ctx context.Context, tx *sql.Tx, b *batch) error {
		now := s.now().UTC()
		res, err := tx.ExecContext(ctx, `UPDATE invitations SET submitted_at = ?, opened_at = coalesce(opened_at, ?)
			WHERE id = ? AND submitted_at IS NULL AND EXISTS (SELECT 1 FROM surveys v
				WHERE v.id = invitations.survey_id AND v.closed_at IS NULL AND v.opens_at <= ? AND v.closes_at > ?)`,
			now, now, f.Invitation.ID, now, now)
		if err != nil {
			return fmt.Errorf("submit: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("submit: %w", err)
		} else if n == 0 {
			return refusal(ctx, tx, f.Invitation.ID)
		}
		var key any // NULL in anonymous mode: no link to the person at all
		at := now
		if f.Program.Mode == survey.ModeConfidential {
			key = survey.RespondentKey(s.secret, f.Invitation.ParticipantID)
		} else {
			// A coarse time keeps the response from being matched to the
			// invitation's exact submission time.
			at = now.Truncate(24 * time.Hour)
		}
		id := survey.NewID()
		b.responses = append(b.responses, []any{id, f.Survey.ID, f.Survey.CohortID, string(f.Survey.Phase), key,
			string(f.Role), f.Department, f.Generation, f.Region, lang, at})
		for _, a := range answers {
			var num, choice, text any
			switch {
			case a.Num != nil:
				num = *a.Num
			case a.Choice != "":
				choice = a.Choice
			default:
				text = a.Text
			}
			b.answers = append(b.answers, []any{id, f.Survey.ID, a.Key, num, choice, text})
		}
		return nil
	})
}

// refusal says why an invitation could not take a submission.
func refusal(ctx context.Context, tx *sql.Tx, invitationID string) error {
	var submitted sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT submitted_at FROM invitations WHERE id = ?`, invitationID).Scan(&submitted)
	switch {
	case err == sql.ErrNoRows:
		return survey.Errorf(survey.ENotFound, "no invitation for this link")
	case err != nil:
		return fmt.Errorf("submit: %w", err)
	case submitted.Valid:
		return survey.Errorf(survey.EConflict, "this invitation has already been answered")
	}
	return survey.Errorf(survey.EGone, "this survey is not open")
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
	for _, t := range []string{"programs", "cohorts", "participants", "tandems", "surveys", "invitations", "responses", "answers"} {
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
