package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
)

const testMetricsToken = "test-metrics-token-9876543210"

// newMetricsServer is the real router over a real DuckDB file, with the
// admin token testToken, the metrics token testMetricsToken and the given
// participation options.
func newMetricsServer(tb testing.TB, opts exports.ParticipationOptions) *testServer {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "tandem.duckdb"), store.WithKey(store.NewKey()))
	if err != nil {
		tb.Fatal(err)
	}
	catalog, err := survey.LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	hash, _, err := adminToken(context.Background(), st, testToken)
	if err != nil {
		tb.Fatal(err)
	}
	h, err := newHandler(routerDeps{store: st, catalog: catalog, adminTokenHash: hash, now: time.Now,
		baseURL: "http://tandem.test", log: slog.New(slog.DiscardHandler),
		metricsTokenHash: metricsTokenHash(testMetricsToken), participation: opts})
	if err != nil {
		tb.Fatal(err)
	}
	ts := &testServer{store: st, t: tb}
	ts.Server = httptest.NewServer(h)
	tb.Cleanup(ts.stop)
	return ts
}

// get requests path with the given Authorization headers (none for nil)
// and returns status, headers and body.
func (ts *testServer) get(path string, authorization ...string) (int, http.Header, string) {
	ts.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	for _, a := range authorization {
		req.Header.Add("Authorization", a)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

func TestMetricsAuth(t *testing.T) {
	ts := newMetricsServer(t, exports.ParticipationOptions{})
	tests := []struct {
		name          string
		path          string
		authorization []string
		want          int
	}{
		{"no header", "/metrics", nil, http.StatusUnauthorized},
		{"wrong token", "/metrics", []string{"Bearer wrong-token-0123456789abc"}, http.StatusUnauthorized},
		{"empty token", "/metrics", []string{"Bearer "}, http.StatusUnauthorized},
		{"scheme alone", "/metrics", []string{"Bearer"}, http.StatusUnauthorized},
		{"two spaces", "/metrics", []string{"Bearer  " + testMetricsToken}, http.StatusUnauthorized},
		{"tab instead of space", "/metrics", []string{"Bearer\t" + testMetricsToken}, http.StatusUnauthorized},
		{"something after the token", "/metrics", []string{"Bearer " + testMetricsToken + " x"}, http.StatusUnauthorized},
		{"token twice", "/metrics", []string{"Bearer " + testMetricsToken + " " + testMetricsToken}, http.StatusUnauthorized},
		{"lower-case scheme", "/metrics", []string{"bearer " + testMetricsToken}, http.StatusUnauthorized},
		{"no scheme", "/metrics", []string{testMetricsToken}, http.StatusUnauthorized},
		{"basic scheme", "/metrics", []string{"Basic " + testMetricsToken}, http.StatusUnauthorized},
		{"a prefix of the token", "/metrics", []string{"Bearer " + testMetricsToken[:len(testMetricsToken)-1]}, http.StatusUnauthorized},
		{"two headers, one right", "/metrics", []string{"Bearer wrong-token-0123456789abc", "Bearer " + testMetricsToken}, http.StatusUnauthorized},
		{"metrics token", "/metrics", []string{"Bearer " + testMetricsToken}, http.StatusOK},
		{"admin token", "/metrics", []string{"Bearer " + testToken}, http.StatusOK},
		{"metrics token is not the admin token", "/api/v1/programs", []string{"Bearer " + testMetricsToken}, http.StatusUnauthorized},
		{"healthz without a token", "/healthz", nil, http.StatusOK},
		{"readyz without a token", "/readyz", nil, http.StatusOK},
		{"healthz with a wrong token", "/healthz", []string{"Bearer wrong"}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := ts.get(tt.path, tt.authorization...)
			if status != tt.want {
				t.Fatalf("got status %d, want %d: %s", status, tt.want, body)
			}
			if tt.path != "/metrics" {
				return
			}
			if status == http.StatusUnauthorized {
				if got := header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
					t.Errorf("got WWW-Authenticate %q, want a Bearer challenge", got)
				}
				if strings.Contains(body, "tandem_") {
					t.Errorf("a refused request got metrics: %.200s", body)
				}
			} else if !strings.Contains(body, "tandem_http_requests_total") {
				t.Errorf("got no metrics: %.200s", body)
			}
		})
	}
}

// TestMetricsAdminTokenAlone: without TANDEM_METRICS_TOKEN (a nil hash)
// the admin token still reads /metrics, and nothing else does, not even an
// empty token.
func TestMetricsAdminTokenAlone(t *testing.T) {
	hashes := [][]byte{metricsTokenHash(""), metricsTokenHash(testToken)}
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"Bearer " + testToken, true},
		{"Bearer ", false},
		{"Bearer " + testMetricsToken, false},
	} {
		if got := bearerMatches([]string{tt.header}, hashes); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestMetricsTokenConfig(t *testing.T) {
	tests := []struct {
		name, token, wantErr string
	}{
		{"none", "", ""},
		{"long enough", testMetricsToken, ""},
		{"too short", "short-token", "TANDEM_METRICS_TOKEN: must be at least 16 characters"},
		{"with a space", "a token with spaces", "TANDEM_METRICS_TOKEN: must be visible ASCII"},
		{"with a newline", "0123456789abcdef\n", "TANDEM_METRICS_TOKEN: must be visible ASCII"},
		{"not ASCII", "jürgen-0123456789abc", "TANDEM_METRICS_TOKEN: must be visible ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TANDEM_METRICS_TOKEN": tt.token}
			cfg, err := parseServe(nil, io.Discard, func(k string) string { return env[k] })
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got error %v, want one saying %q", err, tt.wantErr)
			case tt.wantErr == "" && cfg.MetricsToken != tt.token:
				t.Errorf("got metrics token %q, want %q", cfg.MetricsToken, tt.token)
			}
		})
	}
}

// scrapeFamilies scrapes /metrics with the metrics token and parses it as
// Prometheus does; it returns the text too.
func (ts *testServer) scrapeFamilies() (map[string]*dto.MetricFamily, string) {
	ts.t.Helper()
	status, _, body := ts.get("/metrics", "Bearer "+testMetricsToken)
	if status != http.StatusOK {
		ts.t.Fatalf("scrape: got status %d, want 200", status)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		ts.t.Fatalf("parse the scrape: %v", err)
	}
	return mfs, body
}

// label is the value of label name of m.
func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// formPost answers a participant link; it fails the test unless the answer
// is stored.
func (ts *testServer) formPost(link string) {
	ts.t.Helper()
	if status, body, _ := ts.page("POST", link, anyRoleAnswers()); status != http.StatusSeeOther {
		ts.t.Fatalf("answer %s: got status %d, want 303: %.300s", link, status, body)
	}
}

// peopleJSON is n participants of role, named uniquely.
func peopleJSON(role string, n int) []map[string]string {
	out := make([]map[string]string, n)
	for i := range out {
		out[i] = map[string]string{"name": fmt.Sprintf("%s %d", role, i), "email": fmt.Sprintf("%s%d@example.com", role, i), "role": role}
	}
	return out
}
