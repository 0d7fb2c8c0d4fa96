package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tandem/survey"
)

// CreateSurvey schedules sv in cohortID.
func (s *Store) CreateSurvey(ctx context.Context, cohortID string, sv survey.Survey) (survey.Survey, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return sv, err
	}
	sv.ID, sv.CohortID = survey.NewID(), cohortID
	_, err := s.db.ExecContext(ctx, `INSERT INTO surveys (id, cohort_id, phase, opens_at, closes_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, sv.ID, cohortID, string(sv.Phase), sv.OpensAt.UTC(), sv.ClosesAt.UTC(), s.now().UTC())
	if err != nil {
		return sv, fmt.Errorf("create survey: %w", err)
	}
	return sv, nil
}

const surveySelect = `SELECT s.id, s.cohort_id, s.phase, s.opens_at, s.closes_at, s.closed_at,
	count(i.id), count(i.opened_at), count(i.submitted_at),
	(SELECT count(*) FROM responses r WHERE r.survey_id = s.id),
	(SELECT count(*) FROM pending_responses p WHERE p.survey_id = s.id)
	FROM surveys s LEFT JOIN invitations i ON i.survey_id = s.id `

func scanSurvey(row interface{ Scan(...any) error }) (survey.Survey, error) {
	var sv survey.Survey
	var phase string
	var closed sql.NullTime
	err := row.Scan(&sv.ID, &sv.CohortID, &phase, &sv.OpensAt, &sv.ClosesAt, &closed, &sv.Invited, &sv.Opened, &sv.Submitted, &sv.Responses, &sv.Pending)
	sv.Phase = survey.Phase(phase)
	sv.OpensAt, sv.ClosesAt = sv.OpensAt.UTC(), sv.ClosesAt.UTC()
	if closed.Valid {
		t := closed.Time.UTC()
		sv.ClosedAt = &t
	}
	return sv, err
}

// Survey returns the survey with id and its participation counts.
func (s *Store) Survey(ctx context.Context, id string) (survey.Survey, error) {
	sv, err := scanSurvey(s.db.QueryRowContext(ctx, surveySelect+`WHERE s.id = ? GROUP BY ALL`, id))
	return sv, notFound(err, "survey", id)
}

// Surveys lists the surveys of a cohort in phase order.
func (s *Store) Surveys(ctx context.Context, cohortID string) ([]survey.Survey, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, surveySelect+`WHERE s.cohort_id = ? GROUP BY ALL
		ORDER BY s.opens_at, s.id`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	defer rows.Close()
	out := []survey.Survey{}
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("list surveys: %w", err)
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

// CloseSurvey closes the survey now; closing a closed survey changes
// nothing. The sealed responses of an anonymous survey still waiting are
// released, shuffled, in the same transaction; it runs through the writer,
// so no submission can slip in after the release.
func (s *Store) CloseSurvey(ctx context.Context, id string) (survey.Survey, error) {
	if _, err := s.Survey(ctx, id); err != nil {
		return survey.Survey{}, err
	}
	err := s.writer.doConn(ctx, func(conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, `UPDATE surveys SET closed_at = ? WHERE id = ? AND closed_at IS NULL`,
			s.now().UTC(), id); err != nil {
			return fmt.Errorf("close survey: %w", err)
		}
		_, err := s.release(ctx, conn, id, 0, 1)
		return err
	})
	s.forms.reset()
	if err != nil {
		return survey.Survey{}, err
	}
	return s.Survey(ctx, id)
}

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }
