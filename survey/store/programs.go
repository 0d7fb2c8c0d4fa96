package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tandem/survey"
)

// CreateProgram stores p under a new ID and returns it.
func (s *Store) CreateProgram(ctx context.Context, p survey.Program) (survey.Program, error) {
	p.ID = survey.NewID()
	p.CreatedAt = s.now().UTC()
	if p.Erasure == "" {
		p.Erasure = survey.ErasureAnonymise
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO programs (id, name, language, threshold, mode, erasure, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Name, p.Language, p.Threshold, string(p.Mode), p.Erasure, p.CreatedAt)
	if err != nil {
		return p, fmt.Errorf("create program: %w", err)
	}
	return p, nil
}

const programColumns = `id, name, language, threshold, mode, erasure, created_at`

func scanProgram(row interface{ Scan(...any) error }) (survey.Program, error) {
	var p survey.Program
	var mode string
	err := row.Scan(&p.ID, &p.Name, &p.Language, &p.Threshold, &mode, &p.Erasure, &p.CreatedAt)
	p.Mode = survey.Mode(mode)
	return p, err
}

// Programs lists every program, oldest first.
func (s *Store) Programs(ctx context.Context) ([]survey.Program, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+programColumns+` FROM programs ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	defer rows.Close()
	out := []survey.Program{}
	for rows.Next() {
		p, err := scanProgram(rows)
		if err != nil {
			return nil, fmt.Errorf("list programs: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Program returns the program with id, or an ENotFound error.
func (s *Store) Program(ctx context.Context, id string) (survey.Program, error) {
	p, err := scanProgram(s.db.QueryRowContext(ctx, `SELECT `+programColumns+` FROM programs WHERE id = ?`, id))
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
