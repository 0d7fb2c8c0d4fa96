// Package store keeps tandem's records in one DuckDB file. It is the only
// place that speaks SQL to survey's tables; every statement takes
// parameters.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the DuckDB-backed system of record. One process owns the file.
type Store struct {
	db     *sql.DB
	path   string
	now    func() time.Time
	writer *writer

	// key is the server key; nil when the store was opened for
	// maintenance only (see WithKeySource).
	key       *Key
	keySource func(legacy []byte) (Key, error)
	// arrivalOrder switches off the sealing of anonymous responses, so
	// that tests can show the attack it prevents (export_test.go).
	arrivalOrder bool

	// observeCommit, if set, hears of every batch the writer committed.
	observeCommit func(d time.Duration, submissions int)

	formByToken *sql.Stmt
	forms       *formCache
	memoryLimit string
	backupMu    sync.Mutex // one backup at a time
}

// Option changes how a Store is opened.
type Option func(*Store)

// WithMemoryLimit caps DuckDB's memory (e.g. "512MB", "2GB"); past it,
// large queries spill to a temp folder beside the database instead of
// growing the process. Empty keeps DuckDB's default (80% of the RAM).
func WithMemoryLimit(limit string) Option { return func(s *Store) { s.memoryLimit = limit } }

// WithClock sets the clock the store stamps records with.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithCommitObserver sets fn to be called after each batch the writer
// commits, with the time from BEGIN to the end of COMMIT and the number of
// submissions in the batch (refused ones included; 0 for a batch of small
// updates). It runs on the writer's goroutine, so it must be quick; it is
// how metrics see commits without the store knowing of them.
func WithCommitObserver(fn func(d time.Duration, submissions int)) Option {
	return func(s *Store) { s.observeCommit = fn }
}

// Open opens (creating if needed, with its folder) the database at path,
// applies pending migrations and starts the submission writer. What it
// creates, and all the process creates after it, is private to the user
// (folders 0700, files 0600; see privateFiles).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	privateFiles()
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	// Extensions tandem needs (json, parquet, icu) are built in; nothing is
	// ever fetched at run time.
	s := &Store{path: path, now: time.Now, forms: newFormCache()}
	for _, o := range opts {
		o(s)
	}
	q := url.Values{"autoinstall_known_extensions": {"false"}, "autoload_known_extensions": {"false"}}
	if s.memoryLimit != "" {
		q.Set("memory_limit", s.memoryLimit)
	}
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.db = db
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadKey(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if s.formByToken, err = db.PrepareContext(ctx, formByTokenSQL); err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := s.warmForms(ctx, ""); err != nil {
		db.Close()
		return nil, err
	}
	if s.writer, err = startWriter(ctx, s); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close stops the writer after it has committed what it accepted, then
// closes the database cleanly.
func (s *Store) Close() error {
	s.writer.stop()
	s.formByToken.Close()
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// DB exposes the handle for read-only packages (analytics, exports).
func (s *Store) DB() *sql.DB { return s.db }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migrate: %s: bad version", base)
		}
		if err := s.apply(ctx, v, name); err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, version int, name string) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?)", version, s.now().UTC())
		return err
	})
}

// AdminTokenHash returns the stored hash of the admin token, or nil.
func (s *Store) AdminTokenHash(ctx context.Context) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'admin_token_sha256'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return v, err
}

// SetAdminTokenHash stores the hash of the admin token, replacing any.
func (s *Store) SetAdminTokenHash(ctx context.Context, hash []byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = 'admin_token_sha256'"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO settings VALUES ('admin_token_sha256', ?)", hash)
		return err
	})
}

// tx runs fn in a transaction and commits it; the commit is durable (WAL
// fsync) before tx returns.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Empty reports whether the database holds no program yet.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM programs").Scan(&n)
	return n == 0, err
}
