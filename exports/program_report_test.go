package exports

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// The program workbook is checked on the program of three rounds the
// analytics reference is computed for (../analytics/testdata/program.json):
// excelize reads back the figures the program summary gives, and openpyxl
// checks them against the figures numpy and scipy give for the same file
// (../analytics/testdata/program_reference.json).

// programNow is after the last round of program.json closed.
var programNow = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

const programDir = "../analytics/testdata"

type programFile struct {
	Name      string      `json:"name"`
	Language  string      `json:"language"`
	Threshold int         `json:"threshold"`
	Mode      survey.Mode `json:"mode"`
	Rounds    []struct {
		Name     string `json:"name"`
		StartsOn string `json:"starts_on"`
		EndsOn   string `json:"ends_on"`
		People   []struct {
			survey.ParticipantInput
			Answers map[survey.Phase]url.Values `json:"answers"`
		} `json:"people"`
		Tandems [][]int `json:"tandems"`
	} `json:"rounds"`
}

// loadProgram puts program.json into a fresh store through the store's
// own methods and returns a reader of it and the program's id.
func loadProgram(tb testing.TB) (*analytics.Reader, string) {
	tb.Helper()
	ctx := context.Background()
	var pf programFile
	b, err := os.ReadFile(filepath.Join(programDir, "program.json"))
	if err == nil {
		err = json.Unmarshal(b, &pf)
	}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(err)
	st, cat := mustStore(tb), mustCatalog(tb)
	prog, err := st.CreateProgram(ctx, survey.Program{Name: pf.Name, Language: pf.Language, Threshold: pf.Threshold, Mode: pf.Mode})
	must(err)
	for _, rd := range pf.Rounds {
		co, err := st.CreateCohort(ctx, prog.ID, survey.Cohort{Name: rd.Name, StartsOn: rd.StartsOn, EndsOn: rd.EndsOn})
		must(err)
		in := make([]survey.ParticipantInput, len(rd.People))
		for i, p := range rd.People {
			in[i] = p.ParticipantInput
		}
		ids, err := st.AddParticipants(ctx, co.ID, in)
		must(err)
		for _, tm := range rd.Tandems {
			var members []string
			for _, i := range tm {
				members = append(members, ids[i])
			}
			_, err := st.CreateTandem(ctx, co.ID, members)
			must(err)
		}
		opens, err := time.Parse(time.DateOnly, rd.StartsOn)
		must(err)
		for _, phase := range []survey.Phase{survey.PhaseKickoff, survey.PhaseFinal} {
			opens = opens.Add(time.Minute)
			sv, err := st.CreateSurvey(ctx, co.ID, survey.Survey{Phase: phase, OpensAt: opens, ClosesAt: opens.Add(48 * time.Hour)})
			must(err)
			invs, err := st.InviteAt(ctx, sv.ID, opens)
			must(err)
			token := map[string]string{}
			for _, inv := range invs {
				token[inv.ParticipantID] = inv.Token
			}
			for i, p := range rd.People {
				values, ok := p.Answers[phase]
				if !ok {
					continue
				}
				f, err := st.FormByToken(ctx, token[ids[i]])
				must(err)
				as, err := survey.DecodeForm(cat.Phase(phase), survey.Role(p.Role), values)
				must(err)
				must(st.SubmitAt(ctx, f, "de", as, opens.Add(time.Minute)))
			}
			_, err = st.CloseSurvey(ctx, sv.ID)
			must(err)
		}
	}
	return &analytics.Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return programNow }}, prog.ID
}

func programReport(tb testing.TB, r *analytics.Reader, id, lang string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteProgramReport(context.Background(), &buf, r, id, lang, programNow); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestProgramReport reads the program workbook back with excelize: every
// round has its row with the figures of the program summary, withheld
// figures are empty with the reason beside them, the charts are there,
// and the dimensions, learning and reach sheets follow the summary.
func TestProgramReport(t *testing.T) {
	r, id := loadProgram(t)
	sum, err := r.ProgramSummary(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	b := programReport(t, r, id, "de")
	f := openBook(t, b)
	want := []string{"Runden", "Dimensionen je Runde", "Lernen je Runde", "Reichweite", "Methode"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	near := func(where, got string, want float64) {
		t.Helper()
		g, err := strconv.ParseFloat(got, 64)
		if err != nil || math.Abs(g-want) > 1e-9 {
			t.Errorf("%s = %q, want %v", where, got, want)
		}
	}
	for i, rd := range sum.Rounds {
		row := roundsHeader + 1 + i
		at := func(col int) string { return cellValue(t, f, "Runden", cellName(col, row), true) }
		if got := at(1); got != rd.Name {
			t.Errorf("row %d names %q, want %q", row, got, rd.Name)
		}
		sat := rd.Satisfaction
		switch {
		case sat != nil && sat.ItemFigures != nil:
			near(rd.Name+" satisfaction", at(7), *sat.Mean)
			near(rd.Name+" n", at(10), float64(sat.N))
			near(rd.Name+" CI low", at(8), sat.CI95[0])
		default:
			if at(7) != "" || at(16) == "" {
				t.Errorf("%s: satisfaction withheld, but the cell says %q and the note %q", rd.Name, at(7), at(16))
			}
		}
		if n := rd.NPS; n != nil && n.NPSResult != nil {
			near(rd.Name+" NPS", at(11), *n.Score)
		}
		if ch := rd.Change; ch != nil && ch.Satisfaction.RoundContrastFigures != nil {
			near(rd.Name+" change", at(13), *ch.Satisfaction.Difference)
		}
	}
	if len(sum.Rounds) != 3 {
		t.Fatalf("%d rounds, want the 3 of program.json", len(sum.Rounds))
	}
	if got := cellValue(t, f, "Runden", cellName(1, roundsHeader+4), true); got != "" {
		t.Errorf("a fourth round row %q", got)
	}
	parts := zipParts(t, b)
	charts := 0
	for name := range parts {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			charts++
		}
	}
	if charts != 3 { // satisfaction and NPS per round, dimensions per round
		t.Errorf("%d charts, want 3", charts)
	}
	// Each dimension's mean per round sits in the round's column.
	rows, err := f.GetRows("Dimensionen je Runde", excelizeRaw)
	if err != nil {
		t.Fatal(err)
	}
	for i, rd := range sum.Rounds {
		for _, d := range rd.Dimensions {
			row := findRow(rows, survey.DimensionLabel("de", d.Key))
			if row == nil {
				t.Errorf("no row for dimension %s", d.Key)
				continue
			}
			got := row[1+2*i]
			if d.DimensionFigures == nil {
				if got != "unterdrückt" {
					t.Errorf("%s %s withheld, cell says %q", rd.Name, d.Key, got)
				}
				continue
			}
			near(rd.Name+" "+d.Key, got, *d.Mean)
		}
	}
	reach, err := f.GetRows("Reichweite", excelizeRaw)
	if err != nil {
		t.Fatal(err)
	}
	tandems := findRow(reach, "Tandems")
	if tandems == nil {
		t.Fatal("no tandem count on the reach sheet")
	}
	for i, rd := range sum.Rounds {
		if got := tandems[1+i]; got != strconv.Itoa(rd.Reach.Tandems) {
			t.Errorf("%s: %s tandems, want %d", rd.Name, got, rd.Reach.Tandems)
		}
	}
	var buf bytes.Buffer
	if err := WriteProgramReport(context.Background(), &buf, r, "nope", "", programNow); survey.ErrorCode(err) != survey.ENotFound || buf.Len() > 0 {
		t.Errorf("unknown program: %v with %d bytes written", err, buf.Len())
	}
	if err := WriteProgramReport(context.Background(), &buf, r, id, "fr", programNow); survey.ErrorCode(err) != survey.EInvalid || buf.Len() > 0 {
		t.Errorf("unknown language: %v with %d bytes written", err, buf.Len())
	}
}

// findRow is the first row whose first cell is label.
func findRow(rows [][]string, label string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			return append(r, make([]string, 32)...)
		}
	}
	return nil
}

// TestOpenpyxlReadsProgramReport has openpyxl check the program workbook
// in both languages against the scipy reference of program.json.
func TestOpenpyxlReadsProgramReport(t *testing.T) {
	const python = "/usr/bin/python3"
	needTool(t, exec.Command(python, "-c", "import openpyxl").Run() == nil, python+" with openpyxl", "python3-openpyxl")
	r, id := loadProgram(t)
	for _, lang := range []string{"de", "en"} {
		path := saveBook(t, programReport(t, r, id, lang), "program-"+lang+".xlsx")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		out, err := exec.CommandContext(ctx, python, filepath.Join("testdata", "check_program.py"), path,
			filepath.Join(programDir, "program_reference.json"), lang).CombinedOutput()
		cancel()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Errorf("openpyxl (%s): %v\n%s", lang, err, out)
		}
	}
}

// excelizeRaw reads cells as stored, not as formatted.
var excelizeRaw = excelize.Options{RawCellValue: true}
