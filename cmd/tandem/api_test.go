package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestAPIRefusalsChangeNothing(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	before := ts.counts()
	tests := []struct {
		name, method, path string
		body               any
		token              string
		want               int
		field              string
	}{
		{"no token", "GET", "/api/v1/programs", nil, "-", 401, ""},
		{"wrong token", "GET", "/api/v1/programs", nil, "wrong-token-0123456789", 401, ""},
		{"malformed JSON", "POST", "/api/v1/programs", `{"name": "x",`, "", 400, ""},
		{"unknown field", "POST", "/api/v1/programs", `{"name": "x", "evil": 1}`, "", 400, "evil"},
		{"wrong type", "POST", "/api/v1/programs", `{"name": 5}`, "", 400, "name"},
		{"empty body", "POST", "/api/v1/programs", ``, "", 400, ""},
		{"two values", "POST", "/api/v1/programs", `{"name":"a"}{"name":"b"}`, "", 400, ""},
		{"bad language", "POST", "/api/v1/programs", map[string]any{"name": "x", "language": "fr"}, "", 422, "language"},
		{"bad threshold", "POST", "/api/v1/programs", map[string]any{"name": "x", "anonymity_threshold": 0}, "", 422, "anonymity_threshold"},
		{"bad mode", "POST", "/api/v1/programs", map[string]any{"name": "x", "mode": "open"}, "", 422, "mode"},
		{"missing name", "POST", "/api/v1/programs", map[string]any{"language": "de"}, "", 422, "name"},
		{"cohort of unknown program", "POST", "/api/v1/programs/nope/cohorts", map[string]any{"name": "x", "starts_on": "2026-01-01", "ends_on": "2026-02-01"}, "", 404, ""},
		{"cohort dates reversed", "POST", "/api/v1/programs/" + s.ProgramID + "/cohorts", map[string]any{"name": "x", "starts_on": "2026-03-01", "ends_on": "2026-02-01"}, "", 422, "ends_on"},
		{"cohort bad date", "POST", "/api/v1/programs/" + s.ProgramID + "/cohorts", map[string]any{"name": "x", "starts_on": "1.3.2026", "ends_on": "2026-02-01"}, "", 422, "starts_on"},
		{"one bad role", "POST", "/api/v1/cohorts/" + s.CohortID + "/participants", []map[string]string{
			{"name": "A", "email": "a1@example.com", "role": "mentor"}, {"name": "B", "email": "b1@example.com", "role": "chef"}}, "", 422, "role"},
		{"bad email", "POST", "/api/v1/cohorts/" + s.CohortID + "/participants", []map[string]string{{"name": "A", "email": "not-an-address", "role": "mentor"}}, "", 422, "email"},
		{"duplicate email", "POST", "/api/v1/cohorts/" + s.CohortID + "/participants", []map[string]string{{"name": "A", "email": "ZOE@example.com", "role": "mentor"}}, "", 422, "email"},
		{"empty batch", "POST", "/api/v1/cohorts/" + s.CohortID + "/participants", `[]`, "", 422, "participants"},
		{"tandem of two mentees", "POST", "/api/v1/cohorts/" + s.CohortID + "/tandems", map[string]any{"members": []string{s.Participants[0], s.Participants[3]}}, "", 422, ""},
		{"tandem with unknown member", "POST", "/api/v1/cohorts/" + s.CohortID + "/tandems", map[string]any{"members": []string{"nobody", s.Participants[3]}}, "", 422, "members[0]"},
		{"bad phase", "POST", "/api/v1/cohorts/" + s.CohortID + "/surveys", map[string]any{"phase": "end", "opens_at": "2026-01-01T00:00:00Z", "closes_at": "2026-02-01T00:00:00Z"}, "", 422, "phase"},
		{"closes before opens", "POST", "/api/v1/cohorts/" + s.CohortID + "/surveys", map[string]any{"phase": "final", "opens_at": "2026-03-01T00:00:00Z", "closes_at": "2026-02-01T00:00:00Z"}, "", 422, "closes_at"},
		{"unknown survey", "GET", "/api/v1/surveys/nope", nil, "", 404, ""},
		{"unknown route", "GET", "/api/v1/nothing", nil, "", 404, ""},
		{"wrong method", "DELETE", "/api/v1/programs", nil, "", 405, ""},
		{"huge body", "POST", "/api/v1/programs", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, "", 413, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r *bytes.Reader
			switch b := tc.body.(type) {
			case nil:
				r = bytes.NewReader(nil)
			case string:
				r = bytes.NewReader([]byte(b))
			default:
				r = bytes.NewReader(mustJSON(b))
			}
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, r)
			req.Header.Set("Content-Type", "application/json")
			switch tc.token {
			case "":
				req.Header.Set("Authorization", "Bearer "+testToken)
			case "-":
			default:
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var e struct {
				Error   string
				Details []struct {
					Row   int
					Field string
				}
			}
			decodeJSON(t, res.Body, &e)
			if res.StatusCode != tc.want {
				t.Errorf("got %d, want %d (%s)", res.StatusCode, tc.want, e.Error)
			}
			if e.Error == "" {
				t.Errorf("error body lacks a message")
			}
			if tc.field != "" && !slices.ContainsFunc(e.Details, func(d struct {
				Row   int
				Field string
			}) bool {
				return d.Field == tc.field
			}) {
				t.Errorf("got details %+v, want field %q", e.Details, tc.field)
			}
		})
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("refused requests changed the store: before %v, after %v", before, after)
	}
}

func upload(t *testing.T, ts *testServer, cohortID, name string, data []byte) (int, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/cohorts/"+cohortID+"/participants", &buf)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	decodeJSON(t, res.Body, &out)
	return res.StatusCode, out
}

func xlsxFile(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportFiles(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	good := "\ufeffName;E-Mail;Rolle;Abteilung;Generation;Region\nAnaïs Martin;anais@example.com;Mentor;IT;Gen Z;Frankreich\nSøren Dahl;soeren@example.com;mentee;Vertrieb;baby boomer;Dänemark\n"
	badRows := "name,email,role\nOk Person,ok@example.com,mentor\nBad Person,bad@example.com,manager\nNo Mail,,mentee\n"
	tests := []struct {
		name, file string
		data       []byte
		want       int
		rows       []float64 // rows named in errors
	}{
		{"csv with semicolons and BOM", "people.csv", []byte(good), 201, nil},
		{"csv with bad rows", "people.csv", []byte(badRows), 422, []float64{3, 4}},
		{"csv with a blank line", "people.csv", []byte("name,email,role\nA,a9@example.com,mentor\n\n,,\nB,b9@example.com,boss\n"), 422, []float64{5}},
		{"csv missing column", "people.csv", []byte("name,email\nA,a@example.com\n"), 422, []float64{1}},
		{"xlsx", "people.xlsx", xlsxFile(t, [][]any{{"name", "email", "role", "department"}, {"Jörg Groß", "joerg@example.com", "mentee", "Produktion"}, {"Mia Wu", "mia@example.com", "mentor", "IT"}}), 201, nil},
		{"xlsx with bad row", "people.xlsx", xlsxFile(t, [][]any{{"name", "email", "role"}, {"Ok", "ok2@example.com", "mentor"}, {"Bad", "bad2@example.com", "guru"}}), 422, []float64{3}},
		{"not xlsx", "people.xlsx", []byte("garbage"), 422, nil},
		{"other type", "people.pdf", []byte("%PDF"), 422, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.counts()["participants"]
			code, out := upload(t, ts, s.CohortID, tc.file, tc.data)
			if code != tc.want {
				t.Fatalf("got %d, want %d: %v", code, tc.want, out)
			}
			after := ts.counts()["participants"]
			if code != 201 && after != before {
				t.Errorf("a refused import stored %d participants", after-before)
			}
			if code == 201 && after != before+2 {
				t.Errorf("got %d new participants, want 2", after-before)
			}
			if tc.rows != nil {
				details, _ := out["details"].([]any)
				var got []float64
				for _, d := range details {
					got = append(got, d.(map[string]any)["row"].(float64))
				}
				if len(got) != len(tc.rows) {
					t.Fatalf("got error rows %v, want %v", got, tc.rows)
				}
				for i := range got {
					if got[i] != tc.rows[i] {
						t.Errorf("got error rows %v, want %v", got, tc.rows)
					}
				}
			}
		})
	}
}

func TestRestartKeepsEverything(t *testing.T) {
	path := t.TempDir() + "/tandem.duckdb"
	ts := startTestServer(t, path)
	now := time.Now().UTC()
	s := ts.setupCohort("anonymous", now.Add(-time.Hour), now.Add(time.Hour))
	for _, p := range []int{0, 3} {
		if code, _, _ := ts.page("POST", s.Links[s.Participants[p]], menteeAnswers("5")); code != 303 {
			t.Fatalf("submit: got %d", code)
		}
	}
	before := ts.counts()
	ts.stop()
	ts2 := startTestServer(t, path)
	if after := ts2.counts(); !equalCounts(before, after) {
		t.Errorf("after restart got %v, want %v", after, before)
	}
	if code, _, _ := ts2.page("POST", s.Links[s.Participants[0]], menteeAnswers("5")); code != 409 {
		t.Errorf("resubmission after restart: got %d, want 409", code)
	}
}
