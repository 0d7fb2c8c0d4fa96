package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/api"
	"tandem/survey"
	"tandem/survey/roster"
)

// ListParticipants answers GET /cohorts/{id}/participants.
func (a *API) ListParticipants(c *gin.Context) {
	ps, err := a.Store.Participants(c, c.Param("id"))
	api.Respond(c, ps, err)
}

// AddParticipants answers POST /cohorts/{id}/participants: a JSON array,
// or a multipart upload field "file" with CSV or XLSX. Any bad row refuses
// the whole import.
func (a *API) AddParticipants(c *gin.Context) {
	if _, err := a.Store.Cohort(c, c.Param("id")); err != nil {
		api.JSONError(c, err)
		return
	}
	rows, lines, err := a.participantRows(c)
	if err != nil {
		api.JSONError(c, err)
		return
	}
	ids, err := a.Store.AddParticipants(c, c.Param("id"), rows)
	if lines != nil {
		roster.RowsInFile(err, lines)
	}
	if err != nil {
		api.JSONError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"ids": ids})
}

// participantRows reads the rows of the request and, for a file, the row
// in the file of each.
func (a *API) participantRows(c *gin.Context) ([]survey.ParticipantInput, []int, error) {
	if c.ContentType() != "multipart/form-data" {
		var rows []survey.ParticipantInput
		err := api.BindJSON(c, &rows)
		return rows, nil, err
	}
	return uploadedRows(c)
}

func uploadedRows(c *gin.Context) ([]survey.ParticipantInput, []int, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, roster.MaxFileSize)
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, nil, survey.Errorf(survey.ETooLarge, "the upload is larger than %d MiB", roster.MaxFileSize>>20)
		}
		return nil, nil, survey.Invalid("no file uploaded", survey.Fault("file", survey.RuleRequired))
	}
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return roster.ParseFile(fh.Filename, f)
}
