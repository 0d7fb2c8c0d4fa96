package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// MustOpenStore opens a store on a fresh DuckDB file in a temp dir and
// closes it when the test ends.
func MustOpenStore(tb testing.TB, opts ...store.Option) *store.Store {
	tb.Helper()
	return storetest.MustOpen(tb, opts...)
}

// cohortFixture sets up a program, a cohort with a 2:1 tandem and an open
// final survey, and returns the survey ID.
func cohortFixture(tb testing.TB, s *store.Store, mode survey.Mode) (survey.Survey, []string) {
	tb.Helper()
	ctx := context.Background()
	p, err := s.CreateProgram(ctx, survey.Program{Name: "RM 2026", Language: "de", Threshold: 5, Mode: mode})
	if err != nil {
		tb.Fatal(err)
	}
	c, err := s.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Runde 1", StartsOn: "2026-01-01", EndsOn: "2026-06-30"})
	if err != nil {
		tb.Fatal(err)
	}
	ids, err := s.AddParticipants(ctx, c.ID, []survey.ParticipantInput{
		{Name: "Jürgen Größ", Email: "j@example.com", Role: "mentee", Generation: "Baby Boomer"},
		{Name: "Zoë Ağaoğlu", Email: "z@example.com", Role: "mentor", Generation: "gen z"},
		{Name: "Lena Maier", Email: "l@example.com", Role: "mentor"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := s.CreateTandem(ctx, c.ID, ids); err != nil {
		tb.Fatal(err)
	}
	now := time.Now().UTC()
	sv, err := s.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)})
	if err != nil {
		tb.Fatal(err)
	}
	return sv, ids
}

func TestSubmitOnceAndDurable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tandem.duckdb")
	key := store.NewKey()
	s, err := store.Open(ctx, path, store.WithKey(key))
	if err != nil {
		t.Fatal(err)
	}
	sv, _ := cohortFixture(t, s, survey.ModeConfidential)
	invs, err := s.Invite(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(invs), 3; got != want {
		t.Fatalf("got %d invitations, want %d", got, want)
	}
	f, err := s.FormByToken(ctx, invs[0].Token)
	if err != nil {
		t.Fatal(err)
	}
	five := 5.0
	answers := []survey.Answer{{Key: "overall_satisfaction", Num: &five}, {Key: "improve", Text: "=1+1 Grüße 👋"}}
	// Two concurrent submissions of one invitation: exactly one is stored.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { errs[i] = s.Submit(ctx, f, "de", answers) })
	}
	wg.Wait()
	var ok, conflict int
	for _, err := range errs {
		switch survey.ErrorCode(err) {
		case "":
			ok++
		case survey.EConflict:
			conflict++
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 1 || conflict != 1 {
		t.Fatalf("got %d accepted and %d conflicts, want 1 and 1", ok, conflict)
	}
	if again := s.Invite; again != nil {
		more, err := s.Invite(ctx, sv.ID)
		if err != nil || len(more) != 0 {
			t.Fatalf("second Invite: got %d, %v; want none", len(more), err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		if bytes.Contains(raw, []byte(inv.Token)) {
			t.Errorf("the database file holds a token in clear")
		}
	}
	s2, err := store.Open(ctx, path, store.WithKey(key))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Survey(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Invited != 3 || got.Opened != 1 || got.Submitted != 1 {
		t.Errorf("after restart got invited/opened/submitted %d/%d/%d, want 3/1/1", got.Invited, got.Opened, got.Submitted)
	}
	stored, err := s2.Answers(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 2 || *stored[0].Text != "=1+1 Grüße 👋" || *stored[1].Num != 5 {
		t.Errorf("stored answers %+v, want the two submitted", stored)
	}
}

func TestAddParticipantsAllOrNothing(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	sv, _ := cohortFixture(t, s, survey.ModeAnonymous)
	_, err := s.AddParticipants(ctx, sv.CohortID, []survey.ParticipantInput{
		{Name: "Ok", Email: "ok@example.com", Role: "mentor"},
		{Name: "Bad", Email: "bad@example.com", Role: "boss"},
		{Name: "Dup", Email: "J@example.com", Role: "mentee"},
	})
	var e *survey.Error
	if !errors.As(err, &e) || e.Code != survey.EInvalid {
		t.Fatalf("got %v, want an invalid error", err)
	}
	if len(e.Details) != 2 || e.Details[0].Row != 2 || e.Details[0].Field != "role" || e.Details[1].Row != 3 {
		t.Errorf("got details %+v, want row 2 role and row 3 email", e.Details)
	}
	ps, _ := s.Participants(ctx, sv.CohortID)
	if len(ps) != 3 {
		t.Errorf("got %d participants, want 3 (nothing of the bad import)", len(ps))
	}
}

func TestClosedSurveyRefuses(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	sv, _ := cohortFixture(t, s, survey.ModeAnonymous)
	invs, _ := s.Invite(ctx, sv.ID)
	f, _ := s.FormByToken(ctx, invs[1].Token)
	if _, err := s.CloseSurvey(ctx, sv.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Submit(ctx, f, "en", nil); survey.ErrorCode(err) != survey.EGone {
		t.Fatalf("got %v, want gone", err)
	}
	if _, err := s.FormByToken(ctx, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"); survey.ErrorCode(err) != survey.ENotFound {
		t.Fatalf("unknown token: got %v, want not found", err)
	}
}

func TestBackupWhileServing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	sv, _ := cohortFixture(t, s, survey.ModeConfidential)
	invs, _ := s.Invite(ctx, sv.ID)
	f, _ := s.FormByToken(ctx, invs[0].Token)
	four := 4.0
	if err := s.Submit(ctx, f, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &four}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.duckdb")
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(ctx, w); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// The service goes on after the backup.
	f2, _ := s.FormByToken(ctx, invs[1].Token)
	if err := s.Submit(ctx, f2, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &four}}); err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(ctx, out)
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer restored.Close()
	got, err := restored.Survey(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Invited != 3 || got.Submitted != 1 {
		t.Errorf("backup holds %d invited, %d submitted; want 3 and 1", got.Invited, got.Submitted)
	}
}

func TestEraseParticipant(t *testing.T) {
	ctx := context.Background()
	for _, policy := range []string{survey.ErasureAnonymise, survey.ErasureDelete} {
		t.Run(policy, func(t *testing.T) {
			s := MustOpenStore(t)
			p, _ := s.CreateProgram(ctx, survey.Program{Name: "P", Language: "de", Threshold: 5, Mode: survey.ModeConfidential, Erasure: policy})
			c, _ := s.CreateCohort(ctx, p.ID, survey.Cohort{Name: "C", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
			ids, _ := s.AddParticipants(ctx, c.ID, []survey.ParticipantInput{
				{Name: "A", Email: "a@example.com", Role: "mentee", Department: "IT"},
				{Name: "B", Email: "b@example.com", Role: "mentor"}})
			s.CreateTandem(ctx, c.ID, ids)
			now := time.Now()
			sv, _ := s.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)})
			invs, _ := s.Invite(ctx, sv.ID)
			three := 3.0
			for _, inv := range invs {
				f, _ := s.FormByToken(ctx, inv.Token)
				if err := s.Submit(ctx, f, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &three}}); err != nil {
					t.Fatal(err)
				}
			}
			erased := invs[0]
			for _, inv := range invs {
				if inv.ParticipantID == ids[0] {
					erased = inv
				}
			}
			got, err := s.EraseParticipant(ctx, ids[0])
			if err != nil {
				t.Fatal(err)
			}
			want := store.Erasure{Invitations: 1, ResponsesUnlinked: 1}
			if policy == survey.ErasureDelete {
				want = store.Erasure{Invitations: 1, ResponsesDeleted: 1}
			}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if _, err := s.FormByToken(ctx, erased.Token); survey.ErrorCode(err) != survey.ENotFound {
				t.Errorf("the erased participant's link still works: %v", err)
			}
			ps, _ := s.Participants(ctx, c.ID)
			ts, _ := s.Tandems(ctx, c.ID)
			if len(ps) != 1 || len(ts) != 1 && len(ts[0].Members) != 1 {
				t.Errorf("got %d participants, want 1", len(ps))
			}
			var linked int
			s.DB().QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE respondent_key IS NOT NULL AND department = 'IT'`).Scan(&linked)
			if linked != 0 {
				t.Errorf("a response is still linked to the erased participant")
			}
			if _, err := s.EraseParticipant(ctx, ids[0]); survey.ErrorCode(err) != survey.ENotFound {
				t.Errorf("second erasure: got %v, want not found", err)
			}
		})
	}
}

func TestRetentionPurge(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	sv, _ := cohortFixture(t, s, survey.ModeAnonymous) // cohort ends 2026-06-30
	invs, _ := s.Invite(ctx, sv.ID)
	f, _ := s.FormByToken(ctx, invs[0].Token)
	one := 1.0
	s.Submit(ctx, f, "en", []survey.Answer{{Key: "overall_satisfaction", Num: &one}})
	if c, _ := s.Counts(ctx); c["pending_responses"] != 1 {
		t.Fatalf("before the purge got %v, want the anonymous response waiting, sealed", c)
	}
	if n, err := s.PurgeCohortsEndedBefore(ctx, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)); err != nil || n != 0 {
		t.Fatalf("purge before the end: got %d, %v; want 0", n, err)
	}
	n, err := s.PurgeCohortsEndedBefore(ctx, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 1 {
		t.Fatalf("purge after the end: got %d, %v; want 1", n, err)
	}
	c, _ := s.Counts(ctx)
	if c["responses"] != 0 || c["answers"] != 0 || c["invitations"] != 0 || c["pending_responses"] != 0 {
		t.Errorf("after purge got %v, want no responses, answers, waiting responses or invitations", c)
	}
}

func TestMemoryLimit(t *testing.T) {
	s := MustOpenStore(t, store.WithMemoryLimit("64MB"))
	var got string
	if err := s.DB().QueryRow("SELECT current_setting('memory_limit')").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "MiB") && !strings.Contains(got, "MB") {
		t.Errorf("memory_limit is %q, want about 64 MB", got)
	}
	if _, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.duckdb"), store.WithMemoryLimit("lots")); err == nil {
		t.Errorf("a malformed limit was accepted")
	}
}
