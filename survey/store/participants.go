package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tandem/survey"
)

// AddParticipants checks rows and stores them all in cohortID, or none:
// any bad row fails the whole import with an error naming each row.
func (s *Store) AddParticipants(ctx context.Context, cohortID string, rows []survey.ParticipantInput) ([]string, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	var ids []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		existing, err := cohortEmails(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		ps, err := survey.Participants(rows, existing)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		ids = make([]string, len(ps))
		for i := range ps {
			ids[i] = survey.NewID()
		}
		for start := 0; start < len(ps); start += 500 {
			end := min(start+500, len(ps))
			var q strings.Builder
			q.WriteString(`INSERT INTO participants (id, cohort_id, name, email, role, department, generation, region, created_at) VALUES `)
			args := make([]any, 0, (end-start)*9)
			for i := start; i < end; i++ {
				if i > start {
					q.WriteString(", ")
				}
				q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?)")
				p := ps[i]
				args = append(args, ids[i], cohortID, p.Name, p.Email, string(p.Role), p.Department, p.Generation, p.Region, now)
			}
			if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
				return fmt.Errorf("add participants: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

func cohortEmails(ctx context.Context, tx *sql.Tx, cohortID string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT lower(email) FROM participants WHERE cohort_id = ?`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("cohort e-mails: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out[e] = true
	}
	return out, rows.Err()
}

const participantColumns = `id, cohort_id, name, email, role, department, generation, region`

func scanParticipant(row interface{ Scan(...any) error }) (survey.Participant, error) {
	var p survey.Participant
	var role string
	err := row.Scan(&p.ID, &p.CohortID, &p.Name, &p.Email, &role, &p.Department, &p.Generation, &p.Region)
	p.Role = survey.Role(role)
	return p, err
}

// Participants lists the participants of a cohort by name.
func (s *Store) Participants(ctx context.Context, cohortID string) ([]survey.Participant, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+participantColumns+` FROM participants
		WHERE cohort_id = ? ORDER BY name, id`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("list participants: %w", err)
	}
	defer rows.Close()
	out := []survey.Participant{}
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, fmt.Errorf("list participants: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
