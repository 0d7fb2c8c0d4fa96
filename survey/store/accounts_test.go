package store_test

import (
	"context"
	"testing"
	"time"

	"tandem/survey"
)

func TestAccounts(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	admin := survey.Account{Email: "Anna@Example.com", Name: "Anna", Role: survey.AccountAdmin}
	a, err := s.CreateFirstAccount(ctx, admin, "hash-a")
	if err != nil {
		t.Fatal(err)
	}
	if a.Email != "anna@example.com" {
		t.Errorf("got e-mail %q, want it lower-cased", a.Email)
	}
	if _, err := s.CreateFirstAccount(ctx, survey.Account{Email: "b@example.com", Role: survey.AccountAdmin}, "h"); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("second first account: got %v, want a conflict", err)
	}
	if _, err := s.CreateAccount(ctx, survey.Account{Email: "ANNA@example.com", Role: survey.AccountViewer}, "h"); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("same e-mail again: got %v, want a conflict", err)
	}
	got, hash, err := s.AccountByEmail(ctx, " anna@EXAMPLE.com ")
	if err != nil || got.ID != a.ID || hash != "hash-a" || got.Role != survey.AccountAdmin {
		t.Fatalf("by e-mail: got %+v %q %v", got, hash, err)
	}
	if _, _, err := s.AccountByEmail(ctx, "nobody@example.com"); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unknown e-mail: got %v", err)
	}
	if err := s.SetAccountLanguage(ctx, a.ID, "de"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Account(ctx, a.ID); got.Language != "de" {
		t.Errorf("language: got %q, want de", got.Language)
	}
	if err := s.SetAccountLanguage(ctx, a.ID, "fr"); survey.ErrorCode(err) != survey.EInvalid {
		t.Errorf("language fr: got %v", err)
	}

	p, err := s.CreateProgram(ctx, survey.Program{Name: "RM", Language: "de", Threshold: 5, Mode: survey.ModeConfidential})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CreateAccount(ctx, survey.Account{Email: "v@example.com", Role: survey.AccountViewer}, "h")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // twice: no error, one membership
		if err := s.AddProgramMember(ctx, p.ID, v.ID); err != nil {
			t.Fatal(err)
		}
	}
	if ms, _ := s.ProgramMembers(ctx, p.ID); len(ms) != 1 || ms[0].ID != v.ID {
		t.Errorf("members: got %+v", ms)
	}
	if ps, _ := s.MemberPrograms(ctx, v.ID); !ps[p.ID] || len(ps) != 1 {
		t.Errorf("member programs: got %v", ps)
	}
	if err := s.RemoveProgramMember(ctx, p.ID, v.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.MemberPrograms(ctx, v.ID); len(ps) != 0 {
		t.Errorf("after removal: got %v", ps)
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	a, err := s.CreateAccount(ctx, survey.Account{Email: "o@example.com", Role: survey.AccountOrganiser}, "h")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := s.CreateSession(ctx, []byte("live"), a.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, []byte("old"), a.ID, now.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionByHash(ctx, []byte("live"), now)
	if err != nil || got.Account.ID != a.ID {
		t.Fatalf("live session: got %+v, %v", got, err)
	}
	if _, err := s.SessionByHash(ctx, []byte("old"), now); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("expired session: got %v, want not found", err)
	}
	if n, err := s.DeleteExpiredSessions(ctx, now); err != nil || n != 1 {
		t.Errorf("delete expired: got %d, %v; want 1", n, err)
	}
	if err := s.SetAccountPassword(ctx, a.ID, "new"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx, []byte("live"), now); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("a new password ends the sessions: got %v", err)
	}
}

func TestReissueAndMailMarks(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	sv, _ := cohortFixture(t, s, survey.ModeConfidential)
	invs, err := s.Invite(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if invs[0].InvitationID == "" {
		t.Fatal("Invite returns no invitation id")
	}
	// One answers; the others' links are renewed.
	f, err := s.FormByToken(ctx, invs[0].Token)
	if err != nil {
		t.Fatal(err)
	}
	five := 5.0
	if err := s.Submit(ctx, f, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &five}}); err != nil {
		t.Fatal(err)
	}
	renewed, err := s.Reissue(ctx, sv.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(renewed) != 2 {
		t.Fatalf("renewed %d links, want the 2 unanswered", len(renewed))
	}
	for _, old := range invs[1:] {
		if _, err := s.FormByToken(ctx, old.Token); survey.ErrorCode(err) != survey.ENotFound {
			t.Errorf("old link still opens a form: %v", err)
		}
	}
	for _, n := range renewed {
		f, err := s.FormByToken(ctx, n.Token)
		if err != nil || f.Invitation.ID != n.InvitationID {
			t.Errorf("new link: got %+v, %v", f.Invitation, err)
		}
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := s.MarkSent(ctx, renewed[0].InvitationID, at); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkReminded(ctx, renewed[0].InvitationID, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	rs, err := s.Recipients(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	var marked, submitted int
	for _, r := range rs {
		if r.InvitationID == renewed[0].InvitationID {
			if r.SentAt == nil || !r.SentAt.Equal(at) || r.RemindedAt == nil || !r.RemindedAt.Equal(at.Add(time.Hour)) {
				t.Errorf("marks: got sent %v reminded %v", r.SentAt, r.RemindedAt)
			}
			marked++
		}
		if r.SubmittedAt != nil {
			submitted++
		}
		if r.Email == "" || r.Name == "" {
			t.Errorf("recipient without name or e-mail: %+v", r)
		}
	}
	if marked != 1 || submitted != 1 || len(rs) != 3 {
		t.Errorf("recipients: %d marked, %d submitted of %d", marked, submitted, len(rs))
	}
	only, err := s.Reissue(ctx, sv.ID, []string{renewed[1].InvitationID})
	if err != nil || len(only) != 1 || only[0].InvitationID != renewed[1].InvitationID {
		t.Errorf("reissue one: got %+v, %v", only, err)
	}
}

func TestOpenSurveyNow(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	sv, _ := cohortFixture(t, s, survey.ModeConfidential)
	now := time.Now().UTC()
	later, err := s.CreateSurvey(ctx, sv.CohortID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(24 * time.Hour), ClosesAt: now.Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := s.Invite(ctx, later.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := s.FormByToken(ctx, invs[0].Token); f.Survey.StatusAt(time.Now()) != survey.StatusScheduled {
		t.Fatalf("before: got %s", f.Survey.StatusAt(time.Now()))
	}
	got, err := s.OpenSurvey(ctx, later.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st := got.StatusAt(time.Now()); st != survey.StatusOpen {
		t.Errorf("after opening: got %s, want open", st)
	}
	if f, _ := s.FormByToken(ctx, invs[0].Token); f.Survey.StatusAt(time.Now()) != survey.StatusOpen {
		t.Errorf("the form still says %s", f.Survey.StatusAt(time.Now()))
	}
	if _, err := s.CloseSurvey(ctx, later.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenSurvey(ctx, later.ID); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("opening a closed survey: got %v, want a conflict", err)
	}
}
