package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// anonymousWorld is an anonymous program (threshold 5) with one open survey
// of 16 invited mentees, on a store whose file and key are known.
type anonymousWorld struct {
	s      *store.Store
	clk    *clock
	path   string
	key    store.Key
	survey string
	invs   []store.NewInvitation
}

func newAnonymousWorld(t *testing.T, opts ...store.Option) *anonymousWorld {
	t.Helper()
	w := &anonymousWorld{clk: &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)},
		path: filepath.Join(t.TempDir(), "tandem.duckdb"), key: store.NewKey()}
	w.s = storetest.MustOpenAt(t, w.path, append([]store.Option{store.WithKey(w.key), store.WithClock(w.clk.Now)}, opts...)...)
	p, err := w.s.CreateProgram(context.Background(), survey.Program{Name: "Anonym", Language: "de", Threshold: 5, Mode: survey.ModeAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	w.survey, w.invs = anonymousSurvey(t, w.s, w.clk, p.ID, 0)
	return w
}

// submit has the people from, to-1 answer, each with their own text.
func (w *anonymousWorld) submit(t *testing.T, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if err := openAndSubmit(w.s, w.clk, w.invs[i].Token, marker(i), 4); err != nil {
			t.Fatal(err)
		}
	}
}

func marker(i int) string { return fmt.Sprintf("Antwort-%02d-Kaffeeklatsch", i) }

// check compares the survey's counts with what is wanted.
func (w *anonymousWorld) check(t *testing.T, step string, submitted, responses, pending int) {
	t.Helper()
	sv, err := w.s.Survey(context.Background(), w.survey)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Submitted != submitted || sv.Responses != responses || sv.Pending != pending {
		t.Errorf("%s: got submitted/responses/pending %d/%d/%d, want %d/%d/%d", step,
			sv.Submitted, sv.Responses, sv.Pending, submitted, responses, pending)
	}
}

// TestReleaseInGroups: below twice the threshold nothing reaches the
// evaluation; at twice the threshold a group is released that leaves
// exactly the threshold waiting; closing the survey releases the rest.
func TestReleaseInGroups(t *testing.T) {
	ctx := context.Background()
	w := newAnonymousWorld(t)
	w.submit(t, 0, 9)
	w.check(t, "9 submitted", 9, 0, 9)
	w.submit(t, 9, 10)
	w.check(t, "10 submitted", 10, 5, 5)
	w.submit(t, 10, 14)
	w.check(t, "14 submitted", 14, 5, 9)
	if _, err := w.s.CloseSurvey(ctx, w.survey); err != nil {
		t.Fatal(err)
	}
	w.check(t, "closed", 14, 14, 0)
	answers, err := w.s.Answers(ctx, w.survey)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range answers {
		if a.Text != nil {
			got[*a.Text] = true
		}
	}
	for i := range 14 {
		if !got[marker(i)] {
			t.Errorf("the answer of person %d was not released", i)
		}
	}
	if n, err := w.s.FlushDue(ctx); err != nil || n != 0 {
		t.Errorf("FlushDue after the close: got %d, %v; want 0", n, err)
	}
}

// TestFlushDue releases the waiting responses of a survey once its closing
// time has passed, and not before.
func TestFlushDue(t *testing.T) {
	ctx := context.Background()
	w := newAnonymousWorld(t)
	w.submit(t, 0, 3)
	if n, err := w.s.FlushDue(ctx); err != nil || n != 0 {
		t.Fatalf("FlushDue of an open survey: got %d, %v; want 0", n, err)
	}
	w.check(t, "open", 3, 0, 3)
	w.clk.Advance(8 * 24 * time.Hour) // past the closing time
	if n, err := w.s.FlushDue(ctx); err != nil || n != 3 {
		t.Fatalf("FlushDue of a survey past its closing time: got %d, %v; want 3", n, err)
	}
	w.check(t, "past its closing time", 3, 3, 0)
}

// TestSealedResponsesNeedTheKey: whoever holds the database file without
// the key reads nothing of a waiting response, neither in the file's bytes
// nor through SQL; another key is refused at start; with the key the
// responses are released. With the protection off the same reading finds
// every answer.
func TestSealedResponsesNeedTheKey(t *testing.T) {
	ctx := context.Background()
	w := newAnonymousWorld(t)
	w.submit(t, 0, 4)
	if err := w.s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := readAnswersWithoutKey(t, w.path, 4); found != 0 {
		t.Errorf("without the key %d of 4 answers were read from the file, want 0", found)
	}
	if _, err := store.Open(ctx, w.path, store.WithKey(store.NewKey())); !errors.Is(err, store.ErrWrongKey) {
		t.Errorf("open with another key: got %v, want ErrWrongKey", err)
	}
	keyless, err := store.Open(ctx, w.path) // for maintenance: no key
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keyless.CloseSurvey(ctx, w.survey); !errors.Is(err, store.ErrNoKey) {
		t.Errorf("close without the key: got %v, want ErrNoKey", err)
	}
	if c, _ := keyless.Counts(ctx); c["pending_responses"] != 4 || c["responses"] != 0 {
		t.Errorf("after the refused close got %v, want 4 waiting and no response", c)
	}
	keyless.Close()
	s := storetest.MustOpenAt(t, w.path, store.WithKey(w.key))
	if _, err := s.CloseSurvey(ctx, w.survey); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if found := readAnswersWithoutKey(t, w.path, 4); found != 4 {
		t.Errorf("after the release %d of 4 answers are in the file, want 4", found)
	}

	off := newAnonymousWorld(t, store.WithArrivalOrder())
	off.submit(t, 0, 4)
	off.s.Close()
	if found := readAnswersWithoutKey(t, off.path, 4); found != 4 {
		t.Errorf("protection off: %d of 4 answers read without the key, want 4", found)
	}
}

// readAnswersWithoutKey counts the texts of people 0..n-1 that someone
// holding the file finds: in its bytes, through SQL in answers, or in the
// bytes of a waiting sealed response.
func readAnswersWithoutKey(t *testing.T, path string, n int) int {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var texts, sealed []byte
	db := openFile(t, path)
	rows, err := db.Query(`SELECT coalesce(string_agg(text, '|'), '') FROM answers`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		rows.Scan(&texts)
	}
	rows.Close()
	blobs, err := db.Query(`SELECT sealed FROM pending_responses`)
	if err != nil {
		t.Fatal(err)
	}
	for blobs.Next() {
		var b []byte
		blobs.Scan(&b)
		sealed = append(sealed, b...)
	}
	blobs.Close()
	db.Close()
	found := 0
	for i := range n {
		m := []byte(marker(i))
		if bytes.Contains(raw, m) || bytes.Contains(texts, m) || bytes.Contains(sealed, m) {
			found++
		}
	}
	return found
}

// TestSealedSizeHidesLength: a short and a long answer seal to blobs of the
// same size, so that the size of a waiting response does not point to the
// released one.
func TestSealedSizeHidesLength(t *testing.T) {
	ctx := context.Background()
	w := newAnonymousWorld(t)
	for i, text := range []string{"ok", strings.Repeat("Sehr hilfreiche Gespräche. ", 30)} {
		f, err := w.s.FormByToken(ctx, w.invs[i].Token)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.s.Submit(ctx, f, "de", []survey.Answer{{Key: "went_well", Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
	var sizes []int
	rows, err := w.s.DB().Query(`SELECT octet_length(sealed) FROM pending_responses`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		rows.Scan(&n)
		sizes = append(sizes, n)
	}
	if len(sizes) != 2 || sizes[0] != sizes[1] {
		t.Errorf("got sealed sizes %v, want two equal sizes", sizes)
	}
}

// TestEraseKeepsWaitingResponses: erasing a participant of an anonymous
// program finds no response of theirs, released or waiting (nothing links
// them), and the waiting ones are still released whole.
func TestEraseKeepsWaitingResponses(t *testing.T) {
	ctx := context.Background()
	w := newAnonymousWorld(t)
	w.submit(t, 0, 3)
	got, err := w.s.EraseParticipant(ctx, w.invs[0].ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.Erasure{Invitations: 1}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	w.check(t, "after the erasure", 2, 0, 3)
	if _, err := w.s.CloseSurvey(ctx, w.survey); err != nil {
		t.Fatal(err)
	}
	w.check(t, "closed", 2, 3, 0)
}

// TestAnonymousInvitationSaysWhetherNotWhen: opening and answering a link
// of an anonymous program records the survey's opening time; in a
// confidential one, the moment.
func TestAnonymousInvitationSaysWhetherNotWhen(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []survey.Mode{survey.ModeAnonymous, survey.ModeConfidential} {
		t.Run(string(mode), func(t *testing.T) {
			clk := &clock{t: time.Now().UTC().Truncate(time.Second)}
			s := MustOpenStore(t, store.WithClock(clk.Now))
			sv, _ := cohortFixture(t, s, mode)
			invs, _ := s.Invite(ctx, sv.ID)
			f, _ := s.FormByToken(ctx, invs[0].Token)
			clk.Advance(time.Minute)
			opened := clk.Now()
			if err := s.MarkOpened(ctx, f.Invitation.ID); err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Minute)
			submitted := clk.Now()
			if err := s.Submit(ctx, f, "de", nil); err != nil {
				t.Fatal(err)
			}
			if mode == survey.ModeAnonymous {
				stored, _ := s.Survey(ctx, sv.ID)
				opened, submitted = stored.OpensAt, stored.OpensAt
			}
			sts, _ := s.Invitations(ctx, sv.ID)
			for _, st := range sts {
				if st.ParticipantID != invs[0].ParticipantID {
					continue
				}
				if st.OpenedAt == nil || !st.OpenedAt.Equal(opened) || st.SubmittedAt == nil || !st.SubmittedAt.Equal(submitted) {
					t.Errorf("got opened %v, submitted %v; want %v and %v", st.OpenedAt, st.SubmittedAt, opened, submitted)
				}
			}
		})
	}
}
