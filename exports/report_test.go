package exports

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/texttest"
)

var sheetsDE = []string{"Übersicht", "Dimensionen", "Fragen", "Veränderung", "Themen", "Reichweite", "Kommentare", "Antworten", "Methode"}
var sheetsEN = []string{"Summary", "Dimensions", "Items", "Change", "Topics", "Reach", "Comments", "Responses", "Method"}

// zipParts reads every part of a workbook.
func zipParts(tb testing.TB, b []byte) map[string]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

func cellValue(tb testing.TB, f *excelize.File, sheet, ref string, raw bool) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: raw})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func numFmt(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		tb.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return strconv.Itoa(st.NumFmt)
}

// TestReportScenario reads back the workbook of the scenario whose overall
// satisfaction is 4.7: the first sheet shows 4.7, figures carry their
// formats, and the presentation is set up.
func TestReportScenario(t *testing.T) {
	l := loadScenario(t)
	b := l.report(t, "")
	f := openBook(t, b)

	if got := f.GetSheetList(); !slices.Equal(got, sheetsDE) {
		t.Fatalf("sheets %q, want %q (the program's language is de)", got, sheetsDE)
	}
	if got := f.GetSheetName(f.GetActiveSheetIndex()); got != sheetsDE[0] {
		t.Errorf("active sheet %q, want %q", got, sheetsDE[0])
	}
	sum := sheetsDE[0]
	head := "B" + strconv.Itoa(summarySatisfaction)
	if got := cellValue(t, f, sum, head, true); got != "4.7" {
		t.Errorf("%s!%s raw = %q, want 4.7", sum, head, got)
	}
	if got := cellValue(t, f, sum, head, false); got != "4.7 von 5" {
		t.Errorf("%s!%s shown = %q, want \"4.7 von 5\" (a German Excel shows 4,7 von 5)", sum, head, got)
	}
	if got := numFmt(t, f, sum, head); got != `0.0" von 5"` {
		t.Errorf("headline number format %q", got)
	}
	checks := []struct{ ref, want string }{
		{"A" + strconv.Itoa(summarySatisfaction), "Gesamtzufriedenheit (1–5)"},
		{"B3", "Reverse Mentoring 2026"},
		{"B4", "Erste Runde"},
		{"B7", "01.07.2026 09:30"},
		{"E" + strconv.Itoa(summarySatisfaction), "20"},
	}
	for _, c := range checks {
		if got := cellValue(t, f, sum, c.ref, false); got != c.want {
			t.Errorf("%s!%s = %q, want %q", sum, c.ref, got, c.want)
		}
	}
	lo, _ := strconv.ParseFloat(cellValue(t, f, sum, "C"+strconv.Itoa(summarySatisfaction), true), 64)
	hi, _ := strconv.ParseFloat(cellValue(t, f, sum, "D"+strconv.Itoa(summarySatisfaction), true), 64)
	if !(lo < 4.7 && 4.7 < hi && hi-lo < 1) {
		t.Errorf("95%% CI [%v, %v] does not hold 4.7 closely", lo, hi)
	}
	if got := numFmt(t, f, sum, "F"+strconv.Itoa(summaryParticipation+1)); got != "0%" {
		t.Errorf("response rate format %q, want 0%%", got)
	}
	if got := numFmt(t, f, sheetsDE[1], "C5"); got != "0.0" {
		t.Errorf("dimension mean format %q, want 0.0", got)
	}

	parts := zipParts(t, b)
	var charts []string
	for name := range parts {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			charts = append(charts, name)
		}
	}
	if len(charts) < 6 { // summary, dimensions, change ×2, topics ×2
		t.Errorf("%d chart parts %v, want at least 6", len(charts), charts)
	}
	for i, name := range sheetsDE {
		p, err := f.GetPanes(name)
		if err != nil {
			t.Fatal(err)
		}
		wantFrozen := name != "Veränderung" && name != "Themen"
		if p.Freeze != wantFrozen {
			t.Errorf("sheet %s: frozen panes %v, want %v", name, p.Freeze, wantFrozen)
		}
		if !strings.Contains(parts["xl/worksheets/sheet"+strconv.Itoa(i+2)+".xml"], "<autoFilter ref=") {
			t.Errorf("sheet %s has no autofilter", name)
		}
		lay, err := f.GetPageLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		if *lay.Orientation != "landscape" || *lay.FitToWidth != 1 {
			t.Errorf("sheet %s prints %s, %d page(s) wide; want landscape, 1", name, *lay.Orientation, *lay.FitToWidth)
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(props.Title, "Erste Runde") || props.Created != "2026-07-01T09:30:00Z" {
		t.Errorf("document properties: title %q, created %q", props.Title, props.Created)
	}
	if !strings.Contains(parts["xl/worksheets/sheet4.xml"], "conditionalFormatting") {
		t.Error("the Items sheet has no conditional formatting (heat map)")
	}
}

// TestReportEnglish writes the same workbook in English.
func TestReportEnglish(t *testing.T) {
	l := loadScenario(t)
	f := openBook(t, l.report(t, "en"))
	if got := f.GetSheetList(); !slices.Equal(got, sheetsEN) {
		t.Fatalf("sheets %q, want %q", got, sheetsEN)
	}
	if got := cellValue(t, f, "Summary", "B"+strconv.Itoa(summarySatisfaction), false); got != "4.7 of 5" {
		t.Errorf("headline %q, want \"4.7 of 5\"", got)
	}
	if got := cellValue(t, f, "Summary", "B7", false); got != "2026-07-01 09:30" {
		t.Errorf("data as of %q", got)
	}
}

// TestReportComments checks that comments of suppressed groups are left
// out and said in words, and that user text is kept verbatim as text.
func TestReportComments(t *testing.T) {
	l := loadScenario(t)
	b := l.report(t, "de")
	f := openBook(t, b)
	rows, err := f.GetRows("Kommentare")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range rows[streamHeader:] {
		if len(r) < 4 {
			t.Fatalf("comment row %q has fewer than 4 cells", r)
		}
		texts = append(texts, r[3])
		// The 3 peers are below the threshold: their role is shown as
		// other, together with the next smallest role, never on its own.
		if r[2] == "Peer" {
			t.Errorf("a comment row names the peers: %q", r)
		}
		if strings.HasPrefix(r[3], "Peer-Geheimnis") && r[2] != "andere" {
			t.Errorf("a peer's comment is shown under %q, want it among others (andere)", r[2])
		}
	}
	for _, want := range []string{"=SUMME(A1:A9)", "+49 hat angerufen, alles gut", "-- ehrlich gesagt: alles prima --",
		"@Team: danke für die Geduld!", "Grüße aus Köln – Zoë 👋", `=HYPERLINK("http://evil.example","klick")`,
		"-1 Termin pro Monat wäre besser", "@HR: früher starten", "+ mehr Struktur"} {
		if !slices.Contains(texts, want) {
			t.Errorf("comment %q is missing or changed", want)
		}
	}
}

// TestReportResponses checks the streamed sheet: one row per response of
// the surveys shown, numbered, with no free text and coarsened attributes.
func TestReportResponses(t *testing.T) {
	l := loadDemo(t)
	f := openBook(t, l.report(t, "en"))
	rows, err := f.GetRows("Responses")
	if err != nil {
		t.Fatal(err)
	}
	// Rows come from the surveys whose every role answered at least 5
	// times (the demo's threshold).
	var want int
	err = l.st.DB().QueryRow(`WITH roles AS (SELECT survey_id, role, count(*) AS n FROM responses WHERE cohort_id = ? GROUP BY ALL)
		SELECT coalesce(sum(n), 0) FROM roles WHERE survey_id NOT IN (SELECT survey_id FROM roles WHERE n < 5)`, l.cohortID).Scan(&want)
	if err != nil {
		t.Fatal(err)
	}
	data := rows[streamHeader:]
	if len(data) != want || want == 0 {
		t.Fatalf("%d rows, want %d", len(data), want)
	}
	header := rows[streamHeader-1]
	for _, k := range []string{"went_well", "improve", "expectations", "goals"} {
		if slices.Contains(header, k) {
			t.Errorf("free-text item %s is a column", k)
		}
	}
	if !slices.Contains(header, "overall_satisfaction") || !slices.Contains(header, "top_benefits") {
		t.Errorf("header %q lacks answer columns", header)
	}
	for i, r := range data {
		if r[0] != strconv.Itoa(i+1) {
			t.Fatalf("row %d is numbered %q", i+1, r[0])
		}
	}
	p, err := f.GetPanes("Responses")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != streamHeader || p.XSplit != 1 {
		t.Errorf("panes %+v, want the header rows and column A frozen", p)
	}
}

// TestReportErrors: an unknown cohort and an unknown language are typed
// errors, and nothing is written.
func TestReportErrors(t *testing.T) {
	l := loadScenario(t)
	for _, c := range []struct {
		cohort, lang, code string
	}{{"nope", "", survey.ENotFound}, {l.cohortID, "fr", survey.EInvalid}, {"nope", "xx", survey.EInvalid}} {
		var buf bytes.Buffer
		err := WriteReport(context.Background(), &buf, l.reader(), c.cohort, c.lang, reportNow)
		if got := survey.ErrorCode(err); got != c.code {
			t.Errorf("cohort %q, lang %q: error %v (%s), want %s", c.cohort, c.lang, err, got, c.code)
		}
		if buf.Len() > 0 {
			t.Errorf("cohort %q, lang %q: %d bytes written", c.cohort, c.lang, buf.Len())
		}
	}
}

// TestReportBareCohorts: a cohort without surveys, and an anonymous one
// whose final survey nobody answered, still give a whole workbook that says
// what is missing.
func TestReportBareCohorts(t *testing.T) {
	ctx := context.Background()
	st, cat := mustStore(t), mustCatalog(t)
	p, err := st.CreateProgram(ctx, survey.Program{Name: "Bare", Language: "en", Threshold: 5, Mode: survey.ModeAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Empty", StartsOn: "2026-01-01", EndsOn: "2026-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	quiet, err := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Quiet", StartsOn: "2026-01-01", EndsOn: "2026-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddParticipants(ctx, quiet.ID, []survey.ParticipantInput{{Name: "A B", Email: "a@example.com", Role: "mentor"}}); err != nil {
		t.Fatal(err)
	}
	sv, err := st.CreateSurvey(ctx, quiet.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: reportNow.Add(-time.Hour), ClosesAt: reportNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.InviteAt(ctx, sv.ID, reportNow); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ id, headline string }{{empty.ID, "no final survey"}, {quiet.ID, "suppressed"}} {
		var buf bytes.Buffer
		if err := WriteReport(ctx, &buf, &analytics.Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return reportNow }}, c.id, "", reportNow); err != nil {
			t.Fatal(err)
		}
		f := openBook(t, buf.Bytes())
		if got := f.GetSheetList(); !slices.Equal(got, sheetsEN) {
			t.Errorf("sheets %q", got)
		}
		if got := cellValue(t, f, "Summary", "B"+strconv.Itoa(summarySatisfaction), false); got != c.headline {
			t.Errorf("cohort %s: headline %q, want %q", c.id, got, c.headline)
		}
	}
}

// TestTextsComplete: every text of the workbook is there in every
// language, every key the code asks for exists, and every term of the
// Method sheet has its definition.
func TestTextsComplete(t *testing.T) {
	if err := messages.Check(); err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, m := range []survey.Mode{survey.ModeConfidential, survey.ModeAnonymous} {
		extra = append(extra, "mode."+string(m)+".note")
	}
	defs := definitions()
	if len(defs) < 10 {
		t.Fatalf("got %d definitions on the Method sheet, want the methods explained", len(defs))
	}
	for _, d := range defs {
		extra = append(extra, d+".text")
	}
	texttest.CheckUsed(t, messages, ".", []string{"t", "headers"}, extra...)
}

func TestWrapLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"two words", 5, 2},
		{"a\nb", 40, 2},
		{strings.Repeat("x", 25), 10, 3},
	} {
		if got := wrapLines(c.text, c.width); got != c.want {
			t.Errorf("wrapLines(%q, %v) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}
