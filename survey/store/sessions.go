package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tandem/survey"
)

// Session is a signed-in account until ExpiresAt.
type Session struct {
	Account   survey.Account
	ExpiresAt time.Time
}

// CreateSession stores a session of accountID under the hash of its ID.
func (s *Store) CreateSession(ctx context.Context, idHash []byte, accountID string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (id_hash, account_id, created_at, expires_at)
		VALUES (?, ?, ?, ?)`, idHash, accountID, s.now().UTC(), expires.UTC())
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionByHash returns the session with that ID hash and its account, or
// an ENotFound error when there is none or it has expired by now.
func (s *Store) SessionByHash(ctx context.Context, idHash []byte, now time.Time) (Session, error) {
	var out Session
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT a.id, a.email, a.name, a.role, a.language, a.created_at, s.expires_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.id_hash = ? AND s.expires_at > ?`, idHash, now.UTC()), &out.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return out, survey.Errorf(survey.ENotFound, "no such session")
	}
	if err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	out.Account, out.ExpiresAt = a, out.ExpiresAt.UTC()
	return out, nil
}

// DeleteSession ends a session; ending one that is gone changes nothing.
func (s *Store) DeleteSession(ctx context.Context, idHash []byte) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions forgets the sessions that expired before now and
// returns how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
