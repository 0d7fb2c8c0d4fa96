package hr

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// base is what the layout needs of every page.
type base struct {
	Lang       string
	OtherLangs []string // the languages the pages can switch to
	Title      string
	Account    *survey.Account
	IsAdmin    bool
	CSRF       string
	Here       string // this page's path and query, for the language switch
	Nav        string // the active section: programs or accounts
	Crumbs     []crumb
	Flash      string
	Zone       string // the time zone dates are typed and shown in
}

// crumb is one step of the breadcrumb trail.
type crumb struct{ Label, URL string }

// page returns the base of a page titled by the message key title.
func (p *Pages) page(c *gin.Context, title string, args ...any) base {
	s := current(c)
	lang := p.lang(c)
	b := base{Lang: lang, OtherLangs: others(lang), Title: msg(lang, title, args...), Account: s.account, CSRF: s.csrf,
		Here: c.Request.URL.RequestURI(), Nav: "programs", Zone: p.Location.String()}
	b.IsAdmin = s.account != nil && s.account.Role == survey.AccountAdmin
	if done := c.Query("done"); done != "" && messages.Has("done."+done) {
		b.Flash = msg(lang, "done."+done)
	}
	return b
}

// others lists every language but lang.
func others(lang string) []string {
	return slices.DeleteFunc(survey.Languages(), func(l string) bool { return l == lang })
}

// messagePage is a page that only says something.
type messagePage struct {
	base
	Kind, Body string
	Link       *crumb
}

// message renders the page of kind: its title and body are the messages
// kind.title and kind.body.
func (p *Pages) message(c *gin.Context, status int, kind string) {
	v := messagePage{base: p.page(c, kind+".title"), Kind: kind}
	v.Body = msg(v.Lang, kind+".body")
	if v.Account != nil {
		v.Link = &crumb{Label: msg(v.Lang, "back.programs"), URL: "/hr/programs"}
	} else {
		v.Link = &crumb{Label: msg(v.Lang, "back.signin"), URL: "/hr/signin"}
	}
	p.render(c, status, "message", v)
}

// fail renders err as a page: what the user can act on is said, internal
// failures are logged and only called an error.
func (p *Pages) fail(c *gin.Context, err error) {
	switch survey.ErrorCode(err) {
	case survey.ENotFound:
		p.message(c, http.StatusNotFound, "notfound")
	case survey.EConflict:
		p.message(c, http.StatusConflict, "conflict")
	case survey.EInvalid:
		p.message(c, http.StatusUnprocessableEntity, "badrequest")
	case survey.ETooLarge:
		p.message(c, http.StatusRequestEntityTooLarge, "toolarge")
	default:
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.message(c, http.StatusRequestEntityTooLarge, "toolarge")
			return
		}
		p.Log.ErrorContext(c, "hr page failed", "route", c.FullPath(), "err", err)
		p.message(c, http.StatusInternalServerError, "error")
	}
}

// fieldError is a form error as shown: the field's label and the reason,
// both in the page's language.
type fieldError struct {
	Field, Anchor, Label, Message string
	Row                           int
}

// formErrors turns err's details into the page's language; names, where
// given, name the participants the details speak of by id. It returns nil
// unless err is an EInvalid error.
func formErrors(lang string, err error, prefix string, names map[string]string) []fieldError {
	var e *survey.Error
	if !errors.As(err, &e) || e.Code != survey.EInvalid {
		return nil
	}
	out := make([]fieldError, 0, len(e.Details))
	for _, d := range e.Details {
		out = append(out, fieldError{Field: d.Field, Anchor: prefix + d.Field, Label: fieldLabel(lang, d.Field),
			Message: d.Text(lang, names), Row: d.Row})
	}
	if len(out) == 0 {
		out = append(out, fieldError{Label: "", Message: e.Message})
	}
	return out
}

// errorFor returns the message of field among errs, or "".
func errorFor(errs []fieldError, field string) string {
	for _, e := range errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// conflictError is an EConflict's message as a form error of field.
func conflictError(lang string, err error, field string) []fieldError {
	if survey.ErrorCode(err) != survey.EConflict {
		return nil
	}
	return []fieldError{{Field: field, Anchor: "f-" + field, Label: fieldLabel(lang, field), Message: conflictReason(lang, err)}}
}
