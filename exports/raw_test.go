package exports

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tandem/analytics"
	"tandem/survey"
)

// loadHandBuilt makes a final survey of 12 mentors through the store with
// known answers: person i recommends with i (the twelfth skips it), is
// satisfied with 3 + i%3, and carries attribute values an organiser might
// import, beginning with =, @ and -. The program publishes by role,
// department and region and releases rows.
func loadHandBuilt(tb testing.TB) loaded {
	tb.Helper()
	ctx := context.Background()
	l := loaded{st: mustStore(tb), cat: mustCatalog(tb)}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	p, err := l.st.CreateProgram(ctx, survey.Program{Name: "Hand", Language: "en", Threshold: 5, Mode: survey.ModeConfidential,
		Breakdowns: []string{"role", "department", "region"}, RawRows: true})
	must(err)
	c, err := l.st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Round 1", StartsOn: "2026-01-01", EndsOn: "2026-06-30"})
	must(err)
	l.cohortID = c.ID
	var in []survey.ParticipantInput
	for i := range 12 {
		dept := "=HYPERLINK(1)"
		if i%2 == 1 {
			dept = "@Ops"
		}
		in = append(in, survey.ParticipantInput{Name: fmt.Sprintf("Person %02d", i), Email: fmt.Sprintf("p%02d@example.com", i),
			Role: "mentor", Department: dept, Generation: "Gen Z", Region: "-Nord"})
		l.names = append(l.names, in[i].Name, in[i].Email)
	}
	ids, err := l.st.AddParticipants(ctx, c.ID, in)
	must(err)
	opens := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	sv, err := l.st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: opens, ClosesAt: opens.Add(14 * 24 * time.Hour)})
	must(err)
	invs, err := l.st.InviteAt(ctx, sv.ID, opens)
	must(err)
	token := map[string]string{}
	for _, inv := range invs {
		token[inv.ParticipantID] = inv.Token
	}
	for i, id := range ids {
		v := url.Values{"overall_satisfaction": {strconv.Itoa(3 + i%3)}, "continue": {"yes"},
			"top_benefits": {"new_areas", "perspective_change"}, "went_well": {"=1+1"}}
		if i < 11 {
			v.Set("recommend", strconv.Itoa(i))
		}
		f, err := l.st.FormByToken(ctx, token[id])
		must(err)
		as, err := survey.DecodeForm(l.cat.Phase(survey.PhaseFinal), survey.RoleMentor, v)
		must(err)
		must(l.st.SubmitAt(ctx, f, "en", as, opens.Add(time.Duration(i+1)*time.Minute)))
	}
	return l
}

func readCSV(tb testing.TB, l loaded) [][]string {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteResponsesCSV(context.Background(), &buf, l.reader(), l.cohortID); err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

func TestResponsesCSV(t *testing.T) {
	l := loadHandBuilt(t)
	recs := readCSV(t, l)
	header, rows := recs[0], recs[1:]
	if !slices.Equal(header[:6], []string{"no", "survey_id", "phase", "role", "department", "region"}) {
		t.Errorf("header starts %q, want the role and the program's breakdowns", header[:6])
	}
	if slices.Contains(header, "generation") || slices.Contains(header, "language") {
		t.Errorf("header %q holds attributes the program does not publish", header)
	}
	if slices.Contains(header, "went_well") || slices.Contains(header, "improve") {
		t.Error("free text is a column")
	}
	if len(rows) != 12 {
		t.Fatalf("%d rows, want 12", len(rows))
	}
	col := func(name string) int { return slices.Index(header, name) }
	var recommend []int
	sat := 0
	for i, r := range rows {
		if r[0] != strconv.Itoa(i+1) {
			t.Errorf("row %d numbered %q", i+1, r[0])
		}
		if d := r[col("department")]; d != "'=HYPERLINK(1)" && d != "'@Ops" {
			t.Errorf("department %q: want the value with a leading apostrophe", d)
		}
		if g := r[col("region")]; g != "'-Nord" {
			t.Errorf("region %q, want '-Nord", g)
		}
		if b := r[col("top_benefits")]; b != "perspective_change;new_areas" {
			t.Errorf("top_benefits %q, want the codes in questionnaire order", b)
		}
		s, _ := strconv.Atoi(r[col("overall_satisfaction")])
		sat += s
		if v := r[col("recommend")]; v != "" {
			n, _ := strconv.Atoi(v)
			recommend = append(recommend, n)
		}
	}
	slices.Sort(recommend)
	if !slices.Equal(recommend, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) || sat != 4*(3+4+5) {
		t.Errorf("recommend %v, satisfaction sum %d; want 0..10 and 48", recommend, sat)
	}
	for _, name := range l.names {
		for _, r := range recs {
			if slices.Contains(r, name) {
				t.Errorf("the CSV holds %q", name)
			}
		}
	}
}

// TestResponsesOrder: the rows' order is drawn afresh for each download,
// so it cannot follow the order of submission.
func TestResponsesOrder(t *testing.T) {
	l := loadHandBuilt(t)
	key := func(recs [][]string) string {
		var b strings.Builder
		for _, r := range recs[1:] {
			b.WriteString(strings.Join(r[1:], ",") + "\n")
		}
		return b.String()
	}
	a, b := key(readCSV(t, l)), key(readCSV(t, l))
	if a == b {
		t.Error("two downloads list the 12 rows in the same order")
	}
	lines := func(s string) []string { x := strings.Split(s, "\n"); slices.Sort(x); return x }
	if !slices.Equal(lines(a), lines(b)) {
		t.Error("two downloads hold different rows")
	}
}

func TestResponsesParquet(t *testing.T) {
	l := loadHandBuilt(t)
	var buf bytes.Buffer
	if err := WriteResponsesParquet(context.Background(), &buf, l.reader(), l.cohortID, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("PAR1")) {
		t.Fatalf("not a Parquet file: % x", buf.Bytes()[:min(8, buf.Len())])
	}
	path := filepath.Join(t.TempDir(), "rows.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	// Read it back with DuckDB's own reader.
	var n, sat, recs int
	var depts, maxNo string
	err := l.st.DB().QueryRow(`SELECT count(*), sum(overall_satisfaction), count(recommend),
		string_agg(DISTINCT department, '|' ORDER BY department), max(no)::VARCHAR FROM read_parquet(?)`, path).
		Scan(&n, &sat, &recs, &depts, &maxNo)
	if err != nil {
		t.Fatal(err)
	}
	if n != 12 || sat != 48 || recs != 11 || depts != "=HYPERLINK(1)|@Ops" || maxNo != "12" {
		t.Errorf("rows %d, satisfaction %d, recommendations %d, departments %q, last no %s", n, sat, recs, depts, maxNo)
	}
	var typ string
	if err := l.st.DB().QueryRow(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(?)) WHERE column_name = 'overall_satisfaction'`, path).
		Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "SMALLINT" {
		t.Errorf("overall_satisfaction is %s, want SMALLINT", typ)
	}
}

// TestResponsesNotReleased: a program that does not release rows gives
// no raw data at all, and says why.
func TestResponsesNotReleased(t *testing.T) {
	l := loadHandBuilt(t)
	p, err := l.st.Programs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.st.DB().Exec(`UPDATE programs SET raw_rows = false WHERE id = ?`, p[0].ID); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = WriteResponsesCSV(context.Background(), &buf, l.reader(), l.cohortID)
	if survey.ErrorCode(err) != survey.EConflict || buf.Len() != 0 {
		t.Errorf("got %v and %d bytes, want a conflict and nothing written", err, buf.Len())
	}
	if err := WriteResponsesParquet(context.Background(), &buf, l.reader(), l.cohortID, t.TempDir()); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("parquet: got %v, want a conflict", err)
	}
}

// TestResponsesSmallRole: where a role has fewer respondents than the
// threshold, its rows would show who they are (the questions a row answers
// tell its role), so the survey's rows are left out; rows of an open
// survey are left out too.
func TestResponsesSmallRole(t *testing.T) {
	l := loadHandBuilt(t)
	src, err := openSource(context.Background(), l.reader(), l.cohortID)
	if err != nil {
		t.Fatal(err)
	}
	if w := src.surveys[0].Rows; w.Suppressed {
		t.Fatalf("12 mentors: rows withheld (%s)", w.Reason)
	}
	open := &analytics.Reader{DB: l.st.DB(), Catalog: l.cat, Now: func() time.Time { return time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC) }}
	if src, err = openSource(context.Background(), open, l.cohortID); err != nil {
		t.Fatal(err)
	}
	if w := src.surveys[0].Rows; w.Code != analytics.CodeSurveyOpen {
		t.Errorf("open survey: rows %+v, want withheld until it closes", w)
	}
	ctx := context.Background()
	c, err := l.st.Cohorts(ctx, mustProgramID(t, l))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := l.st.AddParticipants(ctx, c[0].ID, []survey.ParticipantInput{
		{Name: "Peer A", Email: "pa@example.com", Role: "peer", Department: "@Ops", Region: "-Nord"},
		{Name: "Peer B", Email: "pb@example.com", Role: "peer", Department: "@Ops", Region: "-Nord"}})
	if err != nil {
		t.Fatal(err)
	}
	opens := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	sv, err := l.st.CreateSurvey(ctx, c[0].ID, survey.Survey{Phase: survey.PhaseMidpoint, OpensAt: opens, ClosesAt: opens.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := l.st.InviteAt(ctx, sv.ID, opens)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		f, err := l.st.FormByToken(ctx, inv.Token)
		if err != nil {
			t.Fatal(err)
		}
		role := survey.RoleMentor
		if slices.Contains(ids, inv.ParticipantID) {
			role = survey.RolePeer
		}
		as, err := survey.DecodeForm(l.cat.Phase(survey.PhaseMidpoint), role, url.Values{"perspective_1": {"4"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := l.st.SubmitAt(ctx, f, "en", as, opens.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if src, err = openSource(ctx, l.reader(), l.cohortID); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.writeCSV(ctx, &buf, Neutralise); err != nil {
		t.Fatal(err)
	}
	if w := src.surveys[1].Rows; w.Code != analytics.CodeRowsSmallRole {
		t.Errorf("midpoint with 2 peers: rows %+v, want withheld for the small role", w)
	}
	if strings.Contains(buf.String(), ","+string(survey.PhaseMidpoint)+",") {
		t.Error("rows of a withheld survey were written")
	}
}

func mustProgramID(t *testing.T, l loaded) string {
	t.Helper()
	ps, err := l.st.Programs(context.Background())
	if err != nil || len(ps) != 1 {
		t.Fatalf("programs: %v %v", ps, err)
	}
	return ps[0].ID
}

// formula reports whether a spreadsheet opening a CSV runs the field as
// a formula (or as DDE): when it begins with =, +, -, @, a tab or a
// carriage return.
func formula(field string) bool {
	return field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0]))
}

// TestNeutralise attacks the CSV formula guard, the one rule every CSV of
// the service writes its fields through (the raw answers, the HR pages'
// link lists): each attack runs as a formula when written as it is, and
// none does through the guard; other fields are left as they are.
func TestNeutralise(t *testing.T) {
	attacks := map[string]string{
		"=1+1": "'=1+1", `=HYPERLINK("http://evil.example","klick")`: `'=HYPERLINK("http://evil.example","klick")`,
		"+49": "'+49", "-Nord": "'-Nord", "@Ops": "'@Ops", "\tx": "'\tx", "\rx": "'\rx",
		"=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
	}
	for in, want := range attacks {
		t.Run(in, func(t *testing.T) {
			if !formula(in) {
				t.Fatalf("%q written as it is would not run: not an attack", in)
			}
			got := Neutralise(in)
			if got != want || formula(got) {
				t.Errorf("Neutralise(%q) = %q (runs: %v), want %q", in, got, formula(got), want)
			}
		})
	}
	for _, in := range []string{"IT", "", "Köln =", "'quoted", "5"} {
		if got := Neutralise(in); got != in {
			t.Errorf("Neutralise(%q) = %q, want it unchanged", in, got)
		}
	}
}
