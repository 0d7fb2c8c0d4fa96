package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

const testToken = "test-admin-token-0123456789"

// testServer is the real router over a real DuckDB file.
type testServer struct {
	*httptest.Server
	store *store.Store
	t     testing.TB
}

func newTestServer(tb testing.TB) *testServer {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "tandem.duckdb")
	return startTestServer(tb, path)
}

// startTestServer starts the router on the database at path; mods may
// change its dependencies first.
func startTestServer(tb testing.TB, path string, mods ...func(*routerDeps)) *testServer {
	tb.Helper()
	return startTestServerWith(tb, path, nil, mods...)
}

// startTestServerWith is startTestServer with options for the store (a
// clock, say).
func startTestServerWith(tb testing.TB, path string, opts []store.Option, mods ...func(*routerDeps)) *testServer {
	tb.Helper()
	// The key file beside the database, as serve keeps it: a restart on
	// the same file finds the same key.
	cfg := Config{DB: path}
	if err := cfg.parseKey(""); err != nil {
		tb.Fatal(err)
	}
	key, err := configuredKey(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(context.Background(), path, append(opts, store.WithKeySource(keySource(cfg, key)))...)
	if err != nil {
		tb.Fatal(err)
	}
	catalog, err := survey.LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	ts := &testServer{store: st, t: tb}
	hash, _, err := adminToken(context.Background(), st, testToken)
	if err != nil {
		tb.Fatal(err)
	}
	deps := routerDeps{store: st, catalog: catalog, adminTokenHash: hash, now: time.Now, baseURL: "http://tandem.test",
		log: slog.New(slog.DiscardHandler)}
	for _, m := range mods {
		m(&deps)
	}
	h, err := newHandler(deps)
	if err != nil {
		tb.Fatal(err)
	}
	ts.Server = httptest.NewServer(h)
	tb.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) stop() {
	if ts.Server != nil {
		ts.Server.Close()
		ts.Server = nil
		ts.store.Close()
	}
}

// api calls the admin API with the test token and decodes the JSON answer
// into out (if not nil). It returns the status.
func (ts *testServer) api(method, path string, body any, out any) int {
	ts.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		r = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, ts.URL+path, r)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			ts.t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
		}
	}
	return res.StatusCode
}

// mustAPI is api that fails the test unless the status is want.
func (ts *testServer) mustAPI(want int, method, path string, body any, out any) {
	ts.t.Helper()
	var raw json.RawMessage
	if got := ts.api(method, path, body, &raw); got != want {
		ts.t.Fatalf("%s %s: got status %d, want %d: %s", method, path, got, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			ts.t.Fatal(err)
		}
	}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// page fetches a participant page and returns status and body.
func (ts *testServer) page(method, path string, form url.Values) (int, string, http.Header) {
	ts.t.Helper()
	var res *http.Response
	var err error
	if method == http.MethodGet {
		res, err = noRedirect.Get(ts.URL + path)
	} else {
		res, err = noRedirect.PostForm(ts.URL+path, form)
	}
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func (ts *testServer) counts() map[string]int {
	ts.t.Helper()
	c, err := ts.store.Counts(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	return c
}

type cohortSetup struct {
	ProgramID, CohortID, SurveyID string
	Participants                  []string
	Links                         map[string]string // participant id -> path /s/{token}
}

// setupCohort makes a program with a 2:1 tandem, a 1:1 tandem and a peer
// pair, an open final survey and its invitations, through the API. program
// holds further fields of the program (say, its threshold or raw_rows).
func (ts *testServer) setupCohort(mode string, opens, closes time.Time, program ...map[string]any) cohortSetup {
	ts.t.Helper()
	var s cohortSetup
	var id struct{ ID string }
	body := map[string]any{"name": "Reverse Mentoring 2026", "language": "de", "anonymity_threshold": 3, "mode": mode}
	for _, p := range program {
		maps.Copy(body, p)
	}
	ts.mustAPI(201, "POST", "/api/v1/programs", body, &id)
	s.ProgramID = id.ID
	ts.mustAPI(201, "POST", "/api/v1/programs/"+s.ProgramID+"/cohorts", map[string]any{"name": "Erste Runde", "starts_on": "2026-01-15", "ends_on": "2026-06-30"}, &id)
	s.CohortID = id.ID
	var ids struct{ IDs []string }
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+s.CohortID+"/participants", []map[string]string{
		{"name": "Jürgen Weiß", "email": "juergen@example.com", "role": "mentee", "department": "Vertrieb", "generation": "Baby Boomer", "region": "Deutschland"},
		{"name": "Zoë Brügger", "email": "zoe@example.com", "role": "mentor", "department": "IT", "generation": "Gen Z", "region": "Schweiz"},
		{"name": "Ömer Yıldız", "email": "oemer@example.com", "role": "mentor", "department": "IT", "generation": "Gen Z", "region": "Deutschland"},
		{"name": "Dagmar Köhler", "email": "dagmar@example.com", "role": "mentee", "department": "Finanzen", "generation": "Gen X", "region": "Österreich"},
		{"name": "Lea Schäfer", "email": "lea@example.com", "role": "mentor", "department": "Marketing", "generation": "Gen Y", "region": "Deutschland"},
		{"name": "Sam Peer", "email": "sam@example.com", "role": "peer", "department": "IT", "generation": "Gen Y", "region": "UK"},
		{"name": "Kim Peer", "email": "kim@example.com", "role": "peer", "department": "Personal", "generation": "Gen X", "region": "UK"},
	}, &ids)
	s.Participants = ids.IDs
	p := s.Participants
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+s.CohortID+"/tandems", map[string]any{"members": []string{p[1], p[2], p[0]}}, nil)
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+s.CohortID+"/tandems", map[string]any{"members": []string{p[4], p[3]}}, nil)
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+s.CohortID+"/tandems", map[string]any{"members": []string{p[5], p[6]}}, nil)
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+s.CohortID+"/surveys", map[string]any{"phase": "final",
		"opens_at": opens.Format(time.RFC3339), "closes_at": closes.Format(time.RFC3339)}, &id)
	s.SurveyID = id.ID
	var invs []struct {
		ParticipantID string `json:"participant_id"`
		URL           string `json:"url"`
	}
	ts.mustAPI(201, "POST", "/api/v1/surveys/"+s.SurveyID+"/invitations", nil, &invs)
	s.Links = map[string]string{}
	for _, inv := range invs {
		s.Links[inv.ParticipantID] = strings.TrimPrefix(inv.URL, "http://tandem.test")
	}
	return s
}

// menteeAnswers is a complete, valid final form of a mentee.
func menteeAnswers(satisfaction string) url.Values {
	v := url.Values{}
	catalog, _ := survey.LoadCatalog()
	for _, sec := range catalog.Phase(survey.PhaseFinal).For(survey.RoleMentee) {
		for _, it := range sec.Items {
			switch it.Type {
			case survey.Likert5:
				v.Set(it.Key, "4")
			case survey.Scale10:
				v.Set(it.Key, "9")
			case survey.Single:
				v.Set(it.Key, it.Options[0].Value)
			case survey.Multi:
				v[it.Key] = []string{it.Options[0].Value, it.Options[1].Value}
			case survey.Text:
				v.Set(it.Key, "Grüße aus Köln – Zoë 👋")
			}
		}
	}
	v.Set("overall_satisfaction", satisfaction)
	return v
}

var fieldError = regexp.MustCompile(`<p class="error" id="err-([a-z0-9_]+)">`)

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func decodeJSON(t *testing.T, r io.Reader, v any) {
	t.Helper()
	b, _ := io.ReadAll(r)
	if len(b) == 0 {
		return
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
}
