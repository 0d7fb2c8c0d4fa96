package hr

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// downloads are the links to a cohort's files, "" where not offered;
// NoRows says that the program releases no raw data.
type downloads struct {
	Report, Responses string
	NoRows            bool
}

func (p *Pages) downloads(prog survey.Program, cohortID string) downloads {
	var d downloads
	if p.Report != nil {
		d.Report = "/hr/cohorts/" + cohortID + "/report.xlsx"
	}
	switch {
	case p.Responses != nil && prog.RawRows:
		d.Responses = "/hr/cohorts/" + cohortID + "/responses.csv"
	case p.Responses != nil:
		d.NoRows = true
	}
	return d
}

// downloadReport sends the Excel evaluation, in the page's language.
func (p *Pages) downloadReport(c *gin.Context) {
	p.download(c, p.Report, "xlsx", mediaXLSX)
}

// downloadResponses sends the raw answers as CSV.
func (p *Pages) downloadResponses(c *gin.Context) {
	p.download(c, p.Responses, "csv", mediaCSV)
}

// download builds a file with fn in a temporary file first, so that a
// failure is an error page rather than a truncated file, then sends it.
// Viewers may download: the files hold what the results pages show.
func (p *Pages) download(c *gin.Context, fn Download, ext, media string) {
	co, _, ok := p.cohortFor(c, c.Param("id"), toView)
	if !ok {
		return
	}
	if fn == nil {
		p.message(c, http.StatusNotFound, "notfound")
		return
	}
	f, err := os.CreateTemp("", "tandem-hr-*."+ext)
	if err != nil {
		p.fail(c, err)
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := fn(c, f, co.ID, p.lang(c)); err != nil {
		p.fail(c, err)
		return
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	name := fmt.Sprintf("tandem-%s-%s.%s", slug(co.Name, co.ID), p.Now().In(p.Location).Format("2006-01-02"), ext)
	c.Header("Cache-Control", "no-store")
	c.DataFromReader(http.StatusOK, size, media, f, map[string]string{"Content-Disposition": `attachment; filename="` + name + `"`})
}

// slug spells a name for a file: lower-case ASCII letters, digits and
// hyphens, umlauts spelled out; fallback where nothing is left.
func slug(name, fallback string) string {
	name = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss").Replace(name)
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	if s == "" {
		return fallback
	}
	return s
}
