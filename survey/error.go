package survey

import (
	"errors"
	"fmt"
	"maps"
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

// FieldError names one field (or row and field) that broke a rule. Rule
// and Args say what is wrong; Message says it in English (the API's
// language), made from them by the catalog, and Text says it in any
// language.
type FieldError struct {
	Row     int    `json:"row,omitempty"` // 1-based data row of an import, 0 otherwise
	Field   string `json:"field"`
	Message string `json:"message"`
	// Rule is the stable code of the rule broken (RuleRequired, ...).
	Rule string `json:"rule,omitempty"`
	// Args are what the rule's sentence names: numbers, options,
	// participants (as PersonRef). They are not part of the JSON, whose
	// message already holds them.
	Args Args `json:"-"`
}

// Fault returns the FieldError of field breaking rule. args are pairs of a
// name and a value, as the rule's sentence names them ("max", 200).
func Fault(field, rule string, args ...any) FieldError {
	f := FieldError{Field: field, Rule: rule, Args: pairs(args)}
	f.Message = f.Text(DefaultLanguage, nil)
	return f
}

// InRow returns f as the fault of row n of an import.
func (f FieldError) InRow(n int) FieldError {
	f.Row = n
	return f
}

// With returns f with the argument name set to v, and its message said
// again.
func (f FieldError) With(name string, v any) FieldError {
	args := make(Args, len(f.Args)+1)
	maps.Copy(args, f.Args)
	args[name] = v
	f.Args = args
	f.Message = f.Text(DefaultLanguage, nil)
	return f
}

// Text says what is wrong with the field in lang. names, where given, name
// the participants the sentence speaks of by id; others are shown as ids.
func (f FieldError) Text(lang string, names map[string]string) string {
	if f.Rule == "" {
		return f.Message
	}
	return Messages.fill(lang, "rule."+f.Rule, f.Args, names)
}

func (f FieldError) String() string {
	if f.Row > 0 {
		return fmt.Sprintf("row %d: %s: %s", f.Row, f.Field, f.Message)
	}
	return f.Field + ": " + f.Message
}

// pairs turns name, value, name, value ... into Args.
func pairs(kv []any) Args {
	if len(kv) == 0 {
		return nil
	}
	if len(kv)%2 != 0 {
		panic(fmt.Sprintf("survey: odd arguments %v", kv)) // a defect of the caller
	}
	a := make(Args, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		a[kv[i].(string)] = kv[i+1]
	}
	return a
}

// Error is a failure the user can act on: a code, a message for people and,
// for invalid input, the fields at fault.
type Error struct {
	Code    string
	Message string
	Details []FieldError
	// Rule, where set, is the stable code of the rule of the state that
	// refused (RuleEmailTaken, ...), so that pages can say it in their
	// language; Args fill its sentence.
	Rule string
	Args Args
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

// Text says e in lang where it has a Rule, and returns its English message
// otherwise.
func (e *Error) Text(lang string) string {
	if e.Rule == "" {
		return e.Message
	}
	return Messages.Fill(lang, "rule."+e.Rule, e.Args)
}

// Errorf returns an Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Refuse returns an Error with code for breaking rule; args are pairs as
// for Fault, and the message is the rule's sentence in English.
func Refuse(code, rule string, args ...any) *Error {
	e := &Error{Code: code, Rule: rule, Args: pairs(args)}
	e.Message = e.Text(DefaultLanguage)
	return e
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

// Add records that field broke rule; args are as for Fault.
func (f *Fields) Add(field, rule string, args ...any) {
	*f = append(*f, Fault(field, rule, args...))
}

// AddRow records that field of import row n broke rule.
func (f *Fields) AddRow(n int, field, rule string, args ...any) {
	*f = append(*f, Fault(field, rule, args...).InRow(n))
}

// Err returns nil when nothing was recorded, or an EInvalid Error.
func (f Fields) Err(message string) error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(message, f...)
}
