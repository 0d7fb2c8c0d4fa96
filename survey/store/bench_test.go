package store_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"tandem/survey"
	"tandem/survey/store"
)

// thirtyAnswers is a 30-item submission.
func thirtyAnswers() []survey.Answer {
	out := make([]survey.Answer, 30)
	for i := range out {
		v := float64(i%5 + 1)
		out[i] = survey.Answer{Key: fmt.Sprintf("item_%d", i), Num: &v}
	}
	return out
}

// BenchmarkSubmitStore measures durable submissions through the store's
// group-commit writer with 32 concurrent submitters, without HTTP, in both
// modes: an anonymous submission is sealed, and the writer releases
// shuffled groups as they fill.
func BenchmarkSubmitStore(b *testing.B) {
	for _, mode := range []survey.Mode{survey.ModeConfidential, survey.ModeAnonymous} {
		b.Run(string(mode), func(b *testing.B) { benchmarkSubmit(b, mode) })
	}
}

func benchmarkSubmit(b *testing.B, mode survey.Mode) {
	ctx := context.Background()
	s := MustOpenStore(b)
	p, _ := s.CreateProgram(ctx, survey.Program{Name: "B", Language: "en", Threshold: 5, Mode: mode})
	c, _ := s.CreateCohort(ctx, p.ID, survey.Cohort{Name: "B", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	for start := 0; start < b.N; start += 5000 {
		var rows []survey.ParticipantInput
		for i := start; i < min(start+5000, b.N); i++ {
			rows = append(rows, survey.ParticipantInput{Name: "P", Email: fmt.Sprintf("p%d@example.com", i), Role: "mentee"})
		}
		if _, err := s.AddParticipants(ctx, c.ID, rows); err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now()
	sv, _ := s.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)})
	invs, err := s.Invite(ctx, sv.ID)
	if err != nil {
		b.Fatal(err)
	}
	forms := make([]store.Form, len(invs))
	for i, inv := range invs {
		forms[i], _ = s.FormByToken(ctx, inv.Token)
	}
	answers := thirtyAnswers()
	var next atomic.Int64
	b.SetParallelism(16)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Submit(ctx, forms[next.Add(1)-1], "en", answers); err != nil {
				b.Error(err)
			}
		}
	})
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(b.N)/sec, "submissions/s")
	b.ReportMetric(float64(b.N*30)/sec, "answers/s")
}

// BenchmarkAppenderBare is the floor under BenchmarkSubmitStore: the same
// rows (one response and 30 answers per submission) appended with DuckDB's
// appender and committed in batches of 32, with nothing else.
func BenchmarkAppenderBare(b *testing.B) {
	ctx := context.Background()
	s := MustOpenStore(b)
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	at := time.Now().UTC()
	b.ResetTimer()
	start := time.Now()
	for done := 0; done < b.N; {
		batch := min(32, b.N-done)
		if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			b.Fatal(err)
		}
		err := conn.Raw(func(dc any) error {
			resp, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "responses")
			if err != nil {
				return err
			}
			ans, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "answers")
			if err != nil {
				return err
			}
			for i := range batch {
				id := fmt.Sprintf("r%d", done+i)
				resp.AppendRow(id, "s", "c", "final", "key", "mentee", "", "", "", "en", at)
				for k := range 30 {
					ans.AppendRow(id, "s", fmt.Sprintf("item_%d", k), float64(k%5+1), nil, nil)
				}
			}
			if err := resp.Close(); err != nil {
				return err
			}
			return ans.Close()
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			b.Fatal(err)
		}
		done += batch
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(b.N)/sec, "submissions/s")
	b.ReportMetric(float64(b.N*30)/sec, "answers/s")
}
