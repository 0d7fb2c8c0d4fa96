package hr

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/demo"
)

// seedDemo fills the database with the demo program: a finished cohort
// with every phase answered, a running one, an upcoming one.
func (e *env) seedDemo() demo.Info {
	e.t.Helper()
	info, err := demo.Seed(context.Background(), e.store, e.cfg.Catalog, e.cfg.BaseURL, time.Now(), 42)
	if err != nil {
		e.t.Fatal(err)
	}
	return info
}

var (
	unresolved = regexp.MustCompile(`\b(?:results|sresults|survey|surveys|links|mail|waiting|import|participants|tandems|cohort|cohorts|bar|withheld|dim|phase|roles|status|field|done|role|mode|lang|language|nav|signin|setup|programs|program|members|accounts|account|download|nps|shape|attribute|dimension|topic|rule|format|publication|conflict)\.[a-z_]+\b`)
	tags       = regexp.MustCompile(`(?s)<[^>]*>`)
)

// checkPage fails on what a page must never show: message keys without a
// text, formatting slips, template gaps.
func checkPage(t *testing.T, what, body string) {
	t.Helper()
	text := tags.ReplaceAllString(body, " ")
	if m := unresolved.FindString(text); m != "" {
		t.Errorf("%s: a message key without text: %q", what, m)
	}
	for _, bad := range []string{"%!", "<no value>", "map[", "&lt;nil&gt;", "0x"} {
		if strings.Contains(body, bad) {
			i := strings.Index(body, bad)
			t.Errorf("%s: %q in the page: …%s…", what, bad, body[max(0, i-80):min(len(body), i+80)])
		}
	}
	if strings.Contains(body, ` style="`) || strings.Contains(body, "<script") {
		t.Errorf("%s: inline style or script (the CSP forbids both)", what)
	}
}

func TestEveryPageInBothLanguages(t *testing.T) {
	e := newEnv(t)
	info := e.seedDemo()
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	svs, err := e.store.Surveys(t.Context(), info.FinishedCohortID)
	if err != nil || len(svs) == 0 {
		t.Fatalf("surveys of the finished cohort: %v", err)
	}
	paths := []string{"/hr/programs", "/hr/programs/" + info.ProgramID, "/hr/accounts"}
	for _, co := range []string{info.FinishedCohortID, info.RunningCohortID, info.UpcomingCohortID} {
		paths = append(paths, "/hr/cohorts/"+co, "/hr/cohorts/"+co+"/participants", "/hr/cohorts/"+co+"/tandems", "/hr/cohorts/"+co+"/results")
	}
	paths = append(paths, "/hr/surveys/"+info.OpenSurveyID, "/hr/surveys/"+info.OpenSurveyID+"/results")
	for _, sv := range svs {
		paths = append(paths, "/hr/surveys/"+sv.ID, "/hr/surveys/"+sv.ID+"/results", "/hr/surveys/"+sv.ID+"/results?by=role",
			"/hr/surveys/"+sv.ID+"/results?by=department")
	}
	for _, lang := range []string{"de", "en"} {
		c.post("/hr/language", url.Values{"lang": {lang}, "back": {"/hr/programs"}}).must(t, http.StatusSeeOther, "language")
		for _, path := range paths {
			r := c.get(path).must(t, http.StatusOK, lang+" "+path)
			if !strings.Contains(r.body, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: not in %s", lang, path, lang)
			}
			checkPage(t, lang+" "+path, r.body)
		}
	}
	// The finished cohort's results have every chart.
	r := c.get("/hr/cohorts/" + info.FinishedCohortID + "/results")
	// (The demo's knowledge pairs are withheld as a complement: the section
	// then says so in words.)
	if !strings.Contains(r.body, `id="chart-knowledge-t"`) && !strings.Contains(r.body, `class="withheld-list"`) {
		t.Errorf("the finished cohort's results show no knowledge gain, nor why")
	}
	for _, id := range []string{"chart-dimensions", "chart-change", "chart-topics", "chart-benefits"} {
		if !strings.Contains(r.body, `id="`+id+`-t"`) {
			t.Errorf("the finished cohort's results lack %s", id)
		}
	}
	for _, want := range []string{`class="whisker"`, `class="dot before"`, `role="img"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the results lack %s", want)
		}
	}
	r = c.get("/hr/surveys/" + svs[len(svs)-1].ID + "/results")
	if !strings.Contains(r.body, `class="seg d5"`) {
		t.Errorf("the survey results lack distribution bars")
	}
}
