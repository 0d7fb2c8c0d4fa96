package main

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tandem/survey/roster"
)

// bigCSV is a valid import of n participants whose rows are padded to
// rowBytes by a column the import ignores: a file can be over the size
// limit with fewer rows than the row limit.
func bigCSV(n, rowBytes int) []byte {
	var b strings.Builder
	b.WriteString("name,email,role,notes\n")
	for i := range n {
		row := fmt.Sprintf("Person %04d,p%04d@example.com,mentor,", i, i)
		b.WriteString(row + strings.Repeat("x", max(rowBytes-len(row)-1, 0)) + "\n")
	}
	return []byte(b.String())
}

var rowsField = regexp.MustCompile(`name="rows" value="([^"]*)"`)

// TestOversizedImportStoresNothing: a participant file over 10 MiB is
// refused whole, by the API (413) and by the HR import (the form again
// with the reason, 413), whether the body fits the HR pages' cap or not;
// no preview is offered and no row is stored. A file under the limit is
// imported whole.
func TestOversizedImportStoresNothing(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	hr := ts.admin(t)
	before := ts.counts()
	over := bigCSV(4900, 2240)    // 10.5 MiB: over the file limit, under the HR body cap
	overCap := bigCSV(4900, 2800) // 13.1 MiB: over the HR body cap too
	if len(over) <= roster.MaxFileSize || len(over) >= 12<<20 || len(overCap) <= 12<<20 {
		t.Fatalf("test files of %d and %d bytes do not straddle the limits", len(over), len(overCap))
	}

	t.Run("api", func(t *testing.T) {
		code, out := upload(t, ts, s.CohortID, "people.csv", over)
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("got %d, want 413: %v", code, out)
		}
		if msg, _ := out["error"].(string); !strings.Contains(msg, "larger than 10 MiB") {
			t.Errorf("got error %q, want it to say the file is too large", msg)
		}
	})
	for _, tc := range []struct {
		name string
		data []byte
	}{{"hr under the body cap", over}, {"hr over the body cap", overCap}} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := hr.upload("/hr/cohorts/"+s.CohortID+"/participants/preview", "people.csv", tc.data)
			page := string(body)
			if res.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("got %d, want 413", res.StatusCode)
			}
			if !strings.Contains(page, "The file is larger than 10 MiB") || !strings.Contains(page, `action="/hr/cohorts/`+s.CohortID+`/participants/preview"`) {
				t.Errorf("the import form is not shown again with the reason:\n%.3000s", page)
			}
			// Whatever was offered for confirmation is confirmed, as a
			// user would: it must not store part of the file.
			if m := rowsField.FindStringSubmatch(page); m != nil {
				t.Errorf("a preview of part of the file is offered for confirmation")
				hr.post("/hr/cohorts/"+s.CohortID+"/participants", url.Values{"rows": {html.UnescapeString(m[1])}, "file": {"people.csv"}})
			}
		})
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("an oversized import changed the store: before %v, after %v", before, after)
	}
	res, _ := hr.upload("/hr/cohorts/"+s.CohortID+"/participants/preview", "people.csv", bigCSV(4000, 2600))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("a 9.9 MiB file: got %d, want the preview", res.StatusCode)
	}
	if code, out := upload(t, ts, s.CohortID, "people.csv", bigCSV(4000, 2600)); code != http.StatusCreated {
		t.Errorf("a 9.9 MiB file by the API: got %d, want 201: %v", code, out["error"])
	}
	if got, want := ts.counts()["participants"], before["participants"]+4000; got != want {
		t.Errorf("got %d participants, want %d: the file under the limit is stored whole", got, want)
	}
}
