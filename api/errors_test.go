package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// serve answers every request with handler on a real gin engine behind a
// real HTTP server, and returns the server's URL.
func serve(t *testing.T, handler gin.HandlerFunc) string {
	t.Helper()
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Any("/x", handler)
	ts := httptest.NewServer(r)
	t.Cleanup(ts.Close)
	return ts.URL + "/x"
}

// post sends body and decodes the error JSON of the answer.
func post(t *testing.T, url, body string) (int, ErrorBody, map[string]any) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var got ErrorBody
	var loose map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("decode %q: %v", raw, err)
	}
	json.Unmarshal(raw, &loose)
	return res.StatusCode, got, loose
}

func TestJSONError(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		status  int
		code    string
		message string
		rules   []string
	}{
		{"invalid with details", survey.Invalid("the program is not valid",
			survey.FieldError{Field: "language", Rule: survey.RuleChoice, Message: `must be "de" or "en"`},
			survey.FieldError{Row: 2, Field: "email", Message: "is not an e-mail address"}),
			422, survey.EInvalid, "the program is not valid", []string{survey.RuleChoice, RuleUnspecified}},
		{"not found", survey.Errorf(survey.ENotFound, "no cohort with id %q", "x"), 404, survey.ENotFound, `no cohort with id "x"`, nil},
		{"conflict, wrapped", fmt.Errorf("close: %w", survey.Errorf(survey.EConflict, "closed already")), 409, survey.EConflict, "closed already", nil},
		{"gone", survey.Errorf(survey.EGone, "closed"), 410, survey.EGone, "closed", nil},
		{"too large", survey.Errorf(survey.ETooLarge, "the file is larger than 10 MiB"), 413, survey.ETooLarge, "the file is larger than 10 MiB", nil},
		{"body over its limit", &http.MaxBytesError{Limit: 5}, 413, survey.ETooLarge, "the request body is too large", nil},
		{"unauthorized", survey.Errorf(survey.EUnauthorized, "a valid admin bearer token is required"), 401, survey.EUnauthorized, "a valid admin bearer token is required", nil},
		{"malformed", Malformed("malformed JSON at byte 3"), 400, CodeMalformed, "malformed JSON at byte 3", nil},
		{"method", &survey.Error{Code: CodeMethodNotAllowed, Message: "method not allowed on this route"}, 405, CodeMethodNotAllowed, "method not allowed on this route", nil},
		{"internal hides its cause", errors.New("duckdb: disk full at /var/secret"), 500, survey.EInternal, "internal error", nil},
		{"unknown code is internal", &survey.Error{Code: "surprise", Message: "secret detail"}, 500, survey.EInternal, "internal error", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url := serve(t, func(c *gin.Context) { JSONError(c, tc.err) })
			status, got, loose := post(t, url, "")
			if status != tc.status || got.Code != tc.code || got.Error != tc.message {
				t.Errorf("got %d %q %q, want %d %q %q", status, got.Code, got.Error, tc.status, tc.code, tc.message)
			}
			if d, ok := loose["details"].([]any); !ok || len(d) != len(tc.rules) {
				t.Errorf("got details %v, want an array of %d", loose["details"], len(tc.rules))
			}
			for i, rule := range tc.rules {
				if got.Details[i].Rule != rule {
					t.Errorf("detail %d: got rule %q, want %q", i, got.Details[i].Rule, rule)
				}
			}
		})
	}
}

func TestBind(t *testing.T) {
	type in struct {
		Name string `json:"name"`
	}
	strict := serve(t, func(c *gin.Context) {
		var v in
		Respond(c, v, BindJSON(c, &v))
	})
	lenient := serve(t, func(c *gin.Context) {
		var v in
		Respond(c, v, BindLenient(c, &v))
	})
	tests := []struct {
		name, url, body string
		status          int
		code, field     string
		rule            string
	}{
		{"strict takes its fields", strict, `{"name":"A"}`, 200, "", "", ""},
		{"unknown field", strict, `{"name":"A","evil":1}`, 400, CodeMalformed, "evil", RuleUnknownField},
		{"wrong type", strict, `{"name":5}`, 400, CodeMalformed, "name", RuleType},
		{"empty", strict, ``, 400, CodeMalformed, "", ""},
		{"two values", strict, `{}{}`, 400, CodeMalformed, "", ""},
		{"syntax", strict, `{"name":`, 400, CodeMalformed, "", ""},
		{"over the limit", strict, `{"name":"` + strings.Repeat("x", MaxJSONBody) + `"}`, 413, survey.ETooLarge, "", ""},
		{"lenient lets unknown fields pass", lenient, `{"name":"A","score":7}`, 200, "", "", ""},
		{"lenient still wants one value", lenient, `{}{}`, 400, CodeMalformed, "", ""},
		{"lenient still checks types", lenient, `{"name":[]}`, 400, CodeMalformed, "name", RuleType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, got, _ := post(t, tc.url, tc.body)
			if status != tc.status || got.Code != tc.code {
				t.Fatalf("got %d %q (%s), want %d %q", status, got.Code, got.Error, tc.status, tc.code)
			}
			if tc.field != "" && (len(got.Details) != 1 || got.Details[0].Field != tc.field || got.Details[0].Rule != tc.rule) {
				t.Errorf("got details %+v, want field %q with rule %q", got.Details, tc.field, tc.rule)
			}
		})
	}
}
