package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"tandem/survey"
)

// CreateTandem forms a tandem of members in cohortID. Every member must be
// a participant of the cohort and in no other tandem of it; the roles must
// make a 1:1, 2:1 or peer shape.
func (s *Store) CreateTandem(ctx context.Context, cohortID string, members []string) (survey.Tandem, error) {
	t := survey.Tandem{CohortID: cohortID, Members: members}
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return t, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var errs survey.Fields
		roles := make([]survey.Role, 0, len(members))
		for i, id := range members {
			field := fmt.Sprintf("members[%d]", i)
			if slices.Contains(members[:i], id) {
				errs.Add(field, survey.RuleTwice)
				continue
			}
			var role string
			var inTandem int
			err := tx.QueryRowContext(ctx, `SELECT p.role, (SELECT count(*) FROM tandem_members m JOIN tandems t ON t.id = m.tandem_id
				WHERE m.participant_id = p.id AND t.cohort_id = p.cohort_id)
				FROM participants p WHERE p.id = ? AND p.cohort_id = ?`, id, cohortID).Scan(&role, &inTandem)
			switch {
			case err == sql.ErrNoRows:
				errs.Add(field, survey.RuleNotInCohort, "participant", survey.PersonRef(id))
			case err != nil:
				return fmt.Errorf("create tandem: %w", err)
			case inTandem > 0:
				errs.Add(field, survey.RuleInTandem, "participant", survey.PersonRef(id))
			default:
				roles = append(roles, survey.Role(role))
			}
		}
		if err := errs.Err("the tandem is not valid"); err != nil {
			return err
		}
		shape, err := survey.TandemShape(roles)
		if err != nil {
			return err
		}
		t.ID, t.Shape = survey.NewID(), shape
		if _, err := tx.ExecContext(ctx, `INSERT INTO tandems (id, cohort_id, shape, created_at) VALUES (?, ?, ?, ?)`,
			t.ID, cohortID, shape, s.now().UTC()); err != nil {
			return fmt.Errorf("create tandem: %w", err)
		}
		for i, id := range members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tandem_members VALUES (?, ?, ?)`, t.ID, id, i); err != nil {
				return fmt.Errorf("create tandem: %w", err)
			}
		}
		return nil
	})
	return t, err
}

// Tandems lists the tandems of a cohort with their members.
func (s *Store) Tandems(ctx context.Context, cohortID string) ([]survey.Tandem, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, t.shape, m.participant_id FROM tandems t
		JOIN tandem_members m ON m.tandem_id = t.id WHERE t.cohort_id = ?
		ORDER BY t.created_at, t.id, m.position`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("list tandems: %w", err)
	}
	defer rows.Close()
	out := []survey.Tandem{}
	for rows.Next() {
		var id, shape, member string
		if err := rows.Scan(&id, &shape, &member); err != nil {
			return nil, fmt.Errorf("list tandems: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != id {
			out = append(out, survey.Tandem{ID: id, CohortID: cohortID, Shape: shape})
		}
		last := &out[len(out)-1]
		last.Members = append(last.Members, member)
	}
	return out, rows.Err()
}
