package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/store"
)

// page is what the layout needs of every page.
type page struct {
	Lang      string
	PageTitle string
	Program   string
	// OtherLangs link the same page in each other language; none on a
	// page that answers a post.
	OtherLangs []langLink
}

// langLink is the same page in another language.
type langLink struct{ Code, URL string }

type messagePage struct {
	page
	Kind, Title, Body string
}

type formPage struct {
	page
	Title, Intro, Notice, Action, ErrorTitle string
	Errors                                   []errorView
	Sections                                 []sectionView
}

type errorView struct{ Anchor, Question, Message string }

type sectionView struct {
	Title, Intro string
	Items        []itemView
}

type itemView struct {
	Key, ID, Kind, Text, Hint, Error, Value, Describe string
	Required                                          bool
	MaxLength                                         int
	Choices                                           []choiceView
}

type choiceView struct {
	ID, Name, Value, Label, Input string
	Checked                       bool
}

// message renders a page that only says something: thanks, already
// answered, not open, closed, unknown link, errors.
func (p *Pages) message(c *gin.Context, status int, lang, kind, program, arg string) {
	body := msg(lang, kind+".body")
	if arg != "" {
		body = msg(lang, kind+".body", arg)
	}
	if program == "" {
		program = "tandem"
	}
	title := msg(lang, kind+".title")
	p.tmpl.render(c, status, "message", messagePage{
		page: page{Lang: lang, PageTitle: title + " – " + program, Program: program, OtherLangs: otherLangs(c, lang)},
		Kind: kind, Title: title, Body: body,
	})
}

// otherLangs links the same page in every language but lang.
func otherLangs(c *gin.Context, lang string) []langLink {
	if c.Request.Method != http.MethodGet {
		return nil
	}
	var out []langLink
	for _, l := range survey.Languages() {
		if l != lang {
			q := url.Values{"lang": {l}}
			out = append(out, langLink{Code: l, URL: c.Request.URL.Path + "?" + q.Encode()})
		}
	}
	return out
}

// form renders the questionnaire of f for its role, with the values and
// errors of a rejected post.
func (p *Pages) form(c *gin.Context, status int, f store.Form, lang string, values url.Values, errs []survey.FieldError) {
	q := p.catalog.Phase(f.Survey.Phase)
	byField := map[string]survey.FieldError{}
	for _, e := range errs {
		if _, seen := byField[e.Field]; !seen {
			byField[e.Field] = e
		}
	}
	v := formPage{
		page:   page{Lang: lang, Program: f.Program.Name, OtherLangs: otherLangs(c, lang)},
		Title:  q.Title.In(lang),
		Intro:  q.Intro.In(lang),
		Action: survey.LinkPath(c.Param("token")) + langQuery(c.Query("lang")),
		Notice: notice(lang, f),
	}
	v.PageTitle = v.Title + " – " + f.Program.Name
	for _, sec := range q.For(f.Role) {
		sv := sectionView{Title: sec.Title.In(lang), Intro: sec.Intro.In(lang)}
		for _, it := range sec.Items {
			iv := newItemView(it, lang, values[it.Key])
			if e, ok := byField[it.Key]; ok {
				iv.Error = msg(lang, "answer."+e.Rule)
				v.Errors = append(v.Errors, errorView{Anchor: iv.anchor(), Question: iv.Text, Message: iv.Error})
			}
			iv.Describe = iv.describedBy()
			sv.Items = append(sv.Items, iv)
		}
		v.Sections = append(v.Sections, sv)
	}
	for _, e := range errs {
		switch e.Rule {
		case survey.RuleUnknown, survey.RuleTooMany:
			v.Errors = append(v.Errors, errorView{Anchor: "main", Question: e.Field, Message: msg(lang, "answer."+e.Rule)})
		case survey.RuleEmpty:
			first := v.Sections[0].Items[0]
			v.Errors = append(v.Errors, errorView{Anchor: first.anchor(), Question: msg(lang, "form"), Message: msg(lang, "answer.empty")})
		}
	}
	switch len(v.Errors) {
	case 0:
	case 1:
		v.ErrorTitle = msg(lang, "errors.title.one")
	default:
		v.ErrorTitle = msg(lang, "errors.title.many", len(v.Errors))
	}
	if len(v.Errors) > 0 {
		v.PageTitle = msg(lang, "errors.pagetitle") + v.PageTitle
	}
	p.tmpl.render(c, status, "form", v)
}

// notice is the confidentiality note of a form. The intake is the one
// phase whose answers are used one by one (to propose tandems), so it says
// that instead of the group threshold.
func notice(lang string, f store.Form) string {
	if f.Survey.Phase == survey.PhaseIntake {
		return msg(lang, "notice.intake")
	}
	return msg(lang, "notice."+string(f.Program.Mode), f.Program.Threshold)
}

func newItemView(it survey.Item, lang string, given []string) itemView {
	iv := itemView{Key: it.Key, ID: "f-" + it.Key, Text: it.Text.In(lang), Required: it.Required, Hint: it.Help.In(lang)}
	hint := func(h string) {
		iv.Hint = strings.TrimSpace(iv.Hint + " " + h)
	}
	switch it.Type {
	case survey.Likert5, survey.Scale10:
		iv.Kind = "scale"
		lo, hi, _ := it.Type.Bounds()
		key := "scale.hint"
		if it.Type == survey.Scale10 {
			key = "scale10.hint"
		}
		if it.Low.In(lang) != "" {
			hint(msg(lang, key, it.Low.In(lang), it.High.In(lang)))
		}
		for n := lo; n <= hi; n++ {
			s := strconv.Itoa(n)
			iv.Choices = append(iv.Choices, choiceView{ID: iv.ID + "-" + s, Name: it.Key, Value: s, Label: s,
				Input: "radio", Checked: slices.Contains(given, s)})
		}
	case survey.Single, survey.Multi:
		iv.Kind = "choice"
		input := "radio"
		if it.Type == survey.Multi {
			input = "checkbox"
			if iv.Hint == "" { // the questionnaire's own help usually says so already
				hint(msg(lang, "multi.hint"))
			}
		}
		for _, o := range it.Options {
			iv.Choices = append(iv.Choices, choiceView{ID: iv.ID + "-" + o.Value, Name: it.Key, Value: o.Value,
				Label: o.Label.In(lang), Input: input, Checked: slices.Contains(given, o.Value)})
		}
	default:
		iv.Kind = "text"
		iv.MaxLength = it.TextMax()
		hint(msg(lang, "text.hint", iv.MaxLength))
		if len(given) > 0 {
			iv.Value = given[0]
		}
	}
	return iv
}

// anchor is where the error summary links to: the first input of the item.
func (iv itemView) anchor() string {
	if len(iv.Choices) > 0 {
		return iv.Choices[0].ID
	}
	return iv.ID
}

func (iv itemView) describedBy() string {
	var ids []string
	if iv.Hint != "" {
		ids = append(ids, "hint-"+iv.Key)
	}
	if iv.Error != "" {
		ids = append(ids, "err-"+iv.Key)
	}
	return strings.Join(ids, " ")
}
