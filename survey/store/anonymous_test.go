package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const attackPeople = 16

// attackRuns is what the attack needs to know besides the files: the
// surveys, and (as ground truth for scoring, never used by the attack)
// which marker each participant wrote into their free text.
type attackRuns struct {
	path, backup string
	surveys      []string
	marker       map[string]string // participant ID → the text they wrote
}

// runAnonymousSurveys runs n anonymous surveys (threshold 5) of 16 people
// each on a fresh file. In each, the people open their link and submit one
// after another, in the order of their invitations, on a clock that moves
// a minute at every step; the surveys run side by side, as a busy server's
// would. Then the even surveys are closed by the organiser and the odd
// ones by their closing time (released by FlushDue). A backup is taken at
// the end, and the store is closed.
func runAnonymousSurveys(t *testing.T, n int, opts ...store.Option) attackRuns {
	t.Helper()
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	runs := attackRuns{path: filepath.Join(t.TempDir(), "tandem.duckdb"), marker: map[string]string{}}
	s := storetest.MustOpenAt(t, runs.path, append([]store.Option{store.WithClock(clk.Now)}, opts...)...)
	p, err := s.CreateProgram(ctx, survey.Program{Name: "Anonym", Language: "de", Threshold: 5, Mode: survey.ModeAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	people := make([][]store.NewInvitation, n)
	for run := range n {
		var id string
		id, people[run] = anonymousSurvey(t, s, clk, p.ID, run)
		runs.surveys = append(runs.surveys, id)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for run, invs := range people {
		wg.Go(func() {
			for i, inv := range invs {
				text := fmt.Sprintf("run %d person %d", run, i)
				mu.Lock()
				runs.marker[inv.ParticipantID] = text
				mu.Unlock()
				if err := openAndSubmit(s, clk, inv.Token, text, float64(1+i%5)); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for run, id := range runs.surveys {
		if run%2 == 0 {
			if _, err := s.CloseSurvey(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	clk.Advance(8 * 24 * time.Hour)
	if _, err := s.FlushDue(ctx); err != nil {
		t.Fatal(err)
	}
	runs.backup = backupFile(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return runs
}

// anonymousSurvey makes a cohort of 16 mentees and an open final survey
// that closes in a week, and invites them.
func anonymousSurvey(t *testing.T, s *store.Store, clk *clock, programID string, run int) (string, []store.NewInvitation) {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateCohort(ctx, programID, survey.Cohort{Name: fmt.Sprint("Runde ", run), StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	in := make([]survey.ParticipantInput, attackPeople)
	for i := range in {
		in[i] = survey.ParticipantInput{Name: fmt.Sprintf("Person %02d", i), Email: fmt.Sprintf("p%d-%d@example.com", run, i), Role: "mentee"}
	}
	if _, err := s.AddParticipants(ctx, c.ID, in); err != nil {
		t.Fatal(err)
	}
	opens := clk.Now().Add(-time.Minute)
	sv, err := s.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: opens, ClosesAt: opens.Add(7 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := s.Invite(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sv.ID, invs
}

// openAndSubmit opens the link of token and, a minute later, submits an
// overall satisfaction and text.
func openAndSubmit(s *store.Store, clk *clock, token, text string, score float64) error {
	ctx := context.Background()
	f, err := s.FormByToken(ctx, token)
	if err != nil {
		return err
	}
	clk.Advance(time.Minute)
	if err := s.MarkOpened(ctx, f.Invitation.ID); err != nil {
		return err
	}
	clk.Advance(time.Minute)
	return s.Submit(ctx, f, "de", []survey.Answer{{Key: "overall_satisfaction", Num: &score}, {Key: "went_well", Text: text}})
}

// backupFile writes a backup of s to a temp file and returns its path.
func backupFile(t *testing.T, s *store.Store) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "backup.duckdb")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// attackedRow is a row as an attacker holding the file reads it.
type attackedRow struct {
	id, text         string
	at               sql.NullTime
	rowid            int64
	participant      string
	invitationRowid  int64
	invitationOpened sql.NullTime
}

// attack reads a database file through a plain DuckDB connection, as
// someone holding the file (or a backup) would, and links the responses of one
// survey to its invitations in two ways: by zipping the responses in
// storage order with the answered invitations ordered by their times (and
// storage order where times tie), and by matching equal submission times.
// It returns how many responses each way linked to their true author.
func attack(t *testing.T, db *sql.DB, runs attackRuns, surveyID string) (byOrder, byTime int) {
	t.Helper()
	// Without ORDER BY, as stored; rowid says the storage position.
	responses := queryRows(t, db, `SELECT r.rowid, r.id, r.submitted_at,
		(SELECT a.text FROM answers a WHERE a.response_id = r.id AND a.item_key = 'went_well')
		FROM responses r WHERE r.survey_id = ?`, surveyID, func(r *attackedRow) []any {
		return []any{&r.rowid, &r.id, &r.at, &r.text}
	})
	invitations := queryRows(t, db, `SELECT rowid, participant_id, submitted_at, opened_at FROM invitations
		WHERE survey_id = ? AND submitted_at IS NOT NULL`, surveyID, func(r *attackedRow) []any {
		return []any{&r.invitationRowid, &r.participant, &r.at, &r.invitationOpened}
	})
	if len(responses) != attackPeople || len(invitations) != attackPeople {
		t.Fatalf("survey %s: %d responses and %d answered invitations, want %d each", surveyID, len(responses), len(invitations), attackPeople)
	}
	slices.SortStableFunc(responses, func(a, b attackedRow) int { return cmpInt(a.rowid, b.rowid) })
	slices.SortStableFunc(invitations, func(a, b attackedRow) int {
		if c := a.at.Time.Compare(b.at.Time); c != 0 {
			return c
		}
		if c := a.invitationOpened.Time.Compare(b.invitationOpened.Time); c != 0 {
			return c
		}
		return cmpInt(a.invitationRowid, b.invitationRowid)
	})
	for i, r := range responses {
		if runs.marker[invitations[i].participant] == r.text {
			byOrder++
		}
	}
	used := map[int]bool{}
	for _, r := range responses {
		for j, inv := range invitations {
			if !used[j] && inv.at.Time.Equal(r.at.Time) {
				used[j] = true
				if runs.marker[inv.participant] == r.text {
					byTime++
				}
				break
			}
		}
	}
	return byOrder, byTime
}

// openFile opens a database file read-only with a plain DuckDB connection.
func openFile(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryRows(t *testing.T, db *sql.DB, q, arg string, dest func(*attackedRow) []any) []attackedRow {
	t.Helper()
	rows, err := db.Query(q, arg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []attackedRow
	for rows.Next() {
		var r attackedRow
		if err := rows.Scan(dest(&r)...); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestAnonymousResponsesCannotBeLinked is the attack on the database file
// and on a backup: in 50 anonymous surveys of 16 people who answered one
// after another, the attacker links no more responses to their authors
// than chance allows (about 1.3 per survey: the storage order of a
// released group is a random permutation; simulated, no survey of 200 000
// reached 9).
func TestAnonymousResponsesCannotBeLinked(t *testing.T) {
	runs := runAnonymousSurveys(t, 50)
	for _, file := range []struct{ name, path string }{{"database", runs.path}, {"backup", runs.backup}} {
		t.Run(file.name, func(t *testing.T) {
			db, total, worst := openFile(t, file.path), 0, 0
			for _, id := range runs.surveys {
				byOrder, byTime := attack(t, db, runs, id)
				best := max(byOrder, byTime)
				total += best
				worst = max(worst, best)
			}
			mean := float64(total) / float64(len(runs.surveys))
			t.Logf("%s: the attack linked %.2f of %d responses per survey on average, at most %d", file.name, mean, attackPeople, worst)
			if worst > 10 {
				t.Errorf("a survey had %d of %d responses linked, want at most 10 (chance)", worst, attackPeople)
			}
			if mean > 2.5 {
				t.Errorf("the attack linked %.2f responses per survey on average, want about 1.3 (chance)", mean)
			}
		})
	}
	checkNoTimes(t, runs)
}

// checkNoTimes checks that no time in the file tells when an anonymous
// link was opened or answered: every one is the survey's opening time.
func checkNoTimes(t *testing.T, runs attackRuns) {
	t.Helper()
	var exact, keyed, pending int
	err := openFile(t, runs.path).QueryRow(`SELECT
		(SELECT count(*) FROM invitations i JOIN surveys s ON s.id = i.survey_id
			WHERE i.opened_at <> s.opens_at OR i.submitted_at <> s.opens_at) +
		(SELECT count(*) FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE r.submitted_at <> s.opens_at),
		(SELECT count(respondent_key) FROM responses),
		(SELECT count(*) FROM pending_responses)`).Scan(&exact, &keyed, &pending)
	if err != nil {
		t.Fatal(err)
	}
	if exact != 0 || keyed != 0 || pending != 0 {
		t.Errorf("got %d rows with a time other than the opening time, %d respondent keys, %d responses still sealed; want 0, 0, 0", exact, keyed, pending)
	}
}

// TestAnonymousAttackWithoutProtection runs the same attack on a store
// that writes anonymous responses at once, in arrival order and with exact
// times, as tandem did before: it links every response to its author,
// both ways, in the file and in the backup.
func TestAnonymousAttackWithoutProtection(t *testing.T) {
	runs := runAnonymousSurveys(t, 3, store.WithArrivalOrder())
	for _, path := range []string{runs.path, runs.backup} {
		db := openFile(t, path)
		for _, id := range runs.surveys {
			byOrder, byTime := attack(t, db, runs, id)
			if byOrder != attackPeople || byTime != attackPeople {
				t.Errorf("%s, survey %s: the attack linked %d by order and %d by time, want %d and %d",
					filepath.Base(path), id, byOrder, byTime, attackPeople, attackPeople)
			}
		}
	}
}

// TestMigrationUnlinksEarlierResponses: anonymous responses that an
// earlier version stored in arrival order with exact times (the attack
// links all of them) are reordered at random and lose their times when
// the database is opened by this version (the attack then links no more
// than chance).
func TestMigrationUnlinksEarlierResponses(t *testing.T) {
	runs := runAnonymousSurveys(t, 3, store.WithArrivalOrder())
	db := openFile(t, runs.path)
	for _, id := range runs.surveys {
		if byOrder, byTime := attack(t, db, runs, id); byOrder != attackPeople || byTime != attackPeople {
			t.Fatalf("before: the attack linked %d and %d, want %d", byOrder, byTime, attackPeople)
		}
	}
	db.Close()
	// Make the file what an earlier version left: without migration 0006.
	rw, err := sql.Open("duckdb", runs.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec(`DROP TABLE pending_responses; DELETE FROM schema_migrations WHERE version = 6`); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	s := storetest.MustOpenAt(t, runs.path)
	s.Close()
	db = openFile(t, runs.path)
	for _, id := range runs.surveys {
		byOrder, byTime := attack(t, db, runs, id)
		if byOrder > 10 || byTime > 10 {
			t.Errorf("after the migration the attack linked %d by order and %d by time, want about 1 (chance)", byOrder, byTime)
		}
	}
	checkNoTimes(t, runs)
}
