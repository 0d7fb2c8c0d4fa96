package roster

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"tandem/survey"
)

// checkInputErr fails unless err is nil or a typed error the user can
// act on: a parser must never panic nor fail with an internal error.
func checkInputErr(t *testing.T, err error) {
	t.Helper()
	var e *survey.Error
	if err != nil && (!errors.As(err, &e) || e.Code == survey.EInternal) {
		t.Fatalf("untyped or internal error %T: %v", err, err)
	}
}

// FuzzParseCSV feeds arbitrary files to the CSV import.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("name,email,role\nA,a@example.com,mentor\n"))
	f.Add([]byte("\ufeffName;E-Mail;Rolle;Abteilung\nJürgen;j@example.com;Mentee;IT\n\n;;;\n"))
	f.Add([]byte("name,email,role\n\"A\nB\",x@example.com,peer\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, lines, err := ParseCSV(bytes.NewReader(data))
		checkInputErr(t, err)
		if err == nil && len(rows) != len(lines) {
			t.Fatalf("got %d rows and %d line numbers", len(rows), len(lines))
		}
		if err == nil {
			_, err = survey.Participants(rows, nil)
			checkInputErr(t, err)
		}
	})
}

// FuzzParseXLSX feeds arbitrary files, and workbooks with arbitrary cells,
// to the XLSX import.
func FuzzParseXLSX(f *testing.F) {
	f.Add([]byte("PK\x03\x04garbage"), "name", "email", "role", "Zoë", "z@example.com", "mentor")
	f.Add([]byte{}, "Name", "E-Mail", "Rolle", "=1+1", "a@example.com", "boss")
	f.Fuzz(func(t *testing.T, raw []byte, h1, h2, h3, c1, c2, c3 string) {
		_, _, err := ParseXLSX(bytes.NewReader(raw))
		checkInputErr(t, err)
		x := excelize.NewFile()
		defer x.Close()
		x.SetSheetRow("Sheet1", "A1", &[]any{h1, h2, h3})
		x.SetSheetRow("Sheet1", "A3", &[]any{c1, c2, c3})
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			return
		}
		rows, lines, err := ParseXLSX(&buf)
		checkInputErr(t, err)
		if err == nil && len(rows) != len(lines) {
			t.Fatalf("got %d rows and %d line numbers", len(rows), len(lines))
		}
		for _, l := range lines {
			if l != 3 {
				t.Fatalf("got row %d, want 3 (row 2 is blank)", l)
			}
		}
	})
}
