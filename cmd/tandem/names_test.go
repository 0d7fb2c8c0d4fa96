package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestNamesWithHiddenCharactersRefused: names and labels with a control
// character or a bidirectional override are refused wherever they come in
// (API JSON, CSV and XLSX uploads, the HR pages' forms and import), with
// 422 naming the field and, for imports, the row in the file; nothing is
// stored.
func TestNamesWithHiddenCharactersRefused(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	hr := ts.admin(t)
	before := ts.counts()
	accounts := func() int {
		n, err := ts.store.AccountCount(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	accountsBefore := accounts()
	participants := "/api/v1/cohorts/" + s.CohortID + "/participants"

	t.Run("api", func(t *testing.T) {
		tests := []struct {
			name, path string
			body       any
			row        int
			field      string
		}{
			{"program name with RLO", "/api/v1/programs", map[string]any{"name": "Reverse \u202eMentoring"}, 0, "name"},
			{"program name with NUL", "/api/v1/programs", map[string]any{"name": "Reverse\x00Mentoring"}, 0, "name"},
			{"cohort name with newline", "/api/v1/programs/" + s.ProgramID + "/cohorts",
				map[string]any{"name": "Runde\n2", "starts_on": "2026-01-01", "ends_on": "2026-02-01"}, 0, "name"},
			{"cohort name ending in a tab", "/api/v1/programs/" + s.ProgramID + "/cohorts",
				map[string]any{"name": "Runde 2\t", "starts_on": "2026-01-01", "ends_on": "2026-02-01"}, 0, "name"},
			{"participant name with C1", participants, []map[string]string{
				{"name": "Ada", "email": "ada@example.com", "role": "mentor"},
				{"name": "Bo\u0085b", "email": "bob@example.com", "role": "mentee"}}, 2, "name"},
			{"participant department with LRI", participants, []map[string]string{
				{"name": "Ada", "email": "ada@example.com", "role": "mentor", "department": "IT\u2066x"}}, 1, "department"},
			{"participant e-mail with RLO", participants, []map[string]string{
				{"name": "Ada", "email": "ad\u202ea@example.com", "role": "mentor"}}, 1, "email"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var e struct {
					Details []struct {
						Row         int
						Field, Rule string
					}
				}
				if got := ts.api("POST", tc.path, tc.body, &e); got != 422 {
					t.Fatalf("got %d, want 422", got)
				}
				if len(e.Details) != 1 || e.Details[0].Row != tc.row || e.Details[0].Field != tc.field || e.Details[0].Rule != "text" {
					t.Errorf("got details %+v, want row %d, field %s, rule text", e.Details, tc.row, tc.field)
				}
			})
		}
	})

	t.Run("uploads", func(t *testing.T) {
		tests := []struct {
			name, file string
			data       []byte
			row        float64
			field      string
		}{
			{"csv name with a line break in quotes", "people.csv",
				[]byte("name,email,role\nAda,ada@example.com,mentor\n\"Bo\nb\",bob@example.com,mentee\n"), 3, "name"},
			{"csv region with a tab", "people.csv", []byte("name,email,role,region\nAda,ada@example.com,mentor,UK\tX\n"), 2, "region"},
			{"csv name with PDI", "people.csv", []byte("name;email;role\nAda;ada@example.com;mentor\nCy;cy@example.com;peer\nBo\u2069b;bob@example.com;mentee\n"), 4, "name"},
			{"xlsx name with RLO", "people.xlsx", xlsxFile(t, [][]any{{"name", "email", "role"}, {"Ada", "ada@example.com", "mentor"}, {"Bo\u202eb", "bob@example.com", "mentee"}}), 3, "name"},
			{"xlsx department with a tab", "people.xlsx", xlsxFile(t, [][]any{{"name", "email", "role", "department"}, {"Ada", "ada@example.com", "mentor", "I\tT"}}), 2, "department"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				code, out := upload(t, ts, s.CohortID, tc.file, tc.data)
				if code != 422 {
					t.Fatalf("got %d, want 422: %v", code, out)
				}
				details, _ := out["details"].([]any)
				if len(details) != 1 {
					t.Fatalf("got details %v, want one", details)
				}
				d := details[0].(map[string]any)
				if d["row"] != tc.row || d["field"] != tc.field {
					t.Errorf("got %v, want row %v, field %s", d, tc.row, tc.field)
				}
			})
		}
	})

	t.Run("hr pages", func(t *testing.T) {
		res, body := hr.upload("/hr/cohorts/"+s.CohortID+"/participants/preview", "people.csv",
			[]byte("name,email,role\nAda,ada@example.com,mentor\nBo\u202eb,bob@example.com,mentee\n"))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `href="#row-3"`) ||
			!strings.Contains(string(body), "must not contain control characters") || strings.Contains(string(body), `name="rows"`) {
			t.Errorf("import preview: got %d, want 422 naming row 3 and no confirmation:\n%.2000s", res.StatusCode, body)
		}
		for _, tc := range []struct {
			path string
			form url.Values
		}{
			{"/hr/programs", url.Values{"name": {"Mentoring\u202e"}, "language": {"de"}, "threshold": {"5"}, "mode": {"confidential"}}},
			{"/hr/programs/" + s.ProgramID + "/cohorts", url.Values{"name": {"Runde\x1b2"}, "starts_on": {"2026-01-01"}, "ends_on": {"2026-02-01"}}},
			{"/hr/accounts", url.Values{"email": {"eve@example.com"}, "name": {"Eve\u2067"}, "role": {"viewer"}}},
		} {
			res, body := hr.post(tc.path, tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "must not contain control characters") {
				t.Errorf("%s: got %d, want 422 saying why:\n%.2000s", tc.path, res.StatusCode, body)
			}
		}
	})

	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("refused names changed the store: before %v, after %v", before, after)
	}
	if n := accounts(); n != accountsBefore {
		t.Errorf("got %d accounts, want %d", n, accountsBefore)
	}
}
