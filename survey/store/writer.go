package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"tandem/survey"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// maxBatch bounds how many jobs share one commit.
const maxBatch = 128

// writer is the single goroutine that writes submissions. It takes every
// job waiting, runs them in one transaction and commits once (group
// commit): one WAL fsync serves the whole batch, and each caller is
// answered only after the commit that holds its write.
type writer struct {
	s     *Store
	conn  *sql.Conn // the writer's own connection: its transactions and appenders
	jobs  chan *job
	mu    sync.RWMutex
	done  chan struct{}
	close bool
}

// A job writes inside the batch's transaction: either a submission, which
// the batch stores together with the others, or a small update run as it
// is. An update that refuses (returns a *survey.Error) must do so before it
// writes anything, so that the rest of the batch can still commit.
type job struct {
	run  func(ctx context.Context, conn *sql.Conn) error
	sub  *submission
	errc chan error
}

// querier is what jobs may run statements on: the writer's connection,
// inside the batch's transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func startWriter(ctx context.Context, s *Store) (*writer, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("start writer: %w", err)
	}
	w := &writer{s: s, conn: conn, jobs: make(chan *job, 1024), done: make(chan struct{})}
	go w.loop()
	return w, nil
}

// enqueue queues j and waits for its batch to commit. It waits even when
// ctx ends meanwhile, so that no caller reports a failure for a write that
// was in fact committed.
func (w *writer) enqueue(ctx context.Context, j *job) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j.errc = make(chan error, 1)
	w.mu.RLock()
	if w.close {
		w.mu.RUnlock()
		return errors.New("store is closing")
	}
	w.jobs <- j
	w.mu.RUnlock()
	return <-j.errc
}

// do runs fn through the writer, for small updates that must not race
// with submissions.
func (w *writer) do(ctx context.Context, fn func(querier) error) error {
	return w.doConn(ctx, func(conn *sql.Conn) error { return fn(conn) })
}

// doConn is do for updates that need the writer's connection itself, to
// append rows inside the batch's transaction.
func (w *writer) doConn(ctx context.Context, fn func(*sql.Conn) error) error {
	return w.enqueue(ctx, &job{run: func(_ context.Context, conn *sql.Conn) error { return fn(conn) }})
}

func (w *writer) stop() {
	w.mu.Lock()
	if !w.close {
		w.close = true
		close(w.jobs)
	}
	w.mu.Unlock()
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	defer w.conn.Close()
	for first := range w.jobs {
		jobs := []*job{first}
	more:
		for len(jobs) < maxBatch {
			select {
			case j, ok := <-w.jobs:
				if !ok {
					break more
				}
				jobs = append(jobs, j)
			default:
				break more
			}
		}
		w.run(jobs)
	}
}

// run commits jobs together; if the batch fails as a whole, each job is
// retried alone so that one bad write cannot sink the others.
func (w *writer) run(jobs []*job) {
	results, err := w.commit(jobs)
	if err == nil {
		for i, j := range jobs {
			j.errc <- results[i]
		}
		return
	}
	if len(jobs) == 1 {
		jobs[0].errc <- err
		return
	}
	for _, j := range jobs {
		res, err := w.commit([]*job{j})
		if err == nil {
			err = res[0]
		}
		j.errc <- err
	}
}

// commit runs jobs in one transaction on the writer's connection. The
// COMMIT (one WAL fsync) returns only when the batch is durable.
func (w *writer) commit(jobs []*job) ([]error, error) {
	ctx := context.Background()
	results := make([]error, len(jobs))
	start := time.Now()
	if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	if err := w.runJobs(ctx, jobs, results); err != nil {
		if _, rerr := w.conn.ExecContext(ctx, "ROLLBACK"); rerr != nil {
			return nil, errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return nil, err
	}
	if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
		// DuckDB ends a transaction whose commit failed; nothing of it stays.
		return nil, fmt.Errorf("commit: %w", err)
	}
	if w.s.observeCommit != nil {
		w.s.observeCommit(time.Since(start), countSubmissions(jobs))
	}
	return results, nil
}

func countSubmissions(jobs []*job) int {
	n := 0
	for _, j := range jobs {
		if j.sub != nil {
			n++
		}
	}
	return n
}

func (w *writer) runJobs(ctx context.Context, jobs []*job, results []error) error {
	var subs []int
	for i, j := range jobs {
		if j.sub != nil {
			subs = append(subs, i)
			continue
		}
		err := j.run(ctx, w.conn)
		var refusal *survey.Error
		if err != nil && !errors.As(err, &refusal) {
			return err
		}
		results[i] = err
	}
	if len(subs) == 0 {
		return nil
	}
	return w.s.storeSubmissions(ctx, w.conn, jobs, subs, results)
}

// appendRows writes rows to table with DuckDB's appender on the writer's
// connection, inside its open transaction: far cheaper than INSERTs with
// thousands of parameters.
func appendRows(conn *sql.Conn, table string, rows [][]driver.Value) error {
	if len(rows) == 0 {
		return nil
	}
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return fmt.Errorf("append %s: %w", table, err)
		}
		for _, r := range rows {
			if err := app.AppendRow(r...); err != nil {
				app.Close()
				return fmt.Errorf("append %s: %w", table, err)
			}
		}
		if err := app.Close(); err != nil {
			return fmt.Errorf("append %s: %w", table, err)
		}
		return nil
	})
}
