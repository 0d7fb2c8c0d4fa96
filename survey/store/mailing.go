package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"tandem/survey"
)

// Recipient is one invitation with the person it goes to: what the HR
// pages need to mail links and remind those who have not answered. It
// never says what anyone answered.
type Recipient struct {
	InvitationID  string
	ParticipantID string
	Name, Email   string
	Role          survey.Role
	CreatedAt     time.Time
	OpenedAt      *time.Time
	SubmittedAt   *time.Time
	SentAt        *time.Time // when the link was e-mailed
	RemindedAt    *time.Time // when the last reminder was e-mailed
}

// Recipients lists the invitations of a survey with their participants,
// by name.
func (s *Store) Recipients(ctx context.Context, surveyID string) ([]Recipient, error) {
	if _, err := s.Survey(ctx, surveyID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, p.id, p.name, p.email, p.role, i.created_at,
			i.opened_at, i.submitted_at, i.sent_at, i.reminded_at
		FROM invitations i JOIN participants p ON p.id = i.participant_id
		WHERE i.survey_id = ? ORDER BY p.name, p.id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	defer rows.Close()
	out := []Recipient{}
	for rows.Next() {
		var r Recipient
		var role string
		var opened, submitted, sent, reminded sql.NullTime
		if err := rows.Scan(&r.InvitationID, &r.ParticipantID, &r.Name, &r.Email, &role, &r.CreatedAt,
			&opened, &submitted, &sent, &reminded); err != nil {
			return nil, fmt.Errorf("recipients: %w", err)
		}
		r.Role, r.CreatedAt = survey.Role(role), r.CreatedAt.UTC()
		r.OpenedAt, r.SubmittedAt, r.SentAt, r.RemindedAt = timePtr(opened), timePtr(submitted), timePtr(sent), timePtr(reminded)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkSent records that the link of an invitation was e-mailed at.
func (s *Store) MarkSent(ctx context.Context, invitationID string, at time.Time) error {
	return s.markMailed(ctx, "sent_at", invitationID, at)
}

// MarkReminded records that a reminder for an invitation was e-mailed at.
func (s *Store) MarkReminded(ctx context.Context, invitationID string, at time.Time) error {
	return s.markMailed(ctx, "reminded_at", invitationID, at)
}

// markMailed sets column (a constant of this file, never input) through
// the writer, which also writes submissions to the same rows.
func (s *Store) markMailed(ctx context.Context, column, invitationID string, at time.Time) error {
	err := s.writer.do(ctx, func(q querier) error {
		_, err := q.ExecContext(ctx, `UPDATE invitations SET `+column+` = ? WHERE id = ?`, at.UTC(), invitationID)
		return err
	})
	if err != nil {
		return fmt.Errorf("mark invitation %s: %w", column, err)
	}
	return nil
}

// Reissue gives unanswered invitations of a survey new tokens, for links
// that were lost (tokens are shown once) or must go out again by e-mail:
// the old links stop working. With invitationIDs it renews those (if
// unanswered), otherwise every unanswered invitation of the survey. A
// closed survey is an EConflict error.
func (s *Store) Reissue(ctx context.Context, surveyID string, invitationIDs []string) ([]NewInvitation, error) {
	sv, err := s.Survey(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	if sv.StatusAt(s.now()) == survey.StatusClosed {
		return nil, survey.Errorf(survey.EConflict, "the survey is closed; no links can be renewed")
	}
	rs, err := s.Recipients(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	var todo []NewInvitation
	for _, r := range rs {
		if r.SubmittedAt == nil && (invitationIDs == nil || slices.Contains(invitationIDs, r.InvitationID)) {
			todo = append(todo, NewInvitation{InvitationID: r.InvitationID, ParticipantID: r.ParticipantID, Token: survey.NewToken()})
		}
	}
	out := []NewInvitation{}
	err = s.writer.do(ctx, func(q querier) error {
		out = out[:0]
		for _, n := range todo {
			k, err := exec(ctx, q, `UPDATE invitations SET token_hash = ? WHERE id = ? AND submitted_at IS NULL`,
				survey.HashToken(n.Token), n.InvitationID)
			if err != nil {
				return fmt.Errorf("reissue: %w", err)
			}
			if k == 1 { // answered meanwhile: that link is kept
				out = append(out, n)
			}
		}
		return nil
	})
	s.forms.reset() // the old tokens' forms must not open any more
	if err != nil {
		return nil, err
	}
	if err := s.warmForms(ctx, surveyID); err != nil {
		return nil, err
	}
	return out, nil
}

// OpenSurvey opens a scheduled survey now instead of at its opening time.
// An open survey stays as it is; a closed one is an EConflict error.
func (s *Store) OpenSurvey(ctx context.Context, id string) (survey.Survey, error) {
	sv, err := s.Survey(ctx, id)
	if err != nil {
		return sv, err
	}
	now := s.now().UTC()
	switch sv.StatusAt(now) {
	case survey.StatusClosed:
		return sv, survey.Errorf(survey.EConflict, "the survey is closed and cannot be opened again")
	case survey.StatusOpen:
		return sv, nil
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE surveys SET opens_at = ? WHERE id = ? AND opens_at > ?`, now, id, now); err != nil {
		return sv, fmt.Errorf("open survey: %w", err)
	}
	s.forms.reset() // cached forms still say "not open yet"
	return s.Survey(ctx, id)
}
