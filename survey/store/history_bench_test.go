package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// BenchmarkSubmitHistory measures durable submissions (32 concurrent
// submitters, 30 answers each) with 0 and with 1 000 000 earlier
// invitations in the database: the write path's cost must not depend on
// how much the service has sent before.
func BenchmarkSubmitHistory(b *testing.B) {
	for _, earlier := range []int{0, 1_000_000} {
		b.Run(fmt.Sprintf("earlier=%d", earlier), func(b *testing.B) {
			ctx := context.Background()
			s := MustOpenStore(b)
			addHistory(b, s, earlier)
			forms := openForms(b, s, b.N)
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
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submissions/s")
		})
	}
}

// BenchmarkOpenHistory measures recording that a link was opened, with 0
// and 1 000 000 earlier invitations.
func BenchmarkOpenHistory(b *testing.B) {
	for _, earlier := range []int{0, 1_000_000} {
		b.Run(fmt.Sprintf("earlier=%d", earlier), func(b *testing.B) {
			ctx := context.Background()
			s := MustOpenStore(b)
			addHistory(b, s, earlier)
			forms := openForms(b, s, b.N)
			var next atomic.Int64
			b.SetParallelism(16)
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.MarkOpened(ctx, forms[next.Add(1)-1].Invitation.ID); err != nil {
						b.Error(err)
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "opened/s")
		})
	}
}

// addHistory puts n invitations of an earlier, closed survey (and their
// participants) into s, written directly in bulk.
func addHistory(b *testing.B, s *store.Store, n int) {
	b.Helper()
	if n == 0 {
		return
	}
	ctx := context.Background()
	p, _ := s.CreateProgram(ctx, survey.Program{Name: "Old", Language: "en", Threshold: 5, Mode: survey.ModeConfidential})
	c, _ := s.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Old", StartsOn: "2020-01-01", EndsOn: "2020-12-31"})
	old := time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	sv, err := s.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: old, ClosesAt: old.Add(time.Hour)})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO participants SELECT 'hp' || i, ?, 'P', 'p' || i || '@example.com', 'mentee', '', '', '', now() FROM range(?) t(i)`,
		`INSERT INTO invitations (id, survey_id, participant_id, token_hash, created_at, opened_at, submitted_at)
		 SELECT 'hi' || i, ?, 'hp' || i, sha256('t' || i)::BLOB, now(), now(), now() FROM range(?) t(i)`,
	} {
		arg := c.ID
		if q[12:23] == "invitations" {
			arg = sv.ID
		}
		if _, err := s.DB().ExecContext(ctx, q, arg, n); err != nil {
			b.Fatal(err)
		}
	}
}

// openForms makes an open survey with n invitations and returns their
// forms.
func openForms(b *testing.B, s *store.Store, n int) []store.Form {
	b.Helper()
	ctx := context.Background()
	p, _ := s.CreateProgram(ctx, survey.Program{Name: "B", Language: "en", Threshold: 5, Mode: survey.ModeConfidential})
	c, _ := s.CreateCohort(ctx, p.ID, survey.Cohort{Name: "B", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	for start := 0; start < n; start += 5000 {
		var rows []survey.ParticipantInput
		for i := start; i < min(start+5000, n); i++ {
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
		if forms[i], err = s.FormByToken(ctx, inv.Token); err != nil {
			b.Fatal(err)
		}
	}
	return forms
}
