package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// download GETs path with the admin token (or without, if token is "") and
// returns the response with its body read.
func (ts *testServer) download(path, token string) (*http.Response, []byte) {
	ts.t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return res, body
}

// answeredCohort is the cohort of setupCohort (threshold 3 unless program
// says otherwise) with all seven participants' final answers submitted
// through the participant pages: satisfaction 5 five times and 4 twice
// (33/7 ≈ 4.7), comments beginning with = and holding umlauts and emoji.
// The survey is then closed, which publishes its results.
func answeredCohort(t *testing.T, ts *testServer, program ...map[string]any) cohortSetup {
	t.Helper()
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(24*time.Hour), program...)
	sat := []string{"5", "5", "4", "5", "5", "5", "4"}
	for i, pid := range s.Participants {
		v := url.Values{"overall_satisfaction": {sat[i]}, "recommend": {"9"}, "improve": {"=1+2"}}
		if i == 0 || i == 3 { // the mentees
			v = menteeAnswers(sat[i])
		}
		if code, body, _ := ts.page("POST", s.Links[pid], v); code != http.StatusSeeOther {
			t.Fatalf("submit %d: got %d: %s", i, code, body)
		}
	}
	ts.close(s.SurveyID)
	return s
}

func TestReportDownload(t *testing.T) {
	ts := newTestServer(t)
	s := answeredCohort(t, ts)
	path := "/api/v1/cohorts/" + s.CohortID + "/report.xlsx"
	if res, _ := ts.download(path, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("without a token: %d, want 401", res.StatusCode)
	}
	res, body := ts.download(path, testToken)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d: %s", path, res.StatusCode, body)
	}
	wantName := `attachment; filename="tandem-erste-runde-` + time.Now().UTC().Format("2006-01-02") + `.xlsx"`
	for h, want := range map[string]string{
		"Content-Type":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"Content-Disposition": wantName,
		"Cache-Control":       "no-store",
		"Content-Length":      strconv.Itoa(len(body)),
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetName(0); got != "Übersicht" {
		t.Errorf("first sheet %q, want Übersicht (the program is German)", got)
	}
	if got, _ := f.GetCellValue("Übersicht", "B13"); got != "4.7 von 5" {
		t.Errorf("headline %q, want 4.7 von 5", got)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		for _, secret := range []string{"Jürgen Weiß", "Zoë Brügger", "juergen@example.com", "zoe@example.com", "Dagmar Köhler"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q", zf.Name, secret)
			}
		}
	}

	res, body = ts.download(path+"?lang=en", testToken)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("?lang=en: %d", res.StatusCode)
	}
	if f, err := excelize.OpenReader(bytes.NewReader(body)); err != nil || f.GetSheetName(0) != "Summary" {
		t.Errorf("?lang=en: first sheet is not Summary (%v)", err)
	}
}

func TestReportDownloadErrors(t *testing.T) {
	ts := newTestServer(t)
	s := answeredCohort(t, ts)
	res, body := ts.download("/api/v1/cohorts/"+s.CohortID+"/report.xlsx?lang=fr", testToken)
	var e struct {
		Error   string
		Details []struct{ Field string }
	}
	_ = json.Unmarshal(body, &e)
	if res.StatusCode != http.StatusUnprocessableEntity || len(e.Details) != 1 || e.Details[0].Field != "lang" {
		t.Errorf("?lang=fr: %d %s, want 422 naming lang", res.StatusCode, body)
	}
	for _, p := range []string{"report.xlsx", "report.xlsx?lang=en", "responses.csv", "responses.parquet"} {
		if res, body := ts.download("/api/v1/cohorts/nope/"+p, testToken); res.StatusCode != http.StatusNotFound ||
			!strings.Contains(res.Header.Get("Content-Type"), "json") {
			t.Errorf("%s of an unknown cohort: %d %s, want 404 JSON", p, res.StatusCode, body)
		}
	}
}

func TestResponsesDownload(t *testing.T) {
	ts := newTestServer(t)
	// A program releases no rows unless it says so: 409 and why.
	s := answeredCohort(t, ts)
	for _, p := range []string{"responses.csv", "responses.parquet"} {
		res, body := ts.download("/api/v1/cohorts/"+s.CohortID+"/"+p, testToken)
		if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), "does not release per-response rows") {
			t.Errorf("%s without raw rows: %d %s, want 409 saying why", p, res.StatusCode, body)
		}
	}
	// Every role answered at least twice: with threshold 2, rows go out.
	s = answeredCohort(t, ts, map[string]any{"anonymity_threshold": 2, "raw_rows": true})
	day := time.Now().UTC().Format("2006-01-02")
	res, body := ts.download("/api/v1/cohorts/"+s.CohortID+"/responses.csv", testToken)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="tandem-erste-runde-`+day+`.csv"` {
		t.Fatalf("CSV: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 8 || recs[0][0] != "no" {
		t.Errorf("CSV: %d records, header %q; want a header and 7 rows", len(recs), recs[0])
	}
	for _, secret := range []string{"Jürgen", "juergen@example.com", "Grüße", "=1+2"} {
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("the CSV holds %q (names and free text stay out)", secret)
		}
	}
	res, body = ts.download("/api/v1/cohorts/"+s.CohortID+"/responses.parquet", testToken)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.apache.parquet" ||
		!bytes.HasPrefix(body, []byte("PAR1")) || !bytes.HasSuffix(body, []byte("PAR1")) ||
		res.Header.Get("Content-Disposition") != `attachment; filename="tandem-erste-runde-`+day+`.parquet"` {
		t.Errorf("Parquet: %d %q %q, %d bytes", res.StatusCode, res.Header.Get("Content-Type"),
			res.Header.Get("Content-Disposition"), len(body))
	}
}
