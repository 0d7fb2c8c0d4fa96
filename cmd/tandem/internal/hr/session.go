package hr

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// Cookies of the HR pages, all limited to /hr.
const (
	sessionCookie = "tandem_session"
	csrfCookie    = "tandem_csrf" // the signed-out forms' token (sign-in, setup)
	langCookie    = "tandem_lang"
	cookiePath    = "/hr"
	// SessionLifetime is how long a sign-in lasts; then one signs in again.
	SessionLifetime = 12 * time.Hour
	// maxPostBody bounds every form post; the participant import is the
	// largest (a file, or the previewed rows sent back).
	maxPostBody = 12 << 20
)

// sess is who is asking: the account (nil when signed out) and the CSRF
// token their forms must carry.
type sess struct {
	account *survey.Account
	idHash  []byte
	csrf    string
}

const ctxSession = "hr.session"

func current(c *gin.Context) *sess {
	if s, ok := c.Get(ctxSession); ok {
		return s.(*sess)
	}
	return &sess{}
}

// session finds the signed-in account behind the session cookie, if any.
// Signed-out visitors get a random CSRF cookie for the sign-in and setup
// forms instead (double submit: the form must echo it).
func (p *Pages) session(c *gin.Context) {
	if !p.loadSession(c) {
		c.Abort()
		return
	}
	c.Next()
}

// loadSession puts who is asking into c, as session describes. It reports
// false when it could not and has answered the request instead.
func (p *Pages) loadSession(c *gin.Context) bool {
	s := &sess{}
	if raw, err := c.Cookie(sessionCookie); err == nil && raw != "" {
		h := sha256.Sum256([]byte(raw))
		found, err := p.Store.SessionByHash(c, h[:], p.Now())
		switch survey.ErrorCode(err) {
		case "":
			s = &sess{account: &found.Account, idHash: h[:], csrf: csrfOf(raw)}
		case survey.ENotFound:
			p.setCookie(c, sessionCookie, "", -1)
		default:
			p.fail(c, err)
			return false
		}
	}
	if s.account == nil {
		tok, err := c.Cookie(csrfCookie)
		if err != nil || len(tok) != 26 {
			tok = rand.Text()
			p.setCookie(c, csrfCookie, tok, 0)
		}
		s.csrf = tok
	}
	c.Set(ctxSession, s)
	return true
}

// NotFound renders the HR pages' not-found page for a path under /hr that
// leads nowhere, in the visitor's language and with their session's links.
func (p *Pages) NotFound(c *gin.Context) {
	if p.loadSession(c) {
		p.message(c, http.StatusNotFound, "notfound")
	}
}

// csrfOf derives the CSRF token of a session from its secret ID, so that
// nothing more is stored and only the session's holder can know it.
func csrfOf(sessionID string) string {
	h := sha256.Sum256([]byte("tandem csrf\x00" + sessionID))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// csrf refuses a POST whose form lacks the session's CSRF token. The
// body is capped first, so that reading the form costs little.
func (p *Pages) csrf(c *gin.Context) {
	if c.Request.Method != http.MethodPost {
		c.Next()
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxPostBody)
	var err error
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		err = c.Request.ParseMultipartForm(8 << 20)
	} else {
		err = c.Request.ParseForm()
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.tooLarge(c)
		} else {
			p.message(c, http.StatusBadRequest, "badrequest")
		}
		c.Abort()
		return
	}
	got, want := c.Request.PostFormValue("csrf"), current(c).csrf
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		p.message(c, http.StatusForbidden, "csrf")
		c.Abort()
		return
	}
	// Browsers send the pages' forms as UTF-8; other bytes would reach the
	// database as IDs it cannot even compare.
	for _, vs := range c.Request.PostForm {
		if slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }) {
			p.message(c, http.StatusBadRequest, "badrequest")
			c.Abort()
			return
		}
	}
	c.Next()
}

// signedIn sends signed-out requests to the sign-in page, which brings
// them back afterwards.
func (p *Pages) signedIn(c *gin.Context) {
	if current(c).account != nil {
		c.Next()
		return
	}
	next := c.Request.URL.Path
	if c.Request.Method == http.MethodGet && c.Request.URL.RawQuery != "" {
		next += "?" + c.Request.URL.RawQuery
	}
	if c.Request.Method != http.MethodGet {
		next = "/hr/programs"
	}
	c.Redirect(http.StatusSeeOther, "/hr/signin?next="+url.QueryEscape(next))
	c.Abort()
}

// startSession signs acct in with a new session ID (never one the client
// brought) and sets the cookie.
func (p *Pages) startSession(c *gin.Context, acct survey.Account) error {
	raw := rand.Text() + rand.Text() // 256 bits
	h := sha256.Sum256([]byte(raw))
	if err := p.Store.CreateSession(c, h[:], acct.ID, p.Now().Add(SessionLifetime)); err != nil {
		return err
	}
	p.setCookie(c, sessionCookie, raw, int(SessionLifetime.Seconds()))
	if _, err := p.Store.DeleteExpiredSessions(c, p.Now()); err != nil {
		p.Log.WarnContext(c, "delete expired sessions", "err", err)
	}
	return nil
}

// setCookie sets an HttpOnly, SameSite=Lax cookie under /hr, Secure when
// the service is reached over HTTPS. maxAge 0 lasts the browser session,
// negative deletes.
func (p *Pages) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: cookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteLaxMode})
}

// safeNext returns next if it is a path of the HR pages, so that the
// sign-in cannot be used to send anyone elsewhere.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") ||
		!(u.Path == "/hr" || strings.HasPrefix(u.Path, "/hr/")) || strings.HasPrefix(u.Path, "/hr/static") {
		return "/hr/programs"
	}
	return next
}

// lang is the language of the page: the account's choice, else the
// visitor's (cookie), else the browser's preference (survey.AcceptLanguage),
// else English.
func (p *Pages) lang(c *gin.Context) string {
	if a := current(c).account; a != nil && survey.IsLanguage(a.Language) {
		return a.Language
	}
	if l, err := c.Cookie(langCookie); err == nil && survey.IsLanguage(l) {
		return l
	}
	if l := survey.AcceptLanguage(c.GetHeader("Accept-Language")); l != "" {
		return l
	}
	return "en"
}

// language switches the language: for the account if signed in, and in a
// cookie for the sign-in page.
func (p *Pages) language(c *gin.Context) {
	l := c.PostForm("lang")
	if !survey.IsLanguage(l) {
		p.message(c, http.StatusUnprocessableEntity, "badrequest")
		return
	}
	p.setCookie(c, langCookie, l, 365*24*3600)
	if a := current(c).account; a != nil {
		if err := p.Store.SetAccountLanguage(c, a.ID, l); err != nil {
			p.fail(c, err)
			return
		}
	}
	c.Redirect(http.StatusSeeOther, safeNext(c.PostForm("back")))
}
