package exports

import (
	"context"
	"io"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/api"
)

// ReportAPI serves the Excel evaluation and the raw data of a cohort on the
// admin API; its routes are listed in cmd/tandem's route table.
type ReportAPI struct {
	Reader *analytics.Reader
	Now    func() time.Time
	// TmpDir holds the files being built ("" for the system's); each is
	// removed once sent.
	TmpDir string
}

// Report answers GET /cohorts/{id}/report.xlsx[?lang=de|en].
func (a *ReportAPI) Report(c *gin.Context) {
	lang := c.Query("lang")
	if err := CheckLanguage(lang); err != nil {
		api.JSONError(c, err)
		return
	}
	now := a.Now()
	a.send(c, "xlsx", MediaXLSX, now, func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		return writeReport(ctx, w, a.Reader, c.Param("id"), lang, now)
	})
}

// ProgramReport answers GET /programs/{id}/report.xlsx[?lang=de|en].
func (a *ReportAPI) ProgramReport(c *gin.Context) {
	lang := c.Query("lang")
	if err := CheckLanguage(lang); err != nil {
		api.JSONError(c, err)
		return
	}
	now := a.Now()
	id := c.Param("id")
	err := SendFile(c, a.TmpDir, "xlsx", MediaXLSX, func(ctx context.Context, w io.Writer) (string, error) {
		name, err := writeProgramReport(ctx, w, a.Reader, id, lang, now)
		return FileName(name, id, now, "xlsx"), err
	})
	if err != nil {
		api.JSONError(c, err)
	}
}

// ResponsesCSV answers GET /cohorts/{id}/responses.csv.
func (a *ReportAPI) ResponsesCSV(c *gin.Context) {
	a.send(c, "csv", MediaCSV, a.Now(), func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		src, err := openSource(ctx, a.Reader, c.Param("id"))
		if err != nil {
			return cohortInfo{}, err
		}
		return src.cohort, src.writeCSV(ctx, w, Neutralise)
	})
}

// ResponsesParquet answers GET /cohorts/{id}/responses.parquet.
func (a *ReportAPI) ResponsesParquet(c *gin.Context) {
	a.send(c, "parquet", MediaParquet, a.Now(), func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		info, err := loadCohort(ctx, a.Reader.DB, c.Param("id"))
		if err != nil {
			return info, err
		}
		return info, WriteResponsesParquet(ctx, w, a.Reader, info.ID, a.TmpDir)
	})
}

// send sends what write builds as a download named after its cohort, or
// the error as the API's JSON.
func (a *ReportAPI) send(c *gin.Context, ext, media string, now time.Time,
	write func(context.Context, io.Writer) (cohortInfo, error)) {
	err := SendFile(c, a.TmpDir, ext, media, func(ctx context.Context, w io.Writer) (string, error) {
		info, err := write(ctx, w)
		return FileName(info.Name, info.ID, now, ext), err
	})
	if err != nil {
		api.JSONError(c, err)
	}
}
