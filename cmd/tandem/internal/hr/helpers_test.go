package hr

import (
	"context"
	"crypto/sha256"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/store"
)

const testAdminToken = "hr-test-admin-token-0123456789"

// env is the HR pages over a real DuckDB file, served by httptest.
type env struct {
	t     testing.TB
	path  string
	key   store.Key // the server key, the same across restarts
	store *store.Store
	pages *Pages
	srv   *httptest.Server
	cfg   Config
}

func init() { gin.SetMode(gin.TestMode) }

// newEnv starts the pages on a fresh database; mod may change the config.
func newEnv(tb testing.TB, mod ...func(*Config)) *env {
	tb.Helper()
	e := &env{t: tb, path: filepath.Join(tb.TempDir(), "hr.duckdb"), key: store.NewKey()}
	e.start(mod...)
	tb.Cleanup(e.stop)
	return e
}

func (e *env) start(mod ...func(*Config)) {
	e.t.Helper()
	st, err := store.Open(context.Background(), e.path, store.WithKey(e.key))
	if err != nil {
		e.t.Fatal(err)
	}
	cat, err := survey.LoadCatalog()
	if err != nil {
		e.t.Fatal(err)
	}
	h := sha256.Sum256([]byte(testAdminToken))
	cfg := Config{Store: st, Catalog: cat, BaseURL: "http://tandem.test", AdminTokenHash: h[:],
		Now: time.Now, Log: slog.New(slog.DiscardHandler)}
	for _, m := range mod {
		m(&cfg)
	}
	if cfg.Reader == nil {
		cfg.Reader = &analytics.Reader{DB: st.DB(), Catalog: cat, Now: cfg.Now}
	}
	p, err := New(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	r := gin.New()
	p.Register(r)
	e.store, e.pages, e.cfg = st, p, cfg
	e.srv = httptest.NewServer(http.NewCrossOriginProtection().Handler(r))
}

func (e *env) stop() {
	if e.srv != nil {
		e.srv.Close()
		e.store.Close()
		e.srv = nil
	}
}

// restart stops the server and opens the database again: what survives is
// what was stored.
func (e *env) restart() {
	e.stop()
	e.start()
}

// account makes an account with password "correct horse battery" and, for
// non-admins, membership of programs.
func (e *env) account(role survey.AccountRole, email string, programs ...string) survey.Account {
	e.t.Helper()
	a, err := e.store.CreateAccount(context.Background(), survey.Account{Email: email, Name: string(role), Role: role}, HashPassword(testPassword))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range programs {
		if err := e.store.AddProgramMember(context.Background(), p, a.ID); err != nil {
			e.t.Fatal(err)
		}
	}
	return a
}

const testPassword = "correct horse battery"

// client is a browser: it keeps cookies, follows no redirect and sends
// the CSRF token of its session with every form.
type client struct {
	e    *env
	http *http.Client
	csrf string
	lang string
	addr string // the client's address as a proxy names it; "" for the connection's
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, lang: "en", http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// signedIn returns a client signed in as email.
func (e *env) signedIn(email string) *client {
	e.t.Helper()
	c := e.client()
	c.signIn(email, testPassword, http.StatusSeeOther)
	return c
}

type response struct {
	status int
	body   string
	header http.Header
}

func (c *client) do(req *http.Request) response {
	c.e.t.Helper()
	req.Header.Set("Accept-Language", c.lang)
	if c.addr != "" {
		req.Header.Set("X-Forwarded-For", c.addr)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := response{status: res.StatusCode, body: string(b), header: res.Header}
	if m := csrfField.FindStringSubmatch(r.body); m != nil {
		c.csrf = html.UnescapeString(m[1])
	}
	return r
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) get(path string) response {
	c.e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	return c.do(req)
}

// post sends form with the client's CSRF token (fetched from a page first
// if it has none yet), unless form sets csrf itself.
func (c *client) post(path string, form url.Values) response {
	c.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, set := form["csrf"]; !set {
		if c.csrf == "" {
			c.get("/hr/signin")
		}
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) signIn(email, password string, want int) response {
	c.e.t.Helper()
	r := c.post("/hr/signin", url.Values{"email": {email}, "password": {password}})
	if r.status != want {
		c.e.t.Fatalf("sign in as %s: got status %d, want %d:\n%s", email, r.status, want, r.body)
	}
	if want == http.StatusSeeOther {
		c.csrf = "" // the session has its own token
		c.get("/hr/programs")
	}
	return r
}

// must fails the test unless r has status want.
func (r response) must(t testing.TB, want int, what string) response {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s: got status %d, want %d:\n%s", what, r.status, want, r.body)
	}
	return r
}
