package store

// Anonymous responses reach the evaluation in shuffled groups. A response
// of an anonymous program is committed sealed into pending_responses (so
// that it is durable before it is acknowledged) and moved into responses
// and answers only together with others, in an order drawn with
// crypto/rand: when a survey has twice its threshold waiting, a random
// selection is released that leaves exactly the threshold waiting, and
// when the survey closes, all are. Neither the storage order nor a time
// then ties a response to the invitation it came from.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/big"
	"time"

	"tandem/survey"
)

// pendingRow is the pending_responses row of an anonymous submission: a
// random ID, the survey, and the sealed response.
func (s *Store) pendingRow(sub *submission) ([]driver.Value, error) {
	f := sub.f
	sealed, err := s.seal(f.Survey.ID, sealedResponse{Role: string(f.Role), Department: f.Department,
		Generation: f.Generation, Region: f.Region, Language: sub.lang, Answers: sub.answers})
	if err != nil {
		return nil, err
	}
	return []driver.Value{survey.NewID(), f.Survey.ID, sealed}, nil
}

// releaseFull releases, of each survey in thresholds (survey ID → the
// program's threshold) that has at least twice its threshold waiting, a
// random selection that leaves exactly the threshold waiting; so every
// group released, the last one included, holds at least the threshold.
func (s *Store) releaseFull(ctx context.Context, conn *sql.Conn, thresholds map[string]int) error {
	for id, t := range thresholds {
		t = max(t, 1)
		if _, err := s.release(ctx, conn, id, t, 2*t); err != nil {
			return err
		}
	}
	return nil
}

// pending is one waiting sealed response.
type pending struct {
	id     string
	sealed []byte
}

// release moves the waiting responses of a survey, when at least atLeast
// wait, into responses and answers, all but keep of them chosen at random,
// in random order. It runs inside the writer's transaction on conn and
// returns how many it released.
func (s *Store) release(ctx context.Context, conn *sql.Conn, surveyID string, keep, atLeast int) (int, error) {
	waiting, err := pendingOf(ctx, conn, surveyID)
	if err != nil {
		return 0, err
	}
	if len(waiting) < max(atLeast, 1) || len(waiting) <= keep {
		return 0, nil
	}
	shuffle(waiting)
	out, kept := waiting[:len(waiting)-keep], waiting[len(waiting)-keep:]
	responses, answers, err := s.releasedRows(ctx, conn, surveyID, out)
	if err != nil {
		return 0, err
	}
	if err := appendRows(conn, "responses", responses); err != nil {
		return 0, err
	}
	if err := appendRows(conn, "answers", answers); err != nil {
		return 0, err
	}
	// Deleting the survey's rows and appending the kept ones again is
	// cheaper than deleting a list of IDs.
	if _, err := conn.ExecContext(ctx, `DELETE FROM pending_responses WHERE survey_id = ?`, surveyID); err != nil {
		return 0, fmt.Errorf("release responses: %w", err)
	}
	rows := make([][]driver.Value, len(kept))
	for i, p := range kept {
		rows[i] = []driver.Value{p.id, surveyID, p.sealed}
	}
	return len(out), appendRows(conn, "pending_responses", rows)
}

func pendingOf(ctx context.Context, conn *sql.Conn, surveyID string) ([]pending, error) {
	rows, err := conn.QueryContext(ctx, `SELECT id, sealed FROM pending_responses WHERE survey_id = ?`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("release responses: %w", err)
	}
	defer rows.Close()
	var out []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.sealed); err != nil {
			return nil, fmt.Errorf("release responses: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// releasedRows opens the sealed responses and makes their rows, in the
// order given: each with a fresh random ID, no respondent key and the
// survey's opening time in place of a submission time.
func (s *Store) releasedRows(ctx context.Context, conn *sql.Conn, surveyID string, ps []pending) (responses, answers [][]driver.Value, err error) {
	var cohortID, phase string
	var opensAt time.Time
	if err := conn.QueryRowContext(ctx, `SELECT cohort_id, phase, opens_at FROM surveys WHERE id = ?`, surveyID).
		Scan(&cohortID, &phase, &opensAt); err != nil {
		return nil, nil, fmt.Errorf("release responses of survey %s: %w", surveyID, err)
	}
	for _, p := range ps {
		r, err := s.open(surveyID, p.sealed)
		if err != nil {
			return nil, nil, fmt.Errorf("release responses of survey %s: %w", surveyID, err)
		}
		id := survey.NewID()
		responses = append(responses, []driver.Value{id, surveyID, cohortID, phase, nil,
			r.Role, r.Department, r.Generation, r.Region, r.Language, opensAt.UTC()})
		for _, a := range r.Answers {
			answers = append(answers, answerRow(id, surveyID, a))
		}
	}
	return responses, answers, nil
}

// shuffle puts xs in an order drawn with crypto/rand (Fisher–Yates).
func shuffle[T any](xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			panic(fmt.Sprintf("crypto/rand: %v", err)) // documented never to fail
		}
		xs[i], xs[j.Int64()] = xs[j.Int64()], xs[i]
	}
}

// FlushDue releases every waiting anonymous response of surveys that are
// closed, by an organiser or because their closing time has passed, and
// returns how many it released. The server calls it at start and every
// minute, so that a closed survey reaches the evaluation whole.
func (s *Store) FlushDue(ctx context.Context) (int, error) {
	var released int
	err := s.writer.doConn(ctx, func(conn *sql.Conn) error {
		released = 0
		rows, err := conn.QueryContext(ctx, `SELECT DISTINCT p.survey_id FROM pending_responses p
			JOIN surveys s ON s.id = p.survey_id
			WHERE s.closed_at IS NOT NULL OR s.closes_at <= ? ORDER BY p.survey_id`, s.now().UTC())
		if err != nil {
			return fmt.Errorf("flush due responses: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("flush due responses: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("flush due responses: %w", err)
		}
		for _, id := range ids {
			n, err := s.release(ctx, conn, id, 0, 1)
			if err != nil {
				return err
			}
			released += n
		}
		return nil
	})
	return released, err
}
