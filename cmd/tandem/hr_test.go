package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/survey/store"
)

// hrClient is a browser on the HR pages of the real router.
type hrClient struct {
	t    *testing.T
	ts   *testServer
	http *http.Client
	csrf string
}

var hrCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (ts *testServer) hrClient(t *testing.T) *hrClient {
	jar, _ := cookiejar.New(nil)
	return &hrClient{t: t, ts: ts, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *hrClient) do(req *http.Request) (*http.Response, []byte) {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := hrCSRF.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return res, b
}

func (c *hrClient) get(path string) (*http.Response, []byte) {
	req, _ := http.NewRequest(http.MethodGet, c.ts.URL+path, nil)
	return c.do(req)
}

func (c *hrClient) post(path string, form url.Values) (*http.Response, []byte) {
	if c.csrf == "" {
		c.get("/hr/signin")
	}
	form.Set("csrf", c.csrf)
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// upload posts a file as the multipart form field "file", with the
// client's CSRF token, as the import form does.
func (c *hrClient) upload(path, name string, data []byte) (*http.Response, []byte) {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/hr/signin")
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// admin returns a client signed in as the first admin, made from the
// admin token.
func (ts *testServer) admin(t *testing.T) *hrClient {
	t.Helper()
	c := ts.hrClient(t)
	res, _ := c.post("/hr/setup", url.Values{"token": {testToken}, "email": {"admin@example.com"}, "password": {"a long enough password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: got %d", res.StatusCode)
	}
	c.csrf = ""
	c.get("/hr/programs")
	return c
}

// TestHRThroughTheRouter: the first admin from the admin token, the
// service's security headers on every HR page, and the workbook and raw
// data downloaded with the session (the API's are behind the token).
func TestHRThroughTheRouter(t *testing.T) {
	ts := newTestServer(t)
	s := ts.setupCohort("confidential", time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour), map[string]any{"raw_rows": true})
	c := ts.hrClient(t)
	res, _ := c.get("/hr/programs")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/hr/signin") {
		t.Fatalf("signed out: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = c.post("/hr/setup", url.Values{"token": {testToken}, "email": {"admin@example.com"}, "password": {"a long enough password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: got %d", res.StatusCode)
	}
	c.csrf = ""
	for _, path := range []string{"/hr/programs", "/hr/programs/" + s.ProgramID, "/hr/cohorts/" + s.CohortID, "/hr/cohorts/" + s.CohortID + "/results",
		"/hr/surveys/" + s.SurveyID, "/hr/surveys/" + s.SurveyID + "/results", "/hr/accounts"} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: got %d", path, res.StatusCode)
			continue
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") || res.Header.Get("X-Frame-Options") != "DENY" ||
			res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", path, res.Header)
		}
		if bytes.Contains(body, []byte("<script")) || bytes.Contains(body, []byte(` style="`)) {
			t.Errorf("%s: inline script or style", path)
		}
	}
	if res, _ := c.get("/hr/static/hr.css"); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("hr.css: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	// Someone answers, then the workbook comes with the session.
	if code, _, _ := ts.page("POST", s.Links[s.Participants[0]], menteeAnswers("5")); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	res, body := c.get("/hr/cohorts/" + s.CohortID + "/report.xlsx")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("workbook: got %d %v: %.300s", res.StatusCode, res.Header, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	if len(f.GetSheetList()) < 3 {
		t.Errorf("the workbook has sheets %v", f.GetSheetList())
	}
	res, body = c.get("/hr/cohorts/" + s.CohortID + "/responses.csv")
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("survey_id")) {
		t.Errorf("raw data: got %d: %.200s", res.StatusCode, body)
	}
	// The API's download still wants the token, not the cookie.
	res, _ = c.get("/api/v1/cohorts/" + s.CohortID + "/report.xlsx")
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API with a session cookie: got %d, want 401", res.StatusCode)
	}
}

func TestUserAddCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tandem.duckdb")
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	code := run(context.Background(), []string{"user", "add", "--db", db, "--email", "Anna@Example.com", "--role", "admin"}, &out, &errb, env)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	m := regexp.MustCompile(`Password \(shown once\): (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no generated password in %q", out.String())
	}
	// From stdin, for scripts.
	out.Reset()
	code = userCmd(context.Background(), []string{"add", "--db", db, "--email", "v@example.com", "--role", "viewer", "--password-stdin"},
		strings.NewReader("a long enough password\n"), &out, &errb, env)
	if code != 0 || strings.Contains(out.String(), "Password") {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	for _, tc := range []struct {
		args  []string
		stdin string
	}{
		{[]string{"add", "--db", db, "--email", "x@example.com", "--role", "boss"}, ""},
		{[]string{"add", "--db", db, "--email", "y@example.com", "--role", "viewer", "--password-stdin"}, "short\n"},
		{[]string{"add", "--db", db, "--email", "anna@example.com", "--role", "viewer"}, ""},
	} {
		if code := userCmd(context.Background(), tc.args, strings.NewReader(tc.stdin), &out, &errb, env); code == 0 {
			t.Errorf("%v: exit 0", tc.args)
		}
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, hash, err := st.AccountByEmail(context.Background(), "anna@example.com")
	if err != nil || !strings.HasPrefix(hash, "$argon2id$v=19$") {
		t.Fatalf("stored hash %q, %v", hash, err)
	}
	if n, _ := st.AccountCount(context.Background()); n != 2 {
		t.Errorf("got %d accounts, want 2", n)
	}
}
