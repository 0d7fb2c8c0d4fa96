package survey

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes say what kind of failure an Error is; the HTTP layer maps
// each to one status in one place.
const (
	EInvalid      = "invalid"      // the input breaks a rule; Details say where
	ENotFound     = "not_found"    // no such thing
	EConflict     = "conflict"     // the state forbids it (e.g. already submitted)
	EGone         = "gone"         // the survey is not open
	ETooLarge     = "too_large"    // the input exceeds a size limit
	EUnauthorized = "unauthorized" // no or wrong credentials
	EInternal     = "internal"     // our fault; the message is not shown
	ENotYetOpen   = "not_yet_open" // the survey opens later
	ERateLimited  = "rate_limited" // too many attempts
)

// FieldError names one field (or row and field) that broke a rule.
type FieldError struct {
	Row     int    `json:"row,omitempty"` // 1-based data row of an import, 0 otherwise
	Field   string `json:"field"`
	Message string `json:"message"`
	// Rule is a short code of the rule broken ("required", "range",
	// "choice", ...), so that pages can say it in the reader's language.
	Rule string `json:"rule,omitempty"`
}

func (f FieldError) String() string {
	if f.Row > 0 {
		return fmt.Sprintf("row %d: %s: %s", f.Row, f.Field, f.Message)
	}
	return f.Field + ": " + f.Message
}

// Error is a failure the user can act on: a code, a message for people and,
// for invalid input, the fields at fault.
type Error struct {
	Code    string
	Message string
	Details []FieldError
}

func (e *Error) Error() string {
	if len(e.Details) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Details))
	for i, d := range e.Details {
		parts[i] = d.String()
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// Errorf returns an Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EInvalid Error listing the fields at fault.
func Invalid(message string, details ...FieldError) *Error {
	return &Error{Code: EInvalid, Message: message, Details: details}
}

// ErrorCode returns the code of the Error in err's chain, or EInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// Fields collects field errors while input is checked.
type Fields []FieldError

// Add records that field broke a rule.
func (f *Fields) Add(field, format string, args ...any) {
	*f = append(*f, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// AddRow records that field of an import row broke a rule.
func (f *Fields) AddRow(row int, field, format string, args ...any) {
	*f = append(*f, FieldError{Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, or an EInvalid Error.
func (f Fields) Err(message string) error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(message, f...)
}
