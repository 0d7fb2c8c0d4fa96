package dashboards

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	dto "github.com/prometheus/client_model/go"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
)

// metricName finds tandem's metric names; Go and process metrics are the
// client library's and not checked here (e2e.sh queries them all).
var metricName = regexp.MustCompile(`tandem_[a-z_]+`)

// TestMetricNamesRegistered reads every dashboard, rule and rule test in
// this folder and fails on a tandem_ name the service does not export.
func TestMetricNamesRegistered(t *testing.T) {
	known := registeredNames(t)
	files, err := filepath.Glob("*.json")
	if err != nil {
		t.Fatal(err)
	}
	ymls, _ := filepath.Glob("*.yml")
	files = append(files, ymls...)
	if len(files) < 4 {
		t.Fatalf("got files %v, want both dashboards, the rules and their tests", files)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, name := range metricName.FindAllString(string(raw), -1) {
			if !known[name] && !seen[name] {
				t.Errorf("%s names %s, which the service does not export", f, name)
			}
			seen[name] = true
		}
	}
}

// registeredNames builds the registry as cmd/tandem's router does
// (exports.NewMetrics), gives every metric a reason to appear (a request,
// a submission, a commit, an open survey with invitations), gathers, and
// returns the series names a query can use, with the _bucket, _sum and
// _count of histograms and summaries.
func registeredNames(t *testing.T) map[string]bool {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tandem.duckdb")

	dbMetrics := exports.NewDBMetrics(path)
	st, err := store.Open(ctx, path, store.WithCommitObserver(dbMetrics.ObserveCommit), store.WithKey(store.NewKey()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	metrics := exports.NewMetrics(dbMetrics, st.DB(), time.Now, exports.ParticipationOptions{})
	reg := metrics.Registry

	openSurveyWithAnswer(t, st)
	metrics.HTTP.Submission("final", "")
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(metrics.HTTP.Middleware())
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/healthz", nil))

	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	var tandem []string
	for _, mf := range mfs {
		name := mf.GetName()
		known[name] = true
		switch mf.GetType() {
		case dto.MetricType_HISTOGRAM:
			known[name+"_bucket"], known[name+"_sum"], known[name+"_count"] = true, true, true
		case dto.MetricType_SUMMARY:
			known[name+"_sum"], known[name+"_count"] = true, true
		}
		if metricName.MatchString(name) {
			tandem = append(tandem, name)
		}
	}
	sort.Strings(tandem)
	t.Logf("tandem metrics registered: %v", tandem)
	return known
}

func openSurveyWithAnswer(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	p, err := st.CreateProgram(ctx, survey.Program{Name: "P", Language: "en", Threshold: 5, Mode: survey.ModeConfidential})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCohort(ctx, p.ID, survey.Cohort{Name: "C", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddParticipants(ctx, c.ID, []survey.ParticipantInput{{Name: "A", Email: "a@example.com", Role: "mentor"}}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sv, err := st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := st.Invite(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	f, err := st.FormByToken(ctx, invs[0].Token)
	if err != nil {
		t.Fatal(err)
	}
	four := 4.0
	if err := st.Submit(ctx, f, "en", []survey.Answer{{Key: "overall_satisfaction", Num: &four}}); err != nil {
		t.Fatal(err)
	}
}
