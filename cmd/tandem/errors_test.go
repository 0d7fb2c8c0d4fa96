package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestErrorCodes: every surface of the admin API (setup, results,
// matching, downloads, the router itself) answers a failure with the one
// error JSON: the English text, the stable code that decides the status,
// and each detail with the code of its rule; and stores nothing.
func TestErrorCodes(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	before := ts.counts()
	tests := []struct {
		name, method, path, body string
		token                    bool
		status                   int
		code                     string
		rules                    []string // of the details, in order
	}{
		{"no token", "GET", "/api/v1/programs", "", false, 401, "unauthorized", nil},
		{"unknown route", "GET", "/api/v1/nowhere", "", true, 404, "not_found", nil},
		{"unknown cohort", "GET", "/api/v1/cohorts/nope/summary", "", true, 404, "not_found", nil},
		{"method", "PUT", "/api/v1/programs", `{}`, true, 405, "method_not_allowed", nil},
		{"unknown field", "POST", "/api/v1/programs", `{"name":"X","evil":1}`, true, 400, "malformed", []string{"unknown_field"}},
		{"wrong type", "POST", "/api/v1/programs/" + s.ProgramID + "/cohorts", `{"name":5}`, true, 400, "malformed", []string{"type"}},
		{"two values", "POST", "/api/v1/programs", `{"name":"X"}{}`, true, 400, "malformed", nil},
		{"too large", "POST", "/api/v1/programs", `{"name":"` + strings.Repeat("x", 1<<20) + `"}`, true, 413, "too_large", nil},
		{"breaks a rule", "POST", "/api/v1/programs", `{"name":"X","language":"fr"}`, true, 422, "invalid", []string{""}},
		{"breakdown twice", "GET", "/api/v1/surveys/" + s.SurveyID + "/results?by=role&by=region", "", true, 422, "invalid", []string{"multiple"}},
		{"workbook language", "GET", "/api/v1/cohorts/" + s.CohortID + "/report.xlsx?lang=fr", "", true, 422, "invalid", []string{"choice"}},
		{"proposal without tandems", "POST", "/api/v1/cohorts/" + s.CohortID + "/matching/accept", `{"shape":"1:1"}`, true, 400, "malformed", []string{"required"}},
		{"no intake survey", "POST", "/api/v1/cohorts/" + s.CohortID + "/matching", `{}`, true, 409, "conflict", nil},
		{"close the survey (for the next)", "POST", "/api/v1/surveys/" + s.SurveyID + "/close", ``, true, 200, "", nil},
		{"inviting to it", "POST", "/api/v1/surveys/" + s.SurveyID + "/invitations", ``, true, 409, "conflict", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			if tc.token {
				req.Header.Set("Authorization", "Bearer "+testToken)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status {
				t.Fatalf("got %d, want %d: %s", res.StatusCode, tc.status, raw)
			}
			if tc.code == "" {
				return
			}
			var got struct {
				Error   *string
				Code    *string
				Details []map[string]any
			}
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("decode %s: %v", raw, err)
			}
			if got.Error == nil || *got.Error == "" || got.Code == nil || *got.Code != tc.code || got.Details == nil {
				t.Fatalf("got %s, want error text, code %q and details", raw, tc.code)
			}
			if len(got.Details) != len(tc.rules) {
				t.Fatalf("got details %v, want %d", got.Details, len(tc.rules))
			}
			for i, want := range tc.rules {
				rule, _ := got.Details[i]["rule"].(string)
				if rule == "" || want != "" && rule != want {
					t.Errorf("detail %d: got rule %q, want %q (any, where empty, but present)", i, rule, want)
				}
			}
		})
	}
	after := ts.counts()
	if !equalCounts(before, after) {
		t.Errorf("refused requests changed the counts from %v to %v", before, after)
	}
}
