package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"tandem/survey"
)

// maxBatch bounds how many jobs share one commit.
const maxBatch = 128

// writer is the single goroutine that writes submissions. It takes every
// job waiting, runs them in one transaction and commits once (group
// commit): one WAL fsync serves the whole batch, and each caller is
// answered only after the commit that holds its write.
type writer struct {
	s     *Store
	jobs  chan *job
	mu    sync.RWMutex
	done  chan struct{}
	close bool
}

// A job writes inside the batch's transaction. A job that refuses (returns
// a *survey.Error) must do so before it writes anything, so that the rest
// of the batch can still commit.
type job struct {
	run  func(ctx context.Context, tx *sql.Tx, b *batch) error
	errc chan error
}

// batch gathers the rows of a batch's jobs so that each table gets one
// multi-row INSERT per batch instead of one per job.
type batch struct {
	responses [][]any
	answers   [][]any
}

func startWriter(s *Store) *writer {
	w := &writer{s: s, jobs: make(chan *job, 1024), done: make(chan struct{})}
	go w.loop()
	return w
}

// submit queues fn and waits for its batch to commit. It waits even when
// ctx ends meanwhile, so that no caller reports a failure for a write that
// was in fact committed.
func (w *writer) submit(ctx context.Context, fn func(context.Context, *sql.Tx, *batch) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j := &job{run: fn, errc: make(chan error, 1)}
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
func (w *writer) do(ctx context.Context, fn func(*sql.Tx) error) error {
	return w.submit(ctx, func(_ context.Context, tx *sql.Tx, _ *batch) error { return fn(tx) })
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

func (w *writer) commit(jobs []*job) ([]error, error) {
	ctx := context.Background()
	results := make([]error, len(jobs))
	err := w.s.tx(ctx, func(tx *sql.Tx) error {
		var b batch
		for i, j := range jobs {
			err := j.run(ctx, tx, &b)
			var refusal *survey.Error
			if err != nil && !errors.As(err, &refusal) {
				return err
			}
			results[i] = err
		}
		return b.flush(ctx, tx)
	})
	return results, err
}

func (b *batch) flush(ctx context.Context, tx *sql.Tx) error {
	if err := insertRows(ctx, tx, "responses", responseColumns, b.responses); err != nil {
		return err
	}
	return insertRows(ctx, tx, "answers", answerColumns, b.answers)
}

// insertRows writes rows with multi-row INSERTs of at most 1000 rows.
func insertRows(ctx context.Context, tx *sql.Tx, table string, columns []string, rows [][]any) error {
	const chunk = 1000
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	for start := 0; start < len(rows); start += chunk {
		end := min(start+chunk, len(rows))
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, strings.Join(columns, ", "))
		args := make([]any, 0, (end-start)*len(columns))
		for i := start; i < end; i++ {
			if i > start {
				q.WriteString(", ")
			}
			q.WriteString(tuple)
			args = append(args, rows[i]...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
	}
	return nil
}
