package web

import (
	"errors"
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
	var e *survey.Error
	if lines != nil && errors.As(err, &e) {
		// Rows of a file are named by their row in the file (the header is
		// row 1), not by their position among the participants.
		for i, d := range e.Details {
			if d.Row > 0 && d.Row <= len(lines) {
				e.Details[i].Row = lines[d.Row-1]
			}
		}
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
			return nil, nil, survey.Errorf(survey.ETooLarge, "the upload exceeds %d bytes", MaxUploadBody)
		}
		return nil, nil, survey.Invalid("no file uploaded", survey.FieldError{Field: "file", Message: "a CSV or XLSX file is required in the form field \"file\""})
	}
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	switch strings.ToLower(path.Ext(fh.Filename)) {
	case ".xlsx":
		return ParseXLSX(f)
	case ".csv", ".txt":
		return ParseCSV(f)
	default:
		return nil, nil, survey.Invalid("unsupported file type", survey.FieldError{Field: "file", Message: "must be .csv or .xlsx"})
	}
}
