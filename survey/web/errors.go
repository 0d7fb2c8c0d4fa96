package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// status maps the codes of survey errors to HTTP statuses, in one place.
var status = map[string]int{
	survey.EInvalid:      http.StatusUnprocessableEntity,
	survey.ENotFound:     http.StatusNotFound,
	survey.EConflict:     http.StatusConflict,
	survey.EGone:         http.StatusGone,
	survey.ENotYetOpen:   http.StatusGone,
	survey.ETooLarge:     http.StatusRequestEntityTooLarge,
	survey.EUnauthorized: http.StatusUnauthorized,
	survey.ERateLimited:  http.StatusTooManyRequests,
	survey.EInternal:     http.StatusInternalServerError,
	codeMalformed:        http.StatusBadRequest,
	CodeMethodNotAllowed: http.StatusMethodNotAllowed,
}

// ErrorBody is the JSON of every API error.
type ErrorBody struct {
	Error   string              `json:"error"`
	Details []survey.FieldError `json:"details"`
}

// StatusOf returns the HTTP status for err.
func StatusOf(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	if s, ok := status[survey.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// JSONError writes err as the API's error JSON. Internal errors are logged
// and shown only as a generic message.
func JSONError(c *gin.Context, err error) {
	code := StatusOf(err)
	body := ErrorBody{Error: err.Error(), Details: []survey.FieldError{}}
	var e *survey.Error
	switch {
	case code == http.StatusRequestEntityTooLarge:
		body.Error = "the request body is too large"
		if errors.As(err, &e) {
			body.Error = e.Message
		}
	case code == http.StatusInternalServerError:
		slog.ErrorContext(c, "request failed", "route", c.FullPath(), "err", err)
		body.Error = "internal error"
	case errors.As(err, &e):
		body.Error = e.Message
		if e.Details != nil {
			body.Details = e.Details
		}
	}
	c.AbortWithStatusJSON(code, body)
}
