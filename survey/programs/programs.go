package programs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tandem/survey"
)

// Querier runs a query that returns one row: a *sql.DB, *sql.Tx or
// *sql.Conn.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Columns are the columns of a program's row, as Scan reads them, for a
// query that names the programs table g.
const Columns = `g.id, g.name, g.language, g.threshold, g.mode, g.erasure, g.breakdowns, g.raw_rows, g.created_at`

// Row receives the Columns as part of a wider row: scan into Dest, then
// read Program.
type Row struct {
	p                survey.Program
	mode, breakdowns string
}

// Dest lists where the Columns are scanned to, in their order.
func (s *Row) Dest() []any {
	return []any{&s.p.ID, &s.p.Name, &s.p.Language, &s.p.Threshold, &s.mode, &s.p.Erasure, &s.breakdowns,
		&s.p.RawRows, &s.p.CreatedAt}
}

// Program is the program scanned.
func (s *Row) Program() survey.Program {
	p := s.p
	p.Mode, p.Breakdowns = survey.Mode(s.mode), SplitBreakdowns(s.breakdowns)
	return p
}

// Scan reads a row of exactly the Columns.
func Scan(row interface{ Scan(...any) error }) (survey.Program, error) {
	var s Row
	err := row.Scan(s.Dest()...)
	return s.Program(), err
}

// SplitBreakdowns reads the breakdowns column: attributes separated by
// commas, none when empty.
func SplitBreakdowns(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// Settings are a cohort and the program it belongs to.
type Settings struct {
	Cohort  survey.Cohort
	Program survey.Program
}

// The things whose program can be asked for: how each reaches its cohort
// c, and which column is its id. A fixed map, never input.
var cohortOf = map[string]struct{ from, id string }{
	"cohort":      {`cohorts c`, `c.id`},
	"survey":      {`surveys x JOIN cohorts c ON c.id = x.cohort_id`, `x.id`},
	"participant": {`participants x JOIN cohorts c ON c.id = x.cohort_id`, `x.id`},
}

// qSettings reads a cohort with its program; {{from}} and {{id}} are an
// entry of cohortOf.
const qSettings = `
SELECT c.id, c.program_id, c.name, c.starts_on, c.ends_on, ` + Columns + `
FROM {{from}}
JOIN programs g ON g.id = c.program_id
WHERE {{id}} = ?`

// queries is qSettings for each entry of cohortOf.
var queries = func() map[string]string {
	m := map[string]string{}
	for what, q := range cohortOf {
		m[what] = strings.NewReplacer("{{from}}", q.from, "{{id}}", q.id).Replace(qSettings)
	}
	return m
}()

// Get returns the program with id; an unknown program is an ENotFound
// error.
func Get(ctx context.Context, q Querier, id string) (survey.Program, error) {
	p, err := Scan(q.QueryRowContext(ctx, `SELECT `+Columns+` FROM programs g WHERE g.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, survey.Errorf(survey.ENotFound, "no program with id %q", id)
	}
	if err != nil {
		return p, fmt.Errorf("program %s: %w", id, err)
	}
	return p, nil
}

// ForCohort returns the cohort with id and its program; an unknown cohort
// is an ENotFound error.
func ForCohort(ctx context.Context, q Querier, id string) (Settings, error) {
	return load(ctx, q, "cohort", id)
}

// ForSurvey returns the cohort and program of the survey with id; an
// unknown survey is an ENotFound error.
func ForSurvey(ctx context.Context, q Querier, id string) (Settings, error) {
	return load(ctx, q, "survey", id)
}

// ForParticipant returns the cohort and program of the participant with
// id; an unknown participant is an ENotFound error.
func ForParticipant(ctx context.Context, q Querier, id string) (Settings, error) {
	return load(ctx, q, "participant", id)
}

func load(ctx context.Context, q Querier, what, id string) (Settings, error) {
	var s Settings
	var start, end time.Time
	var ps Row
	dest := append([]any{&s.Cohort.ID, &s.Cohort.ProgramID, &s.Cohort.Name, &start, &end}, ps.Dest()...)
	err := q.QueryRowContext(ctx, queries[what], id).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return s, survey.Errorf(survey.ENotFound, "no %s with id %q", what, id)
	}
	if err != nil {
		return s, fmt.Errorf("settings of %s %s: %w", what, id, err)
	}
	s.Cohort.StartsOn, s.Cohort.EndsOn = start.Format(time.DateOnly), end.Format(time.DateOnly)
	s.Program = ps.Program()
	return s, nil
}
