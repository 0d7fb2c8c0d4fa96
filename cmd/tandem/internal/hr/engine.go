package hr

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/survey/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// staticFS serves the HR pages' stylesheet, never a listing of the folder.
func staticFS() http.FileSystem {
	sub, _ := fs.Sub(staticFiles, "static")
	return web.FilesOnly(sub)
}

// engine holds the parsed pages; each is the layout, the shared partials
// and its own content.
type engine map[string]*template.Template

// newEngine parses every page at start, so that a broken template stops
// the service instead of failing an organiser.
func newEngine() (engine, error) {
	funcs := template.FuncMap{
		"t":     msg,
		"pct":   percent,
		"num":   number,
		"add":   func(a, b int) int { return a + b },
		"lower": strings.ToLower,
		"day":   day,
		"list":  func(xs ...*chart) []*chart { return xs },
		"has":   func(xs []string, x string) bool { return slices.Contains(xs, x) },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	e := engine{}
	for _, name := range names {
		page := strings.TrimSuffix(path.Base(name), ".html")
		if page == "layout" || strings.HasPrefix(page, "_") {
			continue
		}
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/_*.html", name)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", page, err)
		}
		e[page] = t
	}
	return e, nil
}

// day formats a date YYYY-MM-DD for lang; what it cannot read it keeps.
func day(lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format(msg(lang, "format.date"))
}

// render writes page with status, rendered into a buffer first so that a
// template error becomes a clean 500 rather than half a page.
func (p *Pages) render(c *gin.Context, status int, page string, data any) {
	t, ok := p.tmpl[page]
	var buf bytes.Buffer
	if !ok {
		p.Log.ErrorContext(c, "render: no such page", "page", page)
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		p.Log.ErrorContext(c, "render page", "page", page, "err", err)
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}
