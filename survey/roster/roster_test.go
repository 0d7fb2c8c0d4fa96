package roster

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"tandem/survey"
)

// csvOfSize is a valid import of exactly size bytes: rows padded by a
// column the import ignores, the last one made up to size.
func csvOfSize(size int) ([]byte, int) {
	var b bytes.Buffer
	b.WriteString("name,email,role,notes\n")
	n := 0
	for b.Len() < size-3000 {
		fmt.Fprintf(&b, "P %d,p%d@example.com,peer,%s\n", n, n, strings.Repeat("x", 2200))
		n++
	}
	fmt.Fprintf(&b, "P %d,p%d@example.com,peer,", n, n)
	b.WriteString(strings.Repeat("x", size-b.Len()-1) + "\n")
	return b.Bytes(), n + 1
}

// TestImportFileSize: a file over MaxFileSize is refused as too large
// by either parser, never read in part; a file of exactly MaxFileSize
// is read whole.
func TestImportFileSize(t *testing.T) {
	atLimit, rows := csvOfSize(MaxFileSize)
	over, _ := csvOfSize(MaxFileSize + 1)
	tests := []struct {
		name, file string
		data       []byte
		code       string // "" means read whole
	}{
		{"csv at the limit", "people.csv", atLimit, ""},
		{"csv one byte over", "people.csv", over, survey.ETooLarge},
		{"xlsx one byte over", "people.xlsx", append([]byte("PK\x03\x04"), make([]byte, MaxFileSize-3)...), survey.ETooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := ParseFile(tc.file, bytes.NewReader(tc.data))
			if code := survey.ErrorCode(err); code != tc.code {
				t.Fatalf("got error %v (code %q), want code %q", err, code, tc.code)
			}
			if tc.code == "" && len(got) != rows {
				t.Errorf("got %d rows, want all %d", len(got), rows)
			}
			if tc.code != "" && got != nil {
				t.Errorf("got %d rows with the error, want none", len(got))
			}
		})
	}
}

// TestRowsInFile: a fault names rows of the file, both its own and the row
// its sentence names, where blank lines make them differ from positions.
func TestRowsInFile(t *testing.T) {
	rows, lines, err := ParseCSV(strings.NewReader("name,email,role\nAda,ada@example.com,mentor\n\nBo,ada@example.com,mentee\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = survey.Participants(rows, nil)
	RowsInFile(err, lines)
	var e *survey.Error
	if !errors.As(err, &e) || len(e.Details) != 1 {
		t.Fatalf("got %v, want one fault", err)
	}
	d := e.Details[0]
	if d.Row != 4 || d.Rule != survey.RuleDuplicate || d.Message != "repeats row 2" || d.Text("de", nil) != "wiederholt Zeile 2" {
		t.Errorf("got row %d, %s %q / %q, want row 4 repeating row 2", d.Row, d.Rule, d.Message, d.Text("de", nil))
	}
}
