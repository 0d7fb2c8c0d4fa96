package exports

import (
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The safety of the workbook: user text stays text, and nobody is named.

// cellXML matches a cell of a worksheet part with its attributes and body.
var cellXML = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"([^>]*)>(.*?)</c>`)

// TestReportUserTextIsText checks, in the XML itself, that text beginning
// with =, +, - or @ is a string cell and that no cell anywhere holds a
// formula.
func TestReportUserTextIsText(t *testing.T) {
	l := loadScenario(t)
	b := l.report(t, "de")
	parts := zipParts(t, b)
	f := openBook(t, b)
	shared, err := f.GetRows("Kommentare") // resolved values, to find the cells
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for name, data := range parts {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		if strings.Contains(data, "<f>") || strings.Contains(data, "<f ") {
			t.Errorf("%s holds a formula", name)
		}
		for _, m := range cellXML.FindAllStringSubmatch(data, -1) {
			body := m[3]
			for _, risky := range []string{"=SUMME", "=HYPERLINK", "+49", "@Team", "-- ehrlich", "Zoë 👋"} {
				if !strings.Contains(body, xmlEscape(risky)) {
					continue
				}
				found++
				if !strings.Contains(m[2], `t="inlineStr"`) && !strings.Contains(m[2], `t="s"`) {
					t.Errorf("%s!%s holding %q is of type %q, want inlineStr or s", name, m[1], risky, m[2])
				}
			}
		}
	}
	if found < 6 {
		t.Errorf("found %d of the risky comments in the worksheet XML, want 6 (%d comment rows)", found, len(shared))
	}
	typ, err := f.GetCellType("Kommentare", findCell(t, f, "Kommentare", "=SUMME(A1:A9)"))
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("=SUMME(A1:A9) reads back as cell type %v", typ)
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// findCell returns the reference of the first cell of sheet whose value is
// v.
func findCell(tb testing.TB, f *excelize.File, sheet, v string) string {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range rows {
		for j, c := range r {
			if c == v {
				return cellName(j+1, i+1)
			}
		}
	}
	tb.Fatalf("no cell of %s holds %q", sheet, v)
	return ""
}

// TestReportNamesNoOne unzips the workbook of the scenario and of the demo
// and looks in every part for every participant's name and e-mail address,
// the invitation tokens the test knows, and the respondent keys and
// response ids of the database.
func TestReportNamesNoOne(t *testing.T) {
	for _, c := range []struct {
		name string
		load func(testing.TB) loaded
	}{{"scenario", loadScenario}, {"demo", loadDemo}} {
		t.Run(c.name, func(t *testing.T) {
			l := c.load(t)
			secrets := append(append([]string{}, l.names...), l.tokens...)
			if len(l.tokens) == 0 {
				t.Fatal("no tokens to look for")
			}
			rows, err := l.st.DB().Query(`SELECT id, coalesce(respondent_key, '') FROM responses`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id, key string
				if err := rows.Scan(&id, &key); err != nil {
					t.Fatal(err)
				}
				secrets = append(secrets, id)
				if key != "" {
					secrets = append(secrets, key)
				}
			}
			rows.Close()
			if len(secrets) < 40 {
				t.Fatalf("only %d names, keys and ids to look for", len(secrets))
			}
			for _, lang := range []string{"de", "en"} {
				for name, data := range zipParts(t, l.report(t, lang)) {
					for _, s := range secrets {
						if strings.Contains(data, s) || strings.Contains(data, xmlEscape(s)) {
							t.Errorf("%s (%s) holds %q", name, lang, s)
						}
					}
				}
			}
		})
	}
}

// TestReportAttributesAreText: attribute values as an organiser imported
// them, beginning with = or @, are string cells of the Responses sheet,
// and a comment "=1+1" is a string on the Comments sheet.
func TestReportAttributesAreText(t *testing.T) {
	l := loadHandBuilt(t)
	f := openBook(t, l.report(t, "en"))
	for _, c := range []struct{ sheet, value string }{
		{"Responses", "=HYPERLINK(1)"}, {"Responses", "@Ops"}, {"Responses", "-Nord"}, {"Comments", "=1+1"},
	} {
		ref := findCell(t, f, c.sheet, c.value)
		typ, err := f.GetCellType(c.sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s!%s (%q) is of cell type %v, want a string", c.sheet, ref, c.value, typ)
		}
		if formula, _ := f.GetCellFormula(c.sheet, ref); formula != "" {
			t.Errorf("%s!%s has the formula %q", c.sheet, ref, formula)
		}
	}
}
