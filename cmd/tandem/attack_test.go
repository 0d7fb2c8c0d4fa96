package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/analytics/attack"
	"tandem/survey"
	"tandem/survey/demo"
)

// TestAttacksThroughTheAPI plays the attacker as an organiser with the
// admin API would, against random programs: results of every survey by
// every breakdown, the cohort summary, the raw data and the workbook, all
// fetched over HTTP. With the service as it is, no attack learns anything
// about fewer than the threshold, and the workbook shows no comment and no
// row that the API does not; with the protection switched off, the same
// attacks succeed.
func TestAttacksThroughTheAPI(t *testing.T) {
	cat, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string]int{}
	for _, off := range []bool{false, true} {
		dir := t.TempDir()
		ts := startTestServer(t, filepath.Join(dir, "tandem.duckdb"), func(d *routerDeps) { d.unprotected = off })
		for seed := range uint64(6) {
			l, err := attack.Load(context.Background(), ts.store, cat, attack.Generate(5000+seed, cat),
				time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			o := ts.fetchAll(t, l)
			findings := attack.Run(l.World, l.Truth, o)
			if off {
				for _, f := range findings {
					broken[f.Attack]++
				}
				continue
			}
			for _, f := range findings {
				t.Errorf("seed %d: %s", seed, f)
			}
			ts.checkWorkbook(t, l, o)
		}
	}
	for _, a := range []string{"comments", "rows", "differencing"} {
		if broken[a] == 0 {
			t.Errorf("without the protection, the %s attack found nothing through the API", a)
		}
	}
}

// fetchAll gets everything the admin API publishes about a loaded program.
func (ts *testServer) fetchAll(t *testing.T, l *attack.Loaded) attack.Outputs {
	t.Helper()
	var o attack.Outputs
	for _, id := range l.SurveyIDs {
		for _, by := range attack.Breakdowns {
			var r analytics.ResultsJSON
			ts.mustAPI(200, "GET", "/api/v1/surveys/"+id+"/results?by="+by, nil, &r)
			o.Results = append(o.Results, r)
		}
	}
	var s analytics.SummaryJSON
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+l.CohortID+"/summary", nil, &s)
	o.Summaries = append(o.Summaries, s)
	res, body := ts.download("/api/v1/cohorts/"+l.CohortID+"/responses.csv", testToken)
	switch res.StatusCode {
	case http.StatusOK:
		rows, err := attack.ParseRows(body)
		if err != nil {
			t.Fatal(err)
		}
		o.Rows = rows
	case http.StatusConflict:
		if l.RawRows {
			t.Errorf("raw rows refused although the program releases them: %s", body)
		}
	default:
		t.Fatalf("responses.csv: %d %s", res.StatusCode, body)
	}
	return o
}

// checkWorkbook reads the workbook of the loaded program and requires
// every comment and every response row in it to be among what the API
// published: the workbook adds nothing an attacker could use.
func (ts *testServer) checkWorkbook(t *testing.T, l *attack.Loaded, o attack.Outputs) {
	t.Helper()
	res, body := ts.download("/api/v1/cohorts/"+l.CohortID+"/report.xlsx?lang=en", testToken)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("workbook: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var published []string
	for _, r := range o.Results {
		for _, g := range r.Groups {
			if g.GroupFigures != nil {
				for _, c := range g.Comments {
					published = append(published, c.Texts...)
				}
			}
		}
	}
	rows, err := f.GetRows("Comments")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[min(3, len(rows)):] {
		if len(r) >= 4 && l.Truth.Authors[r[3]] != "" && !slices.Contains(published, r[3]) {
			t.Errorf("the workbook shows a comment the API does not: %q", r[3])
		}
	}
	sheet, err := f.GetRows("Responses")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range sheet[min(3, len(sheet)):] {
		if len(r) > 0 && r[0] != "" {
			n++
		}
	}
	if n != len(o.Rows) {
		t.Errorf("the workbook has %d response rows, the raw data %d", n, len(o.Rows))
	}
}

// TestAttacksOnTheDemo plays the attacker on the demo, as an organiser
// with the admin API and the participant list would: every cohort's
// results by every breakdown, summary and raw data, fetched over HTTP.
// Nothing about fewer than the threshold comes out; published as the
// first release did, the same attacks name people.
func TestAttacksOnTheDemo(t *testing.T) {
	cat, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range []bool{false, true} {
		ts := startTestServer(t, filepath.Join(t.TempDir(), "tandem.duckdb"), func(d *routerDeps) { d.unprotected = off })
		info, err := demo.Seed(context.Background(), ts.store, cat, "http://tandem.test", time.Now(), 1)
		if err != nil {
			t.Fatal(err)
		}
		broken := map[string]int{}
		for _, cohort := range []string{info.FinishedCohortID, info.RunningCohortID, info.UpcomingCohortID} {
			l, err := attack.FromStore(context.Background(), ts.store, cat, cohort)
			if err != nil {
				t.Fatal(err)
			}
			o := ts.fetchAll(t, l)
			for _, f := range attack.Run(l.World, l.Truth, o) {
				if off {
					broken[f.Attack]++
				} else {
					t.Errorf("demo cohort %s: %s", cohort, f)
				}
			}
			if cohort == info.FinishedCohortID && (len(o.Rows) == 0 || len(l.Truth.Authors) == 0) {
				t.Errorf("the finished cohort gave %d rows and %d comments: the attack had nothing to work on", len(o.Rows), len(l.Truth.Authors))
			}
		}
		if off {
			t.Logf("the demo published as the first release did: %v", broken)
			for _, a := range []string{"comments", "rows", "differencing"} {
				if broken[a] == 0 {
					t.Errorf("without the protection, the %s attack found nothing in the demo", a)
				}
			}
		}
	}
}
