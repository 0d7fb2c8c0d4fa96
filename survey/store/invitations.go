package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"tandem/survey"
	"tandem/survey/programs"
)

// NewInvitation is a personal link just made: the token is known only here.
type NewInvitation struct {
	InvitationID  string
	ParticipantID string
	Token         string
}

// Invite makes an invitation for each participant of the survey's cohort
// who has none yet. The tokens are returned once; only their hashes stay.
func (s *Store) Invite(ctx context.Context, surveyID string) ([]NewInvitation, error) {
	return s.InviteAt(ctx, surveyID, s.now())
}

// InviteAt is Invite as of the moment at, for the demo and imports of past
// surveys.
func (s *Store) InviteAt(ctx context.Context, surveyID string, at time.Time) ([]NewInvitation, error) {
	sv, err := s.Survey(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	if sv.StatusAt(at) == survey.StatusClosed {
		return nil, survey.Errorf(survey.EConflict, "the survey is closed; no invitations can be added")
	}
	out := []NewInvitation{}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT p.id FROM participants p WHERE p.cohort_id = ?
			AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ? AND i.participant_id = p.id)
			ORDER BY p.name, p.id`, sv.CohortID, surveyID)
		if err != nil {
			return fmt.Errorf("invite: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("invite: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("invite: %w", err)
		}
		now := at.UTC()
		for start := 0; start < len(ids); start += 500 {
			end := min(start+500, len(ids))
			var q strings.Builder
			q.WriteString(`INSERT INTO invitations (id, survey_id, participant_id, token_hash, created_at) VALUES `)
			var args []any
			for i := start; i < end; i++ {
				if i > start {
					q.WriteString(", ")
				}
				q.WriteString("(?, ?, ?, ?, ?)")
				tok, id := survey.NewToken(), survey.NewID()
				out = append(out, NewInvitation{InvitationID: id, ParticipantID: ids[i], Token: tok})
				args = append(args, id, surveyID, ids[i], survey.HashToken(tok), now)
			}
			if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
				return fmt.Errorf("invite: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.warmForms(ctx, surveyID); err != nil {
		return nil, err
	}
	return out, nil
}

// Form is everything the participant pages need to know about a link.
type Form struct {
	Invitation survey.Invitation
	Survey     survey.Survey
	Program    survey.Program
	Role       survey.Role
	// Attributes copied onto the response for grouped reporting.
	Department, Generation, Region string
}

// formSelect reads everything the participant pages need of invitations;
// formByTokenSQL finds one by its token's hash, prepared once because it
// runs on every form view and post that the cache does not answer.
const (
	formSelect = `SELECT i.token_hash, i.id, i.survey_id, i.participant_id, i.opened_at, i.submitted_at,
			s.cohort_id, s.phase, s.opens_at, s.closes_at, s.closed_at,
			p.role, p.department, p.generation, p.region, ` + programs.Columns + `
		FROM invitations i
		JOIN surveys s ON s.id = i.survey_id
		JOIN participants p ON p.id = i.participant_id
		JOIN cohorts c ON c.id = s.cohort_id
		JOIN programs g ON g.id = c.program_id `
	formByTokenSQL = formSelect + `WHERE i.token_hash = ?`
)

func scanForm(row interface{ Scan(...any) error }) ([]byte, Form, error) {
	var f Form
	var hash []byte
	var opened, submitted, closed sql.NullTime
	var role, phase string
	var prog programs.Row
	err := row.Scan(append([]any{&hash,
		&f.Invitation.ID, &f.Invitation.SurveyID, &f.Invitation.ParticipantID, &opened, &submitted,
		&f.Survey.CohortID, &phase, &f.Survey.OpensAt, &f.Survey.ClosesAt, &closed,
		&role, &f.Department, &f.Generation, &f.Region}, prog.Dest()...)...)
	f.Survey.ID, f.Program = f.Invitation.SurveyID, prog.Program()
	f.Survey.Phase, f.Role = survey.Phase(phase), survey.Role(role)
	f.Survey.OpensAt, f.Survey.ClosesAt = f.Survey.OpensAt.UTC(), f.Survey.ClosesAt.UTC()
	f.Invitation.OpenedAt = timePtr(opened)
	f.Invitation.SubmittedAt = timePtr(submitted)
	f.Survey.ClosedAt = timePtr(closed)
	return hash, f, err
}

// FormByToken finds the invitation a token opens, or returns ENotFound.
func (s *Store) FormByToken(ctx context.Context, token string) (Form, error) {
	hash := survey.HashToken(token)
	if f, ok := s.forms.get(hash); ok {
		return f, nil
	}
	_, f, err := scanForm(s.formByToken.QueryRowContext(ctx, hash))
	if err == sql.ErrNoRows {
		return f, survey.Errorf(survey.ENotFound, "no invitation for this link")
	}
	if err != nil {
		return f, fmt.Errorf("form by token: %w", err)
	}
	s.forms.put(hash, f)
	return f, nil
}

// warmForms loads the forms of the unanswered invitations of surveys that
// are not closed (of one survey, if surveyID is set) into the cache, so
// that the morning everyone answers costs no lookups.
func (s *Store) warmForms(ctx context.Context, surveyID string) error {
	rows, err := s.db.QueryContext(ctx, formSelect+`WHERE i.submitted_at IS NULL AND s.closed_at IS NULL
		AND s.closes_at > ? AND (? = '' OR s.id = ?) LIMIT ?`, s.now().UTC(), surveyID, surveyID, maxCachedForms/2)
	if err != nil {
		return fmt.Errorf("warm forms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		hash, f, err := scanForm(rows)
		if err != nil {
			return fmt.Errorf("warm forms: %w", err)
		}
		s.forms.put(hash, f)
	}
	return rows.Err()
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// MarkOpened records the first time a link was opened.
func (s *Store) MarkOpened(ctx context.Context, invitationID string) error {
	return s.MarkOpenedAt(ctx, invitationID, s.now())
}

// MarkOpenedAt records that a link was first opened at the moment at. An
// invitation of an anonymous program gets the survey's opening time
// instead: its opened_at says whether, not when.
func (s *Store) MarkOpenedAt(ctx context.Context, invitationID string, at time.Time) error {
	err := s.writer.do(ctx, func(q querier) error {
		_, err := q.ExecContext(ctx, `UPDATE invitations
			SET opened_at = CASE WHEN g.mode = 'anonymous' AND NOT ?::BOOLEAN THEN s.opens_at ELSE ?::TIMESTAMP END
			FROM surveys s, cohorts c, programs g
			WHERE invitations.id = ? AND invitations.opened_at IS NULL
				AND s.id = invitations.survey_id AND c.id = s.cohort_id AND g.id = c.program_id`,
			s.arrivalOrder, at.UTC(), invitationID)
		return err
	})
	if err == nil {
		s.forms.opened(invitationID, at, s.arrivalOrder)
	}
	return err
}

// InvitationStatus is where one participant's invitation stands: for
// reminders and checks, never with what anyone answered. In an anonymous
// program OpenedAt and SubmittedAt, when set, are the survey's opening
// time: they say whether, not when.
type InvitationStatus struct {
	ParticipantID string     `json:"participant_id"`
	CreatedAt     time.Time  `json:"invited_at"`
	OpenedAt      *time.Time `json:"opened_at"`
	SubmittedAt   *time.Time `json:"submitted_at"`
}

// Invitations lists the invitations of a survey by participant name.
func (s *Store) Invitations(ctx context.Context, surveyID string) ([]InvitationStatus, error) {
	if _, err := s.Survey(ctx, surveyID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.participant_id, i.created_at, i.opened_at, i.submitted_at
		FROM invitations i JOIN participants p ON p.id = i.participant_id
		WHERE i.survey_id = ? ORDER BY p.name, p.id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	defer rows.Close()
	out := []InvitationStatus{}
	for rows.Next() {
		var st InvitationStatus
		var opened, submitted sql.NullTime
		if err := rows.Scan(&st.ParticipantID, &st.CreatedAt, &opened, &submitted); err != nil {
			return nil, fmt.Errorf("list invitations: %w", err)
		}
		st.CreatedAt = st.CreatedAt.UTC()
		st.OpenedAt, st.SubmittedAt = timePtr(opened), timePtr(submitted)
		out = append(out, st)
	}
	return out, rows.Err()
}
