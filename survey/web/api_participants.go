package web

import (
	"errors"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

func (a *API) listParticipants(c *gin.Context) {
	ps, err := a.Store.Participants(c, c.Param("id"))
	respond(c, ps, err)
}

// addParticipants takes a JSON array, or a multipart upload field "file"
// with CSV or XLSX. Any bad row refuses the whole import.
func (a *API) addParticipants(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		JSONError(c, err)
		return
	}
	rows, lines, err := a.participantRows(c)
	if err != nil {
		JSONError(c, err)
		return
	}
	ids, err := a.Store.AddParticipants(c, c.Param("id"), rows)
	if lines != nil {
		RowsInFile(err, lines)
	}
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"ids": ids})
}

// participantRows reads the rows of the request and, for a file, the row
// in the file of each.
func (a *API) participantRows(c *gin.Context) ([]survey.ParticipantInput, []int, error) {
	if c.ContentType() != "multipart/form-data" {
		var rows []survey.ParticipantInput
		err := bindJSON(c, &rows)
		return rows, nil, err
	}
	return uploadedRows(c)
}

func uploadedRows(c *gin.Context) ([]survey.ParticipantInput, []int, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxUploadBody)
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, nil, survey.Errorf(survey.ETooLarge, "the upload is larger than %d MiB", MaxUploadBody>>20)
		}
		return nil, nil, survey.Invalid("no file uploaded", survey.Fault("file", survey.RuleRequired))
	}
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ParseFile(fh.Filename, f)
}

// RowsInFile renames the rows of err's details from positions among the
// participants (1-based) to rows in the file (the header is row 1), as
// lines (from ParseFile) gives them: the row at fault, and the row a
// detail names as its argument ("repeats row 3").
func RowsInFile(err error, lines []int) {
	var e *survey.Error
	if !errors.As(err, &e) {
		return
	}
	inFile := func(n int) int {
		if n > 0 && n <= len(lines) {
			return lines[n-1]
		}
		return n
	}
	for i, d := range e.Details {
		e.Details[i].Row = inFile(d.Row)
		if n, ok := d.Args["row"].(int); ok {
			e.Details[i] = e.Details[i].With("row", inFile(n))
		}
	}
}

// ParseFile reads participants from an uploaded file, CSV or XLSX as its
// name ends, with the row in the file of each.
func ParseFile(name string, r io.Reader) ([]survey.ParticipantInput, []int, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		return ParseXLSX(r)
	case ".csv", ".txt":
		return ParseCSV(r)
	default:
		return nil, nil, survey.Invalid("unsupported file type", survey.Fault("file", survey.RuleChoice, "options", []string{".csv", ".xlsx"}))
	}
}
