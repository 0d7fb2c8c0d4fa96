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
)

// Media types of the files that leave the service.
const (
	MediaXLSX    = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MediaCSV     = "text/csv; charset=utf-8"
	MediaParquet = "application/vnd.apache.parquet"
)

// SendFile builds a download with write in a temporary file in dir ("" for
// the system's), then sends it whole, with its length, as an attachment
// named as write returns: a failure on the way is then an error rather
// than a truncated file that looks whole. The file is removed once sent.
// SendFile returns the error of a failure before anything was sent, for the
// caller to render as its surface does (the API's JSON, the HR pages' page).
func SendFile(c *gin.Context, dir, ext, media string, write func(context.Context, io.Writer) (name string, err error)) error {
	f, err := os.CreateTemp(dir, "tandem-download-*."+ext)
	if err != nil {
		return fmt.Errorf("exports: download: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	name, err := write(c, f)
	if err != nil {
		return err
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		return fmt.Errorf("exports: download: %w", err)
	}
	// Answers and comments: no cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.DataFromReader(http.StatusOK, size, media, f, map[string]string{
		"Content-Disposition": fmt.Sprintf(`attachment; filename="%s"`, name),
	})
	return nil
}

// FileName is tandem-<cohort>-<date>.<ext>: the cohort's name in lower-case
// ASCII letters, digits and hyphens (its id where nothing is left), and
// the day of the download.
func FileName(cohortName, cohortID string, day time.Time, ext string) string {
	slug := slugify(cohortName)
	if slug == "" {
		slug = slugify(cohortID)
	}
	return fmt.Sprintf("tandem-%s-%s.%s", slug, day.Format(time.DateOnly), ext)
}

// slugify spells s in lower-case ASCII: German umlauts and ß as ae, oe, ue
// and ss, runs of anything else as one hyphen, at most 60 characters.
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
