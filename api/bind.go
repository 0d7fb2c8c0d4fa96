package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// MaxJSONBody caps every JSON request body: 1 MiB.
const MaxJSONBody = 1 << 20

// Rules of the details of a body that is not the JSON asked for.
const (
	RuleUnknownField = survey.RuleUnknownField // the body has a field the request does not know
	RuleType         = survey.RuleType         // a field has the wrong JSON type
)

// BindJSON decodes the request body strictly into v: one JSON value, no
// unknown fields, at most MaxJSONBody bytes. Its errors render through
// JSONError as 400 (CodeMalformed), 413 or 422.
func BindJSON(c *gin.Context, v any) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	return DecodeJSON(body, v)
}

// BindLenient decodes the request body into v as BindJSON does, except
// that fields v does not know pass: for a body that may be an earlier
// answer posted back as it was (a matching proposal).
func BindLenient(c *gin.Context, v any) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	return decode(body, v, false)
}

// DecodeJSON decodes body strictly into v: one JSON value, no unknown
// fields; every failure is a CodeMalformed error naming what is wrong.
func DecodeJSON(body []byte, v any) error { return decode(body, v, true) }

func decode(body []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return badJSON(err)
	}
	if dec.More() {
		return Malformed("the body holds more than one JSON value")
	}
	return nil
}

// readBody reads the whole body, or refuses it when it exceeds
// MaxJSONBody.
func readBody(c *gin.Context) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, survey.Errorf(survey.ETooLarge, "the request body exceeds %d bytes", MaxJSONBody)
		}
		return nil, survey.Errorf(survey.EInvalid, "the request body could not be read")
	}
	return body, nil
}

// Malformed is a body that is not the JSON asked for: 400, not 422.
func Malformed(msg string, details ...survey.FieldError) error {
	return &survey.Error{Code: CodeMalformed, Message: msg, Details: details}
}

func badJSON(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return Malformed(fmt.Sprintf("malformed JSON at byte %d", syn.Offset))
	case errors.As(err, &typ):
		return Malformed("a field has the wrong type",
			survey.Fault(typ.Field, survey.RuleType, "type", typ.Type.String()))
	case errors.Is(err, io.EOF):
		return Malformed("the request body is empty; JSON is expected")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Malformed("the body has an unknown field",
			survey.Fault(f, survey.RuleUnknownField))
	}
	return Malformed("malformed JSON: " + err.Error())
}

// BindUnder checks that the parent named by the route's :id exists (404
// otherwise), then binds the JSON body into v strictly; it renders any
// error and reports whether the handler may go on.
func BindUnder[T any](c *gin.Context, parent func(context.Context, string) (T, error), v any) bool {
	if _, err := parent(c, c.Param("id")); err != nil {
		JSONError(c, err)
		return false
	}
	if err := BindJSON(c, v); err != nil {
		JSONError(c, err)
		return false
	}
	return true
}
