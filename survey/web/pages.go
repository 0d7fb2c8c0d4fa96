package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static serves the stylesheet and other assets under /static.
func Static() http.FileSystem {
	sub, _ := fs.Sub(staticFiles, "static")
	return FilesOnly(sub)
}

// engine holds the parsed pages; each page is the layout plus its content.
type engine map[string]*template.Template

// newEngine parses every page at start, so a broken template stops the
// service instead of failing a participant.
func newEngine() (engine, error) {
	funcs := template.FuncMap{"msg": msg}
	e := engine{}
	for _, page := range []string{"form", "message"} {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+page+".html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", page, err)
		}
		e[page] = t
	}
	return e, nil
}

// render writes page with status. It renders into a buffer first so that a
// template error becomes a clean 500 rather than half a page.
func (e engine) render(c *gin.Context, status int, page string, data any) {
	var buf bytes.Buffer
	if err := e[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		slog.ErrorContext(c, "render page", "page", page, "err", err)
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}
