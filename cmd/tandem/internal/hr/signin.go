package hr

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/throttle"
)

type signinPage struct {
	base
	Errors     []fieldError
	Email      string
	Next       string
	Blocked    bool
	NoAccounts bool
}

func (p *Pages) signinPage(c *gin.Context) {
	if current(c).account != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	p.renderSignin(c, http.StatusOK, signinPage{Next: safeNext(c.Query("next"))})
}

func (p *Pages) renderSignin(c *gin.Context, status int, v signinPage) {
	v.base = p.page(c, "signin.title")
	if n, err := p.Store.AccountCount(c); err == nil && n == 0 {
		v.NoAccounts = true
	}
	p.render(c, status, "signin", v)
}

// signin checks e-mail and password. Failures are counted per client
// address and per account from that address; past either limit no
// password is even checked. Counting per account alone would let anyone
// lock a person out by failing for them from elsewhere. Whether the
// account exists or the password was wrong is not told apart.
func (p *Pages) signin(c *gin.Context) {
	email := strings.ToLower(strings.TrimSpace(c.PostForm("email")))
	pw := c.PostForm("password")
	v := signinPage{Email: email, Next: safeNext(c.PostForm("next"))}
	client := c.ClientIP()
	pair := email + "\x00" + client // an e-mail address holds no NUL
	for _, l := range []struct {
		limiter *throttle.Limiter
		key     string
	}{{p.byClient, client}, {p.byPair, pair}} {
		if l.limiter.Blocked(l.key) {
			c.Header("Retry-After", strconv.Itoa(int(l.limiter.Every.Seconds())))
			v.Blocked = true
			p.renderSignin(c, http.StatusTooManyRequests, v)
			return
		}
	}
	acct, hash, err := p.Store.AccountByEmail(c, email)
	ok := false
	switch survey.ErrorCode(err) {
	case "":
		ok = VerifyPassword(hash, pw)
	case survey.ENotFound:
		VerifyPassword(p.dummyHash, pw) // the same work as for a real account
	default:
		p.fail(c, err)
		return
	}
	if !ok {
		p.byClient.Fail(client)
		p.byPair.Fail(pair)
		lang := p.lang(c)
		v.Errors = []fieldError{{Anchor: "f-email", Message: msg(lang, "signin.wrong")}}
		p.renderSignin(c, http.StatusUnauthorized, v)
		return
	}
	if err := p.startSession(c, acct); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, v.Next)
}

func (p *Pages) signout(c *gin.Context) {
	if err := p.Store.DeleteSession(c, current(c).idHash); err != nil {
		p.fail(c, err)
		return
	}
	p.setCookie(c, sessionCookie, "", -1)
	c.Redirect(http.StatusSeeOther, "/hr/signin?done=signedout")
}

// accountForm is the form that makes an account.
type accountForm struct {
	base
	Errors     []fieldError
	E          map[string]string
	Form       survey.AccountInput
	NewAccount bool // an admin making someone else's account (not the first)
}

// setupPage makes the first admin from the admin token, while no account
// exists; afterwards it is gone.
func (p *Pages) setupPage(c *gin.Context) {
	if !p.setupOpen(c) {
		return
	}
	v := accountForm{base: p.page(c, "setup.title")}
	p.render(c, http.StatusOK, "setup", v)
}

func (p *Pages) setupOpen(c *gin.Context) bool {
	n, err := p.Store.AccountCount(c)
	if err != nil {
		p.fail(c, err)
		return false
	}
	if n > 0 {
		p.message(c, http.StatusNotFound, "setupdone")
		return false
	}
	return true
}

func (p *Pages) setup(c *gin.Context) {
	if !p.setupOpen(c) {
		return
	}
	v := accountForm{base: p.page(c, "setup.title"), Form: survey.AccountInput{Email: c.PostForm("email"), Name: c.PostForm("name"),
		Role: string(survey.AccountAdmin), Password: c.PostForm("password")}}
	client := c.ClientIP()
	if p.byClient.Blocked(client) {
		c.Header("Retry-After", strconv.Itoa(int(p.byClient.Every.Seconds())))
		p.message(c, http.StatusTooManyRequests, "ratelimited")
		return
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(c.PostForm("token"))))
	if len(p.AdminTokenHash) != len(sum) || subtle.ConstantTimeCompare(sum[:], p.AdminTokenHash) != 1 {
		p.byClient.Fail(client)
		v.Errors = []fieldError{{Field: "token", Anchor: "f-token", Message: msg(v.Lang, "setup.token.wrong")}}
		v.E = errMap(v.Errors)
		p.render(c, http.StatusUnauthorized, "setup", v)
		return
	}
	a, err := v.Form.Account()
	if err == nil {
		a.Language = v.Lang
		a, err = p.Store.CreateFirstAccount(c, a, HashPassword(v.Form.Password))
	}
	if survey.ErrorCode(err) == survey.EInvalid {
		v.Errors = formErrors(v.Lang, err, "f-", nil)
		v.E = errMap(v.Errors)
		p.render(c, http.StatusUnprocessableEntity, "setup", v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	if err := p.startSession(c, a); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/programs?done=welcome")
}

// errMap indexes errs by field, for the messages next to each field.
func errMap(errs []fieldError) map[string]string {
	m := map[string]string{}
	for _, e := range errs {
		if _, seen := m[e.Field]; !seen && e.Field != "" {
			m[e.Field] = e.Message
		}
	}
	return m
}
