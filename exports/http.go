package exports

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/survey/web"
)

// Media types of the downloads.
const (
	mediaXLSX    = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaCSV     = "text/csv; charset=utf-8"
	mediaParquet = "application/vnd.apache.parquet"
)

// ReportAPI serves the Excel evaluation and the raw data of a cohort on the
// admin API.
type ReportAPI struct {
	Reader *analytics.Reader
	Now    func() time.Time
	// TmpDir holds the files being built ("" for the system's); each is
	// removed once sent.
	TmpDir string
}

// Register adds the download routes to g, which must already require the
// admin token.
func (a *ReportAPI) Register(g *gin.RouterGroup) {
	g.GET("/cohorts/:id/report.xlsx", a.report)
	g.GET("/cohorts/:id/responses.csv", a.responsesCSV)
	g.GET("/cohorts/:id/responses.parquet", a.responsesParquet)
}

// report answers GET /cohorts/{id}/report.xlsx[?lang=de|en].
func (a *ReportAPI) report(c *gin.Context) {
	lang := c.Query("lang")
	if err := CheckLanguage(lang); err != nil {
		web.JSONError(c, err)
		return
	}
	now := a.Now()
	a.send(c, "xlsx", mediaXLSX, now, func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		return writeReport(ctx, w, a.Reader, c.Param("id"), lang, now)
	})
}

// responsesCSV answers GET /cohorts/{id}/responses.csv.
func (a *ReportAPI) responsesCSV(c *gin.Context) {
	a.send(c, "csv", mediaCSV, a.Now(), func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		src, err := openSource(ctx, a.Reader, c.Param("id"))
		if err != nil {
			return cohortInfo{}, err
		}
		return src.cohort, src.writeCSV(ctx, w, neutralise)
	})
}

// responsesParquet answers GET /cohorts/{id}/responses.parquet.
func (a *ReportAPI) responsesParquet(c *gin.Context) {
	a.send(c, "parquet", mediaParquet, a.Now(), func(ctx context.Context, w io.Writer) (cohortInfo, error) {
		info, err := loadCohort(ctx, a.Reader.DB, c.Param("id"))
		if err != nil {
			return info, err
		}
		return info, WriteResponsesParquet(ctx, w, a.Reader, info.ID, a.TmpDir)
	})
}

// send builds a download in a temporary file with write, then sends it
// with its length, so that a failure on the way is an error status rather
// than a truncated file that looks whole.
func (a *ReportAPI) send(c *gin.Context, ext, media string, now time.Time,
	write func(context.Context, io.Writer) (cohortInfo, error)) {
	f, err := os.CreateTemp(a.TmpDir, "tandem-download-*."+ext)
	if err != nil {
		web.JSONError(c, fmt.Errorf("exports: download: %w", err))
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	info, err := write(c, f)
	if err != nil {
		web.JSONError(c, err)
		return
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		web.JSONError(c, fmt.Errorf("exports: download: %w", err))
		return
	}
	// Answers and comments: no cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.DataFromReader(http.StatusOK, size, media, f, map[string]string{
		"Content-Disposition": fmt.Sprintf(`attachment; filename="%s"`, fileName(info, now, ext)),
	})
}

// fileName is tandem-<cohort>-<date>.<ext>: the cohort's name in lower-case
// ASCII letters, digits and hyphens (its id where nothing is left).
func fileName(c cohortInfo, now time.Time, ext string) string {
	slug := slugify(c.Name)
	if slug == "" {
		slug = slugify(c.ID)
	}
	return fmt.Sprintf("tandem-%s-%s.%s", slug, now.Format("2006-01-02"), ext)
}

// slugify spells s in lower-case ASCII: German umlauts and ß as ae, oe, ue
// and ss, runs of anything else as one hyphen.
func slugify(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss").Replace(s)
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			hyphen = false
		case !hyphen && b.Len() > 0:
			b.WriteByte('-')
			hyphen = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimSuffix(out[:60], "-")
	}
	return out
}
