package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tandem/survey"
	"tandem/survey/programs"
)

// CreateProgram stores p under a new ID and returns it.
func (s *Store) CreateProgram(ctx context.Context, p survey.Program) (survey.Program, error) {
	p.ID = survey.NewID()
	p.CreatedAt = s.now().UTC()
	if p.Erasure == "" {
		p.Erasure = survey.ErasureAnonymise
	}
	if p.Breakdowns == nil {
		p.Breakdowns = slices.Clone(survey.DefaultBreakdowns)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO programs (id, name, language, threshold, mode, erasure, breakdowns, raw_rows, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Name, p.Language, p.Threshold, string(p.Mode), p.Erasure,
		strings.Join(p.Breakdowns, ","), p.RawRows, p.CreatedAt)
	if err != nil {
		return p, fmt.Errorf("create program: %w", err)
	}
	return p, nil
}

// ProgramAnswered reports whether any invitation of program id has been
// answered: from then on its publication is fixed.
func (s *Store) ProgramAnswered(ctx context.Context, id string) (bool, error) {
	var answered bool
	err := s.db.QueryRowContext(ctx, qProgramAnswered, id).Scan(&answered)
	if err != nil {
		return false, fmt.Errorf("program answered: %w", err)
	}
	return answered, nil
}

// qProgramAnswered tells whether an invitation of a program was answered.
const qProgramAnswered = `SELECT EXISTS (SELECT 1 FROM invitations i
	JOIN surveys s ON s.id = i.survey_id JOIN cohorts c ON c.id = s.cohort_id
	WHERE c.program_id = ? AND i.submitted_at IS NOT NULL)`

// SetPublication changes what program id publishes (its breakdowns and
// whether rows are released). It refuses with EConflict once any
// invitation of the program has been answered: a publication chosen after
// seeing results could be switched to single people out. It runs through
// the writer, so that no submission slips in between the check and the
// change.
func (s *Store) SetPublication(ctx context.Context, id string, breakdowns []string, rawRows bool) error {
	if _, err := s.Program(ctx, id); err != nil {
		return err
	}
	return s.writer.do(ctx, func(q querier) error {
		var answered bool
		err := q.QueryRowContext(ctx, qProgramAnswered, id).Scan(&answered)
		if err != nil {
			return fmt.Errorf("set publication: %w", err)
		}
		if answered {
			return survey.Errorf(survey.EConflict,
				"the publication of a program is fixed once its first response has arrived")
		}
		_, err = q.ExecContext(ctx, `UPDATE programs SET breakdowns = ?, raw_rows = ? WHERE id = ?`,
			strings.Join(breakdowns, ","), rawRows, id)
		if err != nil {
			return fmt.Errorf("set publication: %w", err)
		}
		return nil
	})
}

// Programs lists every program, oldest first.
func (s *Store) Programs(ctx context.Context) ([]survey.Program, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+programs.Columns+` FROM programs g ORDER BY g.created_at, g.id`)
	if err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	defer rows.Close()
	out := []survey.Program{}
	for rows.Next() {
		p, err := programs.Scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list programs: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Program returns the program with id, or an ENotFound error.
func (s *Store) Program(ctx context.Context, id string) (survey.Program, error) {
	p, err := programs.Scan(s.db.QueryRowContext(ctx, `SELECT `+programs.Columns+` FROM programs g WHERE g.id = ?`, id))
	return p, notFound(err, "program", id)
}

// notFound turns sql.ErrNoRows into a typed ENotFound error.
func notFound(err error, what, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return survey.Errorf(survey.ENotFound, "no %s with id %q", what, id)
	}
	if err != nil {
		return fmt.Errorf("get %s: %w", what, err)
	}
	return nil
}
