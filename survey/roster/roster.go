package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tandem/survey"
)

// MaxFileSize caps an import file: 10 MiB. A larger file is refused
// whole, never read in part.
const MaxFileSize = 10 << 20

// headers maps the column headers an import understands, English and
// German, to participant fields.
var headers = map[string]string{
	"name": "name", "email": "email", "e-mail": "email", "mail": "email", "role": "role", "rolle": "role",
	"department": "department", "abteilung": "department", "generation": "generation",
	"region": "region", "country": "region", "land": "region",
}

// ParseCSV reads participants from CSV with a header row. It accepts comma
// or semicolon separators (as German spreadsheets write them) and a UTF-8
// byte-order mark. It also returns the line in the file of each
// participant, for error messages.
func ParseCSV(r io.Reader) ([]survey.ParticipantInput, []int, error) {
	data, err := readFile(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read csv: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, nil, survey.Invalid("the file is not valid UTF-8 text", survey.Fault("file", survey.RuleEncoding))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, survey.Invalid("the CSV file is malformed", survey.Fault("file", survey.RuleCSV, "detail", pe.Err.Error()).InRow(pe.Line))
			}
			return nil, nil, fmt.Errorf("read csv: %w", err)
		}
		if len(rows) > survey.MaxParticipants+1 {
			return nil, nil, survey.Invalid("the import is too large", survey.Fault("file", survey.RuleImportSize, "max", survey.MaxParticipants))
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return fromTable(rows, lines)
}

// ParseXLSX reads participants from the first sheet of an Excel workbook
// with a header row.
func ParseXLSX(r io.Reader) ([]survey.ParticipantInput, []int, error) {
	data, err := readFile(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read xlsx: %w", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, survey.Invalid("the file is not an Excel workbook (.xlsx)", survey.Fault("file", survey.RuleXLSX))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, survey.Invalid("the workbook has no sheet", survey.Fault("file", survey.RuleNoSheet))
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, survey.Invalid("the first sheet could not be read", survey.Fault("file", survey.RuleSheet, "detail", err.Error()))
	}
	defer it.Close()
	var rows [][]string
	var lines []int
	for it.Next() {
		if len(rows) > survey.MaxParticipants+1 {
			return nil, nil, survey.Invalid("the import is too large", survey.Fault("file", survey.RuleImportSize, "max", survey.MaxParticipants))
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, survey.Invalid("the first sheet could not be read", survey.Fault("file", survey.RuleSheet, "detail", err.Error()))
		}
		rows = append(rows, cols)
		lines = append(lines, len(rows)) // the iterator yields gaps as empty rows
	}
	return fromTable(rows, lines)
}

// readFile reads a whole import file, or refuses it when it is larger than
// MaxFileSize: reading only that much would parse part of the file and
// import its first rows as if they were all.
func readFile(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, survey.Errorf(survey.ETooLarge, "the file is larger than %d MiB", MaxFileSize>>20)
	}
	return data, nil
}

// fromTable maps a header row and data rows to participants, with the
// file row of each (lines[i] is the row in the file of rows[i]). Blank rows
// are skipped.
func fromTable(rows [][]string, lines []int) ([]survey.ParticipantInput, []int, error) {
	if len(rows) == 0 {
		return nil, nil, survey.Invalid("the file is empty", survey.Fault("file", survey.RuleFileEmpty))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		key, ok := headers[strings.ToLower(strings.TrimSpace(h))]
		if ok {
			if _, dup := col[key]; !dup {
				col[key] = i
			}
		}
	}
	var errs survey.Fields
	for _, need := range []string{"name", "email", "role"} {
		if _, ok := col[need]; !ok {
			errs.AddRow(lines[0], need, survey.RuleColumn)
		}
	}
	if err := errs.Err("the header row lacks required columns"); err != nil {
		return nil, nil, err
	}
	cell := func(rec []string, key string) string {
		i, ok := col[key]
		if !ok || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	var out []survey.ParticipantInput
	var at []int
	for i, rec := range rows[1:] {
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		at = append(at, lines[i+1])
		out = append(out, survey.ParticipantInput{Name: cell(rec, "name"), Email: cell(rec, "email"),
			Role: cell(rec, "role"), Department: cell(rec, "department"),
			Generation: cell(rec, "generation"), Region: cell(rec, "region")})
	}
	return out, at, nil
}

// ParseFile reads participants from an uploaded file, CSV or XLSX as its
// name ends, with the row in the file of each.
func ParseFile(name string, r io.Reader) ([]survey.ParticipantInput, []int, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		return ParseXLSX(r)
	case ".csv", ".txt":
		return ParseCSV(r)
	default:
		return nil, nil, survey.Invalid("unsupported file type", survey.Fault("file", survey.RuleChoice, "options", []string{".csv", ".xlsx"}))
	}
}

// RowsInFile renames the rows of err's details from positions among the
// participants (1-based) to rows in the file (the header is row 1), as
// lines (from ParseFile) gives them: the row at fault, and the row a
// detail names as its argument ("repeats row 3").
func RowsInFile(err error, lines []int) {
	var e *survey.Error
	if !errors.As(err, &e) {
		return
	}
	inFile := func(n int) int {
		if n > 0 && n <= len(lines) {
			return lines[n-1]
		}
		return n
	}
	for i, d := range e.Details {
		e.Details[i].Row = inFile(d.Row)
		if n, ok := d.Args["row"].(int); ok {
			e.Details[i] = e.Details[i].With("row", inFile(n))
		}
	}
}
