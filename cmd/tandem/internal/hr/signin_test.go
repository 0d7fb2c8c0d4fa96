package hr

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tandem/survey"
)

func TestFirstAdminFromAdminToken(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	r := c.get("/hr/signin").must(t, http.StatusOK, "sign-in page")
	if !strings.Contains(r.body, `href="/hr/setup"`) {
		t.Errorf("the sign-in page does not offer the setup while no account exists")
	}
	c.get("/hr/setup").must(t, http.StatusOK, "setup page")
	form := url.Values{"token": {"wrong-token-wrong-token"}, "email": {"anna@example.com"}, "password": {"a long enough password"}}
	c.post("/hr/setup", form).must(t, http.StatusUnauthorized, "wrong token")
	form.Set("token", testAdminToken)
	form.Set("password", "short")
	r = c.post("/hr/setup", form).must(t, http.StatusUnprocessableEntity, "short password")
	if !strings.Contains(r.body, `id="err-password"`) {
		t.Errorf("no error next to the password:\n%s", r.body)
	}
	form.Set("password", "a long enough password")
	r = c.post("/hr/setup", form).must(t, http.StatusSeeOther, "setup")
	if loc := r.header.Get("Location"); loc != "/hr/programs?done=welcome" {
		t.Errorf("got redirect to %q", loc)
	}
	r = c.get("/hr/programs").must(t, http.StatusOK, "programs after setup")
	if !strings.Contains(r.body, "anna@example.com") {
		t.Errorf("the page does not say who is signed in")
	}
	// Only once: with an account, the setup page is gone.
	e.client().get("/hr/setup").must(t, http.StatusNotFound, "setup once there is an account")
	c2 := e.client()
	form.Set("email", "mallory@example.com")
	form.Del("csrf")
	c2.post("/hr/setup", form).must(t, http.StatusNotFound, "second setup")
	if n, _ := e.store.AccountCount(t.Context()); n != 1 {
		t.Errorf("got %d accounts, want 1", n)
	}
}

func TestSignInOutAndRedirects(t *testing.T) {
	e := newEnv(t)
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.client()
	// Signed out: every page sends to sign-in, keeping where one wanted to go.
	for _, path := range []string{"/hr/programs", "/hr/accounts", "/hr/programs/x", "/hr/cohorts/x", "/hr/surveys/x", "/hr/cohorts/x/report.xlsx"} {
		r := c.get(path)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/hr/signin?next="+url.QueryEscape(path) {
			t.Errorf("GET %s signed out: got %d to %q", path, r.status, r.header.Get("Location"))
		}
	}
	r := c.post("/hr/programs", url.Values{"name": {"X"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/hr/signin") {
		t.Errorf("POST signed out: got %d to %q", r.status, r.header.Get("Location"))
	}
	c.signIn("admin@example.com", "wrong password!", http.StatusUnauthorized)
	c.signIn("nobody@example.com", testPassword, http.StatusUnauthorized)
	r = c.post("/hr/signin", url.Values{"email": {"Admin@Example.com"}, "password": {testPassword}, "next": {"/hr/accounts"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/hr/accounts" {
		t.Fatalf("sign in: got %d to %q", r.status, r.header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range (&http.Response{Header: r.header}).Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/hr" || cookie.MaxAge <= 0 {
		t.Errorf("session cookie: got %+v", cookie)
	}
	c.csrf = ""
	c.get("/hr/accounts").must(t, http.StatusOK, "accounts as admin")
	r = c.post("/hr/signout", nil).must(t, http.StatusSeeOther, "sign out")
	if r := c.get("/hr/programs"); r.status != http.StatusSeeOther {
		t.Errorf("after sign-out: got %d, want a redirect to sign-in", r.status)
	}
	// An outside next is not followed.
	c.csrf = ""
	r = c.post("/hr/signin", url.Values{"email": {"admin@example.com"}, "password": {testPassword}, "next": {"//evil.example/x"}})
	if r.header.Get("Location") != "/hr/programs" {
		t.Errorf("next //evil.example: got redirect to %q", r.header.Get("Location"))
	}
}

func TestSecureCookieBehindHTTPS(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.BaseURL = "https://survey.example.com" })
	e.account(survey.AccountAdmin, "admin@example.com")
	r := e.client().post("/hr/signin", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	for _, ck := range (&http.Response{Header: r.header}).Cookies() {
		if !ck.Secure {
			t.Errorf("cookie %s is not Secure behind https", ck.Name)
		}
	}
}

func TestCSRFRefused(t *testing.T) {
	e := newEnv(t)
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	for _, tc := range []struct{ name, token string }{{"missing", ""}, {"wrong", "not-the-token"}} {
		form := url.Values{"name": {"Sneaky program"}, "language": {"en"}, "csrf": {tc.token}}
		if tc.token == "" {
			form.Del("csrf")
			form["csrf"] = nil
		}
		c.post("/hr/programs", form).must(t, http.StatusForbidden, tc.name+" CSRF token")
	}
	// The signed-out forms have theirs too.
	c2 := e.client()
	c2.post("/hr/signin", url.Values{"email": {"admin@example.com"}, "password": {testPassword}, "csrf": {"forged"}}).
		must(t, http.StatusForbidden, "sign-in without the cookie's token")
	// The token of one session does not work for another.
	other := e.signedIn("admin@example.com")
	form := url.Values{"name": {"Sneaky program"}, "language": {"en"}, "csrf": {other.csrf}}
	c.post("/hr/programs", form).must(t, http.StatusForbidden, "another session's token")
	if ps, _ := e.store.Programs(t.Context()); len(ps) != 0 {
		t.Errorf("got %d programs, want none", len(ps))
	}
	// A cross-site post is refused before any of it is read.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/hr/programs", strings.NewReader("name=x&csrf="+c.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := c.do(req); r.status != http.StatusForbidden {
		t.Errorf("cross-site post: got %d, want 403", r.status)
	}
}

func TestLoginThrottling(t *testing.T) {
	e := newEnv(t)
	e.account(survey.AccountOrganiser, "org@example.com")
	c := e.client()
	// Per account: 5 failures, then even the right password is not tried.
	for range 5 {
		c.signIn("org@example.com", "wrong password!", http.StatusUnauthorized)
	}
	r := c.signIn("org@example.com", testPassword, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Another account from the same address still works (until the
	// address has failed 20 times).
	e.account(survey.AccountViewer, "viewer@example.com")
	c.signIn("viewer@example.com", testPassword, http.StatusSeeOther)
	d := e.client()
	for i := range 15 {
		d.signIn("nobody"+string(rune('a'+i))+"@example.com", "wrong password!", http.StatusUnauthorized)
	}
	d.signIn("viewer@example.com", testPassword, http.StatusTooManyRequests)
}

// TestLoginThrottlingCannotLockOut: wrong passwords for an account from
// one address throttle that address for that account, not the account's
// owner elsewhere; the guessing address stays throttled.
func TestLoginThrottlingCannotLockOut(t *testing.T) {
	e := newEnv(t) // the test router trusts X-Forwarded-For, so clients can have addresses
	e.account(survey.AccountOrganiser, "org@example.com")
	attacker, owner, colleague := e.client(), e.client(), e.client()
	attacker.addr, owner.addr, colleague.addr = "198.51.100.7", "203.0.113.20", "203.0.113.21"
	for range 5 {
		attacker.signIn("org@example.com", "wrong password!", http.StatusUnauthorized)
	}
	for range 4 {
		colleague.signIn("org@example.com", "wrong password!", http.StatusUnauthorized)
	}
	steps := []struct {
		who  *client
		name string
		want int
	}{
		{attacker, "the guessing address, right password", http.StatusTooManyRequests},
		{owner, "the owner elsewhere", http.StatusSeeOther},
		{attacker, "the guessing address again", http.StatusTooManyRequests},
		{colleague, "an address with 4 failures of its own", http.StatusSeeOther},
	}
	for _, s := range steps {
		if r := s.who.signIn("org@example.com", testPassword, s.want); s.want == http.StatusTooManyRequests && r.header.Get("Retry-After") != "60" {
			t.Errorf("%s: got Retry-After %q, want 60", s.name, r.header.Get("Retry-After"))
		}
	}
}

func TestSessionSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	e.restart()
	c.get("/hr/programs").must(t, http.StatusOK, "programs after a restart")
	// ...and the CSRF token of the session still holds.
	c.post("/hr/programs", url.Values{"name": {"After restart"}, "language": {"de"}, "threshold": {"5"}, "mode": {"confidential"}}).
		must(t, http.StatusSeeOther, "create a program after a restart")
}

func TestSessionExpires(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	e := newEnv(t, func(c *Config) { c.Now = clock })
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	now = now.Add(SessionLifetime + time.Minute)
	if r := c.get("/hr/programs"); r.status != http.StatusSeeOther {
		t.Errorf("after expiry: got %d, want a redirect to sign-in", r.status)
	}
}

func TestLanguage(t *testing.T) {
	e := newEnv(t)
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.client()
	c.lang = "de-DE,de;q=0.9,en;q=0.5"
	if r := c.get("/hr/signin"); !strings.Contains(r.body, `<html lang="de">`) || !strings.Contains(r.body, "Anmelden") {
		t.Errorf("Accept-Language de: not German")
	}
	c.lang = "fr, en;q=0.8, de;q=0.7"
	if r := c.get("/hr/signin"); !strings.Contains(r.body, `<html lang="en">`) {
		t.Errorf("Accept-Language en before de: not English")
	}
	c.signIn("admin@example.com", testPassword, http.StatusSeeOther)
	r := c.post("/hr/language", url.Values{"lang": {"de"}, "back": {"/hr/accounts"}}).must(t, http.StatusSeeOther, "switch")
	if r.header.Get("Location") != "/hr/accounts" {
		t.Errorf("back to %q", r.header.Get("Location"))
	}
	if r := c.get("/hr/accounts"); !strings.Contains(r.body, `<html lang="de">`) {
		t.Errorf("after switching: not German")
	}
	// The choice is the account's: it holds in another browser too.
	c2 := e.signedIn("admin@example.com")
	if r := c2.get("/hr/programs"); !strings.Contains(r.body, `<html lang="de">`) {
		t.Errorf("another browser: not German")
	}
}
