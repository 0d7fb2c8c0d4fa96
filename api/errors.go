package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// Codes of failures that only the HTTP layer knows; the others are the
// codes of survey.Error.
const (
	CodeMalformed        = "malformed"          // the body is not the JSON asked for
	CodeMethodNotAllowed = "method_not_allowed" // the route exists, the method does not
)

// RuleUnspecified is the rule of a detail whose error names no rule of its
// own, so that every detail carries one.
const RuleUnspecified = "invalid"

// status maps the codes of errors to HTTP statuses, in one place.
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
	CodeMalformed:        http.StatusBadRequest,
	CodeMethodNotAllowed: http.StatusMethodNotAllowed,
}

// ErrorBody is the JSON of every API error: the English text, a stable
// code (survey.EInvalid, survey.ENotFound, ..., CodeMalformed) and the
// fields at fault, each with the stable code of the rule it broke.
type ErrorBody struct {
	Error   string   `json:"error"`
	Code    string   `json:"code"`
	Details []Detail `json:"details"`
}

// Detail is one field (or row and field) at fault in an ErrorBody.
type Detail struct {
	Row     int    `json:"row,omitempty"`
	Field   string `json:"field"`
	Message string `json:"message"`
	Rule    string `json:"rule"`
}

// StatusOf returns the HTTP status for err.
func StatusOf(err error) int {
	if s, ok := status[codeOf(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// codeOf is the code of err: a body over its limit is too large whatever
// error carries it.
func codeOf(err error) string {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return survey.ETooLarge
	}
	return survey.ErrorCode(err)
}

// Body is err as the API shows it. Internal errors show only a generic
// message; their cause is for the log.
func Body(err error) ErrorBody {
	code := codeOf(err)
	if _, known := status[code]; !known {
		code = survey.EInternal
	}
	body := ErrorBody{Error: err.Error(), Code: code, Details: []Detail{}}
	var e *survey.Error
	switch {
	case code == survey.EInternal:
		body.Error = "internal error"
	case code == survey.ETooLarge && !errors.As(err, &e):
		body.Error = "the request body is too large"
	case errors.As(err, &e):
		body.Error = e.Message
		for _, d := range e.Details {
			rule := d.Rule
			if rule == "" {
				rule = RuleUnspecified
			}
			body.Details = append(body.Details, Detail{Row: d.Row, Field: d.Field, Message: d.Message, Rule: rule})
		}
	}
	return body
}

// JSONError writes err as the API's error JSON and stops the handler
// chain. Internal errors are logged and shown only as a generic message.
func JSONError(c *gin.Context, err error) {
	body := Body(err)
	if body.Code == survey.EInternal {
		slog.ErrorContext(c, "request failed", "route", c.FullPath(), "err", err)
	}
	c.AbortWithStatusJSON(StatusOf(err), body)
}

// Respond writes v as JSON with 200, or err as the API's error JSON.
func Respond(c *gin.Context, v any, err error) {
	if err != nil {
		JSONError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// NoStore marks the answer as one that no cache may keep: results,
// proposals, downloads and links name people or hold their answers.
func NoStore(c *gin.Context) { c.Header("Cache-Control", "no-store") }
