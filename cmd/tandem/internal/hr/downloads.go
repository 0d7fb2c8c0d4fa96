package hr

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/exports"
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
	p.download(c, p.Report, "xlsx", exports.MediaXLSX)
}

// downloadResponses sends the raw answers as CSV.
func (p *Pages) downloadResponses(c *gin.Context) {
	p.download(c, p.Responses, "csv", exports.MediaCSV)
}

// download sends the file fn writes as the API's downloads are sent
// (exports.SendFile): built whole first, so that a failure is an error
// page rather than a truncated file. Viewers may download: the files hold
// what the results pages show.
func (p *Pages) download(c *gin.Context, fn Download, ext, media string) {
	co, _, ok := p.cohortFor(c, c.Param("id"), toView)
	if !ok {
		return
	}
	if fn == nil {
		p.message(c, http.StatusNotFound, "notfound")
		return
	}
	err := exports.SendFile(c, "", ext, media, func(ctx context.Context, w io.Writer) (string, error) {
		return exports.FileName(co.Name, co.ID, p.Now().In(p.Location), ext), fn(ctx, w, co.ID, p.lang(c))
	})
	if err != nil {
		p.fail(c, err)
	}
}
