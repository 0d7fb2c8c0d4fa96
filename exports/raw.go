package exports

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

// The raw data: the rows of the Responses sheet for data teams, with codes
// instead of labels. Columns: no, survey_id, phase, then the attributes the
// publication lets rows carry (the role and the program's breakdowns; a
// value held by too few respondents is analytics.Other), then one column
// per scale or choice item (its key): a scale answer as a whole number, a
// choice as its option code, several ticked options joined by ";" in
// questionnaire order, an unanswered item empty (CSV) or null (Parquet).
// Rows exist only where the program releases them and the publication of
// the survey allows it.

// rawFixed are the columns before the attributes.
var rawFixed = []string{"no", "survey_id", "phase"}

// WriteResponsesCSV writes the cohort's per-response rows to w as CSV
// (UTF-8, comma, header line). A field beginning with =, +, -, @, tab or
// carriage return is prefixed with an apostrophe so that a spreadsheet
// opening the file shows it as text instead of running it as a formula.
// An unknown cohort is an ENotFound error, returned before anything is
// written.
func WriteResponsesCSV(ctx context.Context, w io.Writer, r *analytics.Reader, cohortID string) error {
	src, err := openSource(ctx, r, cohortID)
	if err != nil {
		return err
	}
	return src.writeCSV(ctx, w, Neutralise)
}

// WriteResponsesParquet writes the same rows as WriteResponsesCSV to w as
// Parquet, made by DuckDB's COPY. tmpDir ("" for the system's) holds the
// intermediate files, removed before it returns.
func WriteResponsesParquet(ctx context.Context, w io.Writer, r *analytics.Reader, cohortID, tmpDir string) error {
	src, err := openSource(ctx, r, cohortID)
	if err != nil {
		return err
	}
	db := r.DB
	dir, err := os.MkdirTemp(tmpDir, "tandem-parquet-")
	if err != nil {
		return fmt.Errorf("exports: parquet: %w", err)
	}
	defer os.RemoveAll(dir)
	rows, out := filepath.Join(dir, "rows.ndjson"), filepath.Join(dir, "rows.parquet")
	if err := src.writeFile(ctx, rows); err != nil {
		return err
	}
	// The rows go through a file that DuckDB reads in order, so that COPY
	// never needs them all in memory; paths are ours, not input.
	q := fmt.Sprintf(`COPY (SELECT * FROM read_json(%s, format = 'newline_delimited', columns = %s))
TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000)`, sqlString(rows), src.parquetColumns(), sqlString(out))
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("exports: parquet: %w", err)
	}
	f, err := os.Open(out)
	if err != nil {
		return fmt.Errorf("exports: parquet: %w", err)
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// openSource opens the rows of cohortID for the raw data. It refuses with
// EConflict where the program releases no rows, so that nothing is
// written.
func openSource(ctx context.Context, r *analytics.Reader, cohortID string) (*responseSource, error) {
	c, err := loadCohort(ctx, r.DB, cohortID)
	if err != nil {
		return nil, err
	}
	if !c.RawRows && !r.Unprotected {
		return nil, survey.Errorf(survey.EConflict, "%s", analytics.Withheld{Code: analytics.CodeRowsOff}.Why(survey.DefaultLanguage))
	}
	return newResponseSource(ctx, r, c)
}

// header is the column names of the raw rows.
func (s *responseSource) header() []string {
	h := append(append([]string{}, rawFixed...), s.attrs...)
	for _, c := range s.columns {
		h = append(h, c.Key)
	}
	return h
}

// rawValues are the values of r in the order of header: the number, then
// strings, and for each item nil (unanswered), a float64 or a string.
func (s *responseSource) rawValues(r *responseRow, out []any) []any {
	out = append(out[:0], r.No, r.Survey.ID, string(r.Survey.Phase))
	for _, v := range r.Attrs {
		out = append(out, v)
	}
	for j, c := range s.columns {
		v := r.Values[j]
		switch {
		case !v.has:
			out = append(out, nil)
		case c.Type == survey.Single || c.Type == survey.Multi:
			out = append(out, strings.Join(c.sortedChoices(v), ";"))
		default:
			out = append(out, v.num)
		}
	}
	return out
}

// writeCSV writes the header and every row; escape guards the text fields.
func (s *responseSource) writeCSV(ctx context.Context, w io.Writer, escape func(string) string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(s.header()); err != nil {
		return err
	}
	var vals []any
	var fields []string
	for r, err := range s.Rows(ctx) {
		if err != nil {
			return err
		}
		vals = s.rawValues(r, vals)
		fields = fields[:0]
		for _, v := range vals {
			switch v := v.(type) {
			case nil:
				fields = append(fields, "")
			case int:
				fields = append(fields, strconv.Itoa(v))
			case float64:
				fields = append(fields, strconv.FormatFloat(v, 'f', -1, 64))
			case string:
				fields = append(fields, escape(v))
			}
		}
		if err := cw.Write(fields); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Neutralise keeps a spreadsheet from reading a CSV field as a formula:
// the OWASP advice for CSV, an apostrophe before a leading =, +, -, @, tab
// or carriage return. Every CSV that leaves the service writes its fields
// through it: the raw answers here, the HR pages' link lists. Numbers
// never need it (answers are 0–10).
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeFile writes the rows as newline-delimited JSON objects to path, the
// keys in column order, unanswered items as null.
func (s *responseSource) writeFile(ctx context.Context, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("exports: parquet: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	enc := json.NewEncoder(bw)
	row := orderedRow{keys: s.header()}
	for r, err := range s.Rows(ctx) {
		if err != nil {
			return err
		}
		row.vals = s.rawValues(r, row.vals)
		if err := enc.Encode(row); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// orderedRow is a JSON object whose keys keep the column order.
type orderedRow struct {
	keys []string
	vals []any
}

// MarshalJSON writes the pairs in order.
func (o orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// parquetColumns is the columns argument of read_json: every column with
// its type. Names are fixed or item keys of the catalog (lower-case
// letters, digits and _), never input.
func (s *responseSource) parquetColumns() string {
	var b strings.Builder
	b.WriteString("{'no': 'INTEGER'")
	for _, k := range append(append([]string{}, rawFixed[1:]...), s.attrs...) {
		fmt.Fprintf(&b, ", %s: 'VARCHAR'", sqlString(k))
	}
	for _, c := range s.columns {
		typ := "VARCHAR"
		if c.Type.Scale() {
			typ = "SMALLINT"
		}
		fmt.Fprintf(&b, ", %s: '%s'", sqlString(c.Key), typ)
	}
	b.WriteString("}")
	return b.String()
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
