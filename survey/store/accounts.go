package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tandem/survey"
)

const accountColumns = `id, email, name, role, language, created_at`

func scanAccount(row interface{ Scan(...any) error }, extra ...any) (survey.Account, error) {
	var a survey.Account
	var role string
	err := row.Scan(append([]any{&a.ID, &a.Email, &a.Name, &role, &a.Language, &a.CreatedAt}, extra...)...)
	a.Role = survey.AccountRole(role)
	a.CreatedAt = a.CreatedAt.UTC()
	return a, err
}

// CreateAccount stores a with the encoded hash of its password. An e-mail
// address that already has an account is an EConflict error.
func (s *Store) CreateAccount(ctx context.Context, a survey.Account, passwordHash string) (survey.Account, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = insertAccount(ctx, tx, a, passwordHash, s.now())
		return err
	})
	return a, err
}

// CreateFirstAccount stores a only while no account exists: how the first
// admin is made from the admin token. Otherwise it is an EConflict error.
func (s *Store) CreateFirstAccount(ctx context.Context, a survey.Account, passwordHash string) (survey.Account, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&n); err != nil {
			return fmt.Errorf("count accounts: %w", err)
		}
		if n > 0 {
			return survey.Errorf(survey.EConflict, "an account exists already; sign in instead")
		}
		var err error
		a, err = insertAccount(ctx, tx, a, passwordHash, s.now())
		return err
	})
	return a, err
}

func insertAccount(ctx context.Context, tx *sql.Tx, a survey.Account, hash string, now time.Time) (survey.Account, error) {
	a.Email = strings.ToLower(a.Email)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE email = ?`, a.Email).Scan(&n); err != nil {
		return a, fmt.Errorf("create account: %w", err)
	}
	if n > 0 {
		return a, survey.Refuse(survey.EConflict, survey.RuleEmailTaken)
	}
	a.ID, a.CreatedAt = survey.NewID(), now.UTC()
	_, err := tx.ExecContext(ctx, `INSERT INTO accounts (id, email, name, role, password_hash, language, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ID, a.Email, a.Name, string(a.Role), hash, a.Language, a.CreatedAt)
	if err != nil {
		return a, fmt.Errorf("create account: %w", err)
	}
	return a, nil
}

// AccountCount returns how many accounts exist.
func (s *Store) AccountCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count accounts: %w", err)
	}
	return n, nil
}

// Accounts lists every account by e-mail address.
func (s *Store) Accounts(ctx context.Context) ([]survey.Account, error) {
	return s.accounts(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY email`)
}

// ProgramMembers lists the accounts that are members of programID.
func (s *Store) ProgramMembers(ctx context.Context, programID string) ([]survey.Account, error) {
	return s.accounts(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE id IN (SELECT account_id FROM program_members WHERE program_id = ?) ORDER BY email`, programID)
}

func (s *Store) accounts(ctx context.Context, query string, args ...any) ([]survey.Account, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	out := []survey.Account{}
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("list accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Account returns the account with id, or an ENotFound error.
func (s *Store) Account(ctx context.Context, id string) (survey.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = ?`, id))
	return a, notFound(err, "account", id)
}

// AccountByEmail returns the account of an e-mail address (in any case)
// with its password hash, or an ENotFound error.
func (s *Store) AccountByEmail(ctx context.Context, email string) (survey.Account, string, error) {
	var hash string
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+`, password_hash FROM accounts
		WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return a, "", survey.Errorf(survey.ENotFound, "no account with this e-mail address")
	}
	if err != nil {
		return a, "", fmt.Errorf("account by e-mail: %w", err)
	}
	return a, hash, nil
}

// SetAccountLanguage records the language an account chose: one of
// survey.Languages, or "" for the browser's.
func (s *Store) SetAccountLanguage(ctx context.Context, id, lang string) error {
	if lang != "" && !survey.IsLanguage(lang) {
		return survey.Invalid("the language is not valid", survey.Fault("lang", survey.RuleChoice, "options", survey.Languages()))
	}
	return s.updateAccount(ctx, id, `UPDATE accounts SET language = ? WHERE id = ?`, lang, id)
}

// SetAccountPassword replaces the password hash of an account and signs it
// out everywhere.
func (s *Store) SetAccountPassword(ctx context.Context, id, hash string) error {
	if err := s.updateAccount(ctx, id, `UPDATE accounts SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = ?`, id); err != nil {
		return fmt.Errorf("sign out account: %w", err)
	}
	return nil
}

func (s *Store) updateAccount(ctx context.Context, id, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update account: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return survey.Errorf(survey.ENotFound, "no account with id %q", id)
	}
	return nil
}

// AddProgramMember makes accountID a member of programID; adding a member
// twice changes nothing.
func (s *Store) AddProgramMember(ctx context.Context, programID, accountID string) error {
	if _, err := s.Program(ctx, programID); err != nil {
		return err
	}
	if _, err := s.Account(ctx, accountID); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO program_members (program_id, account_id, created_at)
		VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, programID, accountID, s.now().UTC())
	if err != nil {
		return fmt.Errorf("add program member: %w", err)
	}
	return nil
}

// RemoveProgramMember ends accountID's membership of programID.
func (s *Store) RemoveProgramMember(ctx context.Context, programID, accountID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM program_members WHERE program_id = ? AND account_id = ?`, programID, accountID)
	if err != nil {
		return fmt.Errorf("remove program member: %w", err)
	}
	return nil
}

// MemberPrograms returns the ids of the programs accountID is a member of.
func (s *Store) MemberPrograms(ctx context.Context, accountID string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT program_id FROM program_members WHERE account_id = ?`, accountID)
	if err != nil {
		return nil, fmt.Errorf("member programs: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("member programs: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
