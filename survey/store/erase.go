package store

import (
	"context"
	"fmt"
	"time"

	"tandem/survey"
	"tandem/survey/programs"
)

// Erasure is what erasing a participant did.
type Erasure struct {
	Invitations       int `json:"invitations_deleted"`
	ResponsesDeleted  int `json:"responses_deleted"`
	ResponsesUnlinked int `json:"responses_unlinked"`
}

// EraseParticipant removes a participant for data protection: the person,
// their tandem memberships and invitations (so their links stop working).
// Their answers follow the program's policy: deleted, or kept without the
// pseudonymous key and attributes so that nothing links them to anyone.
// In anonymous mode no answer was ever linked, so none can be found: the
// responses already released carry no key, and the sealed ones waiting in
// pending_responses hold neither the participant nor the invitation; both
// stay, and the waiting ones are released with the rest of their survey.
func (s *Store) EraseParticipant(ctx context.Context, id string) (Erasure, error) {
	var out Erasure
	set, err := programs.ForParticipant(ctx, s.db, id)
	if err != nil {
		return out, err
	}
	policy, mode := set.Program.Erasure, set.Program.Mode
	var key string
	if mode == survey.ModeConfidential {
		if key, err = s.respondentKey(id); err != nil {
			return out, fmt.Errorf("erase participant: %w", err)
		}
	}
	err = s.writer.do(ctx, func(q querier) error {
		if mode == survey.ModeConfidential {
			var err error
			if policy == survey.ErasureDelete {
				out.ResponsesDeleted, err = deleteResponses(ctx, q, `respondent_key = ?`, key)
			} else {
				out.ResponsesUnlinked, err = exec(ctx, q, `UPDATE responses SET respondent_key = NULL,
					department = '', generation = '', region = '' WHERE respondent_key = ?`, key)
			}
			if err != nil {
				return err
			}
		}
		var err error
		if out.Invitations, err = exec(ctx, q, `DELETE FROM invitations WHERE participant_id = ?`, id); err != nil {
			return err
		}
		if _, err := exec(ctx, q, `DELETE FROM tandem_members WHERE participant_id = ?`, id); err != nil {
			return err
		}
		if _, err := exec(ctx, q, `DELETE FROM exclusions WHERE participant_a = ? OR participant_b = ?`, id, id); err != nil {
			return err
		}
		_, err = exec(ctx, q, `DELETE FROM participants WHERE id = ?`, id)
		return err
	})
	s.forms.reset()
	return out, err
}

// PurgeCohortsEndedBefore deletes the responses and answers, the sealed
// responses still waiting, and the invitations, of every cohort that ended
// before cutoff: the retention period. It returns how many responses were
// deleted, waiting ones included.
func (s *Store) PurgeCohortsEndedBefore(ctx context.Context, cutoff time.Time) (int, error) {
	var n int
	err := s.writer.do(ctx, func(q querier) error {
		var err error
		old := `cohort_id IN (SELECT id FROM cohorts WHERE ends_on < ?::DATE)`
		if n, err = deleteResponses(ctx, q, old, cutoff.Format(time.DateOnly)); err != nil {
			return err
		}
		waiting, err := exec(ctx, q, `DELETE FROM pending_responses WHERE survey_id IN (SELECT s.id FROM surveys s
			JOIN cohorts c ON c.id = s.cohort_id WHERE c.ends_on < ?::DATE)`, cutoff.Format(time.DateOnly))
		if err != nil {
			return err
		}
		n += waiting
		_, err = exec(ctx, q, `DELETE FROM invitations WHERE survey_id IN (SELECT s.id FROM surveys s
			JOIN cohorts c ON c.id = s.cohort_id WHERE c.ends_on < ?::DATE)`, cutoff.Format(time.DateOnly))
		return err
	})
	s.forms.reset()
	return n, err
}

// deleteResponses deletes the responses matching where (a condition on
// responses with one parameter, from this file only) and their answers.
func deleteResponses(ctx context.Context, q querier, where string, arg any) (int, error) {
	if _, err := exec(ctx, q, `DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE `+where+`)`, arg); err != nil {
		return 0, err
	}
	return exec(ctx, q, `DELETE FROM responses WHERE `+where, arg)
}

func exec(ctx context.Context, q querier, query string, args ...any) (int, error) {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("erase: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
