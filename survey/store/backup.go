package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the whole database, as a DuckDB file,
// to w while the service keeps serving: DuckDB copies it inside one
// transaction, so the copy is one moment's state. The copy is made next to
// the database (same disk) and removed afterwards.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	dir, err := os.MkdirTemp(filepath.Dir(s.path), ".backup-")
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "tandem.duckdb")
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	var name string
	if err := conn.QueryRowContext(ctx, "SELECT current_database()").Scan(&name); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	// ATTACH takes no parameters; the path is ours (a temp dir we made) and
	// quoted as an SQL string, the database name as an identifier.
	if _, err := conn.ExecContext(ctx, "ATTACH '"+strings.ReplaceAll(file, "'", "''")+"' AS tandem_backup"); err != nil {
		return 0, fmt.Errorf("backup: attach: %w", err)
	}
	_, err = conn.ExecContext(ctx, `COPY FROM DATABASE "`+strings.ReplaceAll(name, `"`, `""`)+`" TO tandem_backup`)
	if _, derr := conn.ExecContext(ctx, "DETACH tandem_backup"); err == nil && derr != nil {
		err = derr
	}
	if err != nil {
		return 0, fmt.Errorf("backup: copy: %w", err)
	}
	f, err := os.Open(file)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	return io.Copy(w, f)
}
