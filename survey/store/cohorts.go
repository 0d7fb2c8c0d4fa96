package store

import (
	"context"
	"fmt"
	"time"

	"tandem/survey"
)

// CreateCohort stores c in the program with programID.
func (s *Store) CreateCohort(ctx context.Context, programID string, c survey.Cohort) (survey.Cohort, error) {
	if _, err := s.Program(ctx, programID); err != nil {
		return c, err
	}
	c.ID, c.ProgramID = survey.NewID(), programID
	_, err := s.db.ExecContext(ctx, `INSERT INTO cohorts (id, program_id, name, starts_on, ends_on, created_at)
		VALUES (?, ?, ?, ?::DATE, ?::DATE, ?)`, c.ID, programID, c.Name, c.StartsOn, c.EndsOn, s.now().UTC())
	if err != nil {
		return c, fmt.Errorf("create cohort: %w", err)
	}
	return c, nil
}

const cohortColumns = `id, program_id, name, starts_on, ends_on`

func scanCohort(row interface{ Scan(...any) error }) (survey.Cohort, error) {
	var c survey.Cohort
	var start, end time.Time
	err := row.Scan(&c.ID, &c.ProgramID, &c.Name, &start, &end)
	c.StartsOn, c.EndsOn = start.Format(time.DateOnly), end.Format(time.DateOnly)
	return c, err
}

// Cohorts lists the cohorts of a program by start date.
func (s *Store) Cohorts(ctx context.Context, programID string) ([]survey.Cohort, error) {
	if _, err := s.Program(ctx, programID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+cohortColumns+` FROM cohorts WHERE program_id = ?
		ORDER BY starts_on, created_at, id`, programID)
	if err != nil {
		return nil, fmt.Errorf("list cohorts: %w", err)
	}
	defer rows.Close()
	out := []survey.Cohort{}
	for rows.Next() {
		c, err := scanCohort(rows)
		if err != nil {
			return nil, fmt.Errorf("list cohorts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Cohort returns the cohort with id, or an ENotFound error.
func (s *Store) Cohort(ctx context.Context, id string) (survey.Cohort, error) {
	c, err := scanCohort(s.db.QueryRowContext(ctx, `SELECT `+cohortColumns+` FROM cohorts WHERE id = ?`, id))
	return c, notFound(err, "cohort", id)
}
