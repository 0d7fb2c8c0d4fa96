package store

import (
	"context"
	"database/sql"
	"fmt"

	"tandem/survey"
)

// MaxExclusions bounds the pairs one request may record.
const MaxExclusions = 1000

// AddExclusions records pairs of participants of cohortID, all or none,
// and returns the id of each pair in the order given. A pair already
// recorded (in either order) keeps its id; any bad pair fails the whole
// request with an error naming it.
func (s *Store) AddExclusions(ctx context.Context, cohortID string, pairs [][]string) ([]string, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	if len(pairs) == 0 || len(pairs) > MaxExclusions {
		return nil, survey.Invalid("the exclusions are not valid", survey.Fault("pairs", survey.RuleListSize, "min", 1, "max", MaxExclusions))
	}
	ids := make([]string, len(pairs))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		roles, err := cohortRoles(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if err := checkPairs(pairs, roles); err != nil {
			return err
		}
		now := s.now().UTC()
		for i, p := range pairs {
			a, b := ordered(p[0], p[1])
			err := tx.QueryRowContext(ctx, `SELECT id FROM exclusions WHERE cohort_id = ? AND participant_a = ? AND participant_b = ?`,
				cohortID, a, b).Scan(&ids[i])
			if err == nil {
				continue
			}
			if err != sql.ErrNoRows {
				return fmt.Errorf("add exclusions: %w", err)
			}
			ids[i] = survey.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO exclusions (id, cohort_id, participant_a, participant_b, created_at)
				VALUES (?, ?, ?, ?, ?)`, ids[i], cohortID, a, b, now); err != nil {
				return fmt.Errorf("add exclusions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// checkPairs names every pair that is not two different participants of
// the cohort whose roles are in roles.
func checkPairs(pairs [][]string, roles map[string]survey.Role) error {
	var errs survey.Fields
	for i, p := range pairs {
		if len(p) != 2 {
			errs.Add(fmt.Sprintf("pairs[%d]", i), survey.RulePairSize)
			continue
		}
		if p[0] == p[1] {
			errs.Add(fmt.Sprintf("pairs[%d]", i), survey.RuleSamePerson)
			continue
		}
		for j, id := range p {
			if _, ok := roles[id]; !ok {
				errs.Add(fmt.Sprintf("pairs[%d][%d]", i, j), survey.RuleNotInCohort, "participant", survey.PersonRef(id))
			}
		}
	}
	return errs.Err("the exclusions are not valid; none was recorded")
}

// Exclusions lists the exclusions of a cohort in the order they were
// recorded. Pairs of which a participant has been erased are left out.
func (s *Store) Exclusions(ctx context.Context, cohortID string) ([]survey.Exclusion, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.participant_a, e.participant_b, e.created_at FROM exclusions e
		WHERE e.cohort_id = ?
		AND EXISTS (SELECT 1 FROM participants p WHERE p.id = e.participant_a AND p.cohort_id = e.cohort_id)
		AND EXISTS (SELECT 1 FROM participants p WHERE p.id = e.participant_b AND p.cohort_id = e.cohort_id)
		ORDER BY e.created_at, e.id`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("list exclusions: %w", err)
	}
	defer rows.Close()
	out := []survey.Exclusion{}
	for rows.Next() {
		e := survey.Exclusion{CohortID: cohortID}
		if err := rows.Scan(&e.ID, &e.Members[0], &e.Members[1], &e.CreatedAt); err != nil {
			return nil, fmt.Errorf("list exclusions: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DeleteExclusion removes the exclusion id of cohortID, or reports
// ENotFound.
func (s *Store) DeleteExclusion(ctx context.Context, cohortID, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM exclusions WHERE id = ? AND cohort_id = ?`, id, cohortID)
	if err != nil {
		return fmt.Errorf("delete exclusion: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete exclusion: %w", err)
	} else if n == 0 {
		return survey.Errorf(survey.ENotFound, "no exclusion with id %q in this cohort", id)
	}
	return nil
}

// ordered returns a and b with the lesser first, the form pairs are
// stored in.
func ordered(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}

// cohortRoles maps the participants of a cohort to their roles.
func cohortRoles(ctx context.Context, q querier, cohortID string) (map[string]survey.Role, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, role FROM participants WHERE cohort_id = ?`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("participants of cohort: %w", err)
	}
	defer rows.Close()
	out := map[string]survey.Role{}
	for rows.Next() {
		var id, role string
		if err := rows.Scan(&id, &role); err != nil {
			return nil, fmt.Errorf("participants of cohort: %w", err)
		}
		out[id] = survey.Role(role)
	}
	return out, rows.Err()
}
