package web

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/throttle"
)

// MaxFormBody caps a participant's form post.
const MaxFormBody = 256 << 10

// FormStore is what the participant pages need of the store.
type FormStore interface {
	FormByToken(ctx context.Context, token string) (store.Form, error)
	MarkOpened(ctx context.Context, invitationID string) error
	Submit(ctx context.Context, f store.Form, lang string, answers []survey.Answer) error
}

// Pages serves the participant pages behind personal links (survey.Link);
// their routes are listed in cmd/tandem's route table.
type Pages struct {
	store   FormStore
	catalog *survey.Catalog
	now     func() time.Time
	tmpl    engine
	// Observe, when set, is told of every accepted or refused submission
	// (for metrics); reason is "" for accepted.
	Observe func(phase survey.Phase, reason string)
	// Limiter, when set, blocks clients that keep trying unknown links.
	Limiter *throttle.Limiter
}

// NewPages parses the templates and returns the participant pages.
func NewPages(st FormStore, catalog *survey.Catalog, now func() time.Time) (*Pages, error) {
	e, err := newEngine()
	if err != nil {
		return nil, err
	}
	return &Pages{store: st, catalog: catalog, now: now, tmpl: e}, nil
}

// lookup finds the form behind the link or renders why there is none. A
// valid link always leads to its form, even from a client blocked for
// guessing: people behind one address (an office, a mobile network) must
// not lose their own links because of someone else's typos, and with 160
// random bits per token the block is not what keeps guessing hopeless.
func (p *Pages) lookup(c *gin.Context) (store.Form, string, bool) {
	// Until the program is known, the browser's preference decides.
	lang := pickLang(c.Query("lang"), survey.AcceptLanguage(c.GetHeader("Accept-Language")))
	tok := c.Param("token")
	if !survey.WellFormedToken(tok) {
		p.unknown(c, lang)
		return store.Form{}, lang, false
	}
	f, err := p.store.FormByToken(c, tok)
	switch survey.ErrorCode(err) {
	case "":
		return f, pickLang(c.Query("lang"), f.Program.Language), true
	case survey.ENotFound:
		p.unknown(c, lang)
	default:
		slog.ErrorContext(c, "form lookup", "err", err)
		p.message(c, http.StatusInternalServerError, lang, "error", "", "")
	}
	return f, lang, false
}

// NotFound answers a path of the participant pages that leads to no form
// (an unknown route, a link that cannot be a token) as an unknown link.
func (p *Pages) NotFound(c *gin.Context) {
	p.unknown(c, pickLang(c.Query("lang"), survey.AcceptLanguage(c.GetHeader("Accept-Language"))))
}

// unknown answers a link that leads nowhere: 404, counted against the
// client, or 429 once the client has failed too often.
func (p *Pages) unknown(c *gin.Context, lang string) {
	if p.Limiter == nil {
		p.message(c, http.StatusNotFound, lang, "unknown", "", "")
		return
	}
	if p.Limiter.Blocked(c.ClientIP()) {
		c.Header("Retry-After", strconv.Itoa(int(p.Limiter.Every.Seconds())))
		p.message(c, http.StatusTooManyRequests, lang, "ratelimited", "", "")
		return
	}
	p.Limiter.Fail(c.ClientIP())
	p.message(c, http.StatusNotFound, lang, "unknown", "", "")
}

// available renders the page for a link that cannot take answers now.
func (p *Pages) available(c *gin.Context, f store.Form, lang string) bool {
	if f.Invitation.SubmittedAt != nil {
		p.message(c, http.StatusConflict, lang, "already", f.Program.Name, "")
		return false
	}
	switch f.Survey.StatusAt(p.now()) {
	case survey.StatusScheduled:
		p.message(c, http.StatusGone, lang, "notopen", f.Program.Name, f.Survey.OpensAt.UTC().Format(msg(lang, "format.datetime")))
		return false
	case survey.StatusClosed:
		p.message(c, http.StatusGone, lang, "closed", f.Program.Name, "")
		return false
	}
	return true
}

// Show answers GET /s/{token}: the form of the invitation.
func (p *Pages) Show(c *gin.Context) {
	f, lang, ok := p.lookup(c)
	if !ok || !p.available(c, f, lang) {
		return
	}
	if f.Invitation.OpenedAt == nil {
		if err := p.store.MarkOpened(c, f.Invitation.ID); err != nil {
			slog.WarnContext(c, "mark opened", "err", err)
		}
	}
	p.form(c, http.StatusOK, f, lang, url.Values{}, nil)
}

// Submit answers POST /s/{token}: it checks and stores the answers, or
// shows the form again with what to correct.
func (p *Pages) Submit(c *gin.Context) {
	f, lang, ok := p.lookup(c)
	if !ok || !p.available(c, f, lang) {
		p.observe(f, "unavailable")
		return
	}
	ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		p.observe(f, "bad_request")
		p.message(c, http.StatusUnsupportedMediaType, lang, "badrequest", f.Program.Name, "")
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxFormBody)
	if err := c.Request.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.observe(f, "too_large")
			p.message(c, http.StatusRequestEntityTooLarge, lang, "toolarge", f.Program.Name, "")
			return
		}
		p.observe(f, "bad_request")
		p.message(c, http.StatusBadRequest, lang, "badrequest", f.Program.Name, "")
		return
	}
	form := c.Request.PostForm
	q := p.catalog.Phase(f.Survey.Phase)
	answers, err := survey.DecodeForm(q, f.Role, form)
	if err != nil {
		var e *survey.Error
		errors.As(err, &e)
		p.observe(f, "invalid")
		p.form(c, http.StatusUnprocessableEntity, f, lang, form, e.Details)
		return
	}
	switch err := p.store.Submit(c, f, lang, answers); survey.ErrorCode(err) {
	case "":
		p.observe(f, "")
		c.Redirect(http.StatusSeeOther, thanksURL(c.Param("token"), c.Query("lang")))
	case survey.EConflict:
		p.observe(f, "duplicate")
		p.message(c, http.StatusConflict, lang, "already", f.Program.Name, "")
	case survey.EGone:
		p.observe(f, "unavailable")
		p.message(c, http.StatusGone, lang, "closed", f.Program.Name, "")
	default:
		p.observe(f, "error")
		slog.ErrorContext(c, "submit", "err", err)
		p.message(c, http.StatusInternalServerError, lang, "error", f.Program.Name, "")
	}
}

func (p *Pages) observe(f store.Form, reason string) {
	if p.Observe != nil {
		p.Observe(f.Survey.Phase, reason)
	}
}

func thanksURL(token, lang string) string {
	u := survey.LinkPath(token) + "/thanks"
	if lang == "de" || lang == "en" {
		u += "?lang=" + lang
	}
	return u
}

// Thanks answers GET /s/{token}/thanks, once the form is answered.
func (p *Pages) Thanks(c *gin.Context) {
	f, lang, ok := p.lookup(c)
	if !ok {
		return
	}
	if f.Invitation.SubmittedAt == nil {
		c.Redirect(http.StatusSeeOther, survey.LinkPath(c.Param("token"))+langQuery(c.Query("lang")))
		return
	}
	p.message(c, http.StatusOK, lang, "thanks", f.Program.Name, "")
}

// pickLang chooses the page language: ?lang= if valid, else the program's,
// else English.
func pickLang(query, program string) string {
	if query == "de" || query == "en" {
		return query
	}
	if program == "de" {
		return "de"
	}
	return "en"
}

func langQuery(lang string) string {
	if lang == "de" || lang == "en" {
		return "?lang=" + lang
	}
	return ""
}
