package exports

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestResponsesCSVGolden compares the raw data of the scenario
// (testdata/scenario47.json, rows released) with testdata/responses.csv:
// the header and the rows byte for byte as a download writes them, but for
// what changes with every download. Survey IDs are random, so they become
// survey-<phase>; the rows of a survey come in an order drawn afresh for
// every download, so they are sorted by their text after the survey ID,
// and the running number is counted again. That the number counts 1, 2, …
// in the file's order and that a survey's rows stand together is checked
// first, on the download as it is. (No field of these rows is quoted or
// holds a line break: each line is a row, and its first two fields end at
// the first two commas.)
func TestResponsesCSVGolden(t *testing.T) {
	l := loadScenario(t)
	var buf bytes.Buffer
	if err := WriteResponsesCSV(context.Background(), &buf, l.reader(), l.cohortID); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	if len(lines) < 3 || lines[len(lines)-1] != "" {
		t.Fatalf("got %q, want a header and rows, each ending in a line break", buf.String())
	}
	header, rows := lines[0], lines[1:len(lines)-1]
	if !strings.HasPrefix(header, strings.Join(rawFixed, ",")+",") {
		t.Fatalf("header %q, want it to start with %q", header, rawFixed)
	}
	type row struct{ survey, phase, rest string }
	parsed := make([]row, len(rows))
	block := map[string]int{} // survey id -> its place among the surveys
	for i, line := range rows {
		f := strings.SplitN(line, ",", 4)
		if len(f) < 4 || f[0] != strconv.Itoa(i+1) {
			t.Fatalf("row %d is %q, want it numbered %d", i+1, line, i+1)
		}
		if _, seen := block[f[1]]; seen && parsed[i-1].survey != f[1] {
			t.Errorf("row %d: the rows of survey %s do not stand together", i+1, f[1])
		} else if !seen {
			block[f[1]] = len(block)
		}
		parsed[i] = row{survey: f[1], phase: f[2], rest: f[2] + "," + f[3]}
	}
	slices.SortStableFunc(parsed, func(a, b row) int {
		if d := block[a.survey] - block[b.survey]; d != 0 {
			return d
		}
		return strings.Compare(a.rest, b.rest)
	})
	var out strings.Builder
	out.WriteString(header)
	for i, r := range parsed {
		out.WriteString(strconv.Itoa(i+1) + ",survey-" + r.phase + "," + r.rest)
	}
	CheckGolden(t, "responses.csv", []byte(out.String()))
}
