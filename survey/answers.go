package survey

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Answer is one stored answer in long form: a number for scales, a choice
// for single and multi items (one Answer per ticked option), or a text.
type Answer struct {
	Key    string
	Num    *float64
	Choice string
	Text   string
}

// MaxFormFields bounds the distinct field names a form post may carry.
const MaxFormFields = 200

// The rules a form answer can break, as FieldError.Rule.
const (
	RuleRequired = "required"
	RuleRange    = "range"
	RuleNumber   = "number"
	RuleChoice   = "choice"
	RuleMultiple = "multiple"
	RuleTooLong  = "too_long"
	RuleText     = "text"
	RuleUnknown  = "unknown"
	RuleTooMany  = "too_many"
	RuleEmpty    = "empty"
)

// DecodeForm turns a posted form into answers to the items q shows role.
// Keys in ignore (hidden inputs such as the anti-forgery token) are passed
// over; any other key that is not a question of the form is an error. A
// skipped optional item yields no answer: missing, not zero. On any error
// it returns no answers and an EInvalid *Error listing every field at
// fault, in form order.
func DecodeForm(q *Questionnaire, role Role, form url.Values, ignore ...string) ([]Answer, error) {
	var errs Fields
	if len(form) > MaxFormFields {
		errs = append(errs, FieldError{Field: "form", Rule: RuleTooMany, Message: "too many fields"})
		return nil, errs.Err("the form has too many fields")
	}
	shown := map[string]bool{}
	var answers []Answer
	for _, sec := range q.For(role) {
		for _, it := range sec.Items {
			shown[it.Key] = true
			got, fe := decodeItem(it, form[it.Key])
			if fe != nil {
				errs = append(errs, *fe)
				continue
			}
			answers = append(answers, got...)
		}
	}
	var unknown []string
	for k := range form {
		if !shown[k] && !slices.Contains(ignore, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		errs = append(errs, FieldError{Field: truncate(k, 64), Rule: RuleUnknown, Message: "not a question of this form"})
	}
	if err := errs.Err("some answers need a second look"); err != nil {
		return nil, err
	}
	if len(answers) == 0 {
		// A response without a single answer would count as taking part
		// while saying nothing.
		errs = append(errs, FieldError{Field: "form", Rule: RuleEmpty, Message: "answer at least one question"})
		return nil, errs.Err("the form is empty")
	}
	return answers, nil
}

func decodeItem(it Item, raw []string) ([]Answer, *FieldError) {
	fail := func(rule, msg string) ([]Answer, *FieldError) {
		return nil, &FieldError{Field: it.Key, Rule: rule, Message: msg}
	}
	// A form shows one input for an item that takes one answer; a second
	// value, blank or not, is not what the participant saw, and keeping
	// either one would store something they did not send as their answer.
	if it.Type != Multi && len(raw) > 1 {
		return fail(RuleMultiple, "only one answer is allowed")
	}
	vals := make([]string, 0, len(raw))
	for _, v := range raw {
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		if it.Required {
			return fail(RuleRequired, "an answer is required")
		}
		return nil, nil
	}
	switch it.Type {
	case Likert5, Scale10:
		lo, hi, _ := it.Type.Bounds()
		n, ok := smallInt(vals[0])
		if !ok {
			return fail(RuleNumber, "must be a whole number")
		}
		if n < lo || n > hi {
			return fail(RuleRange, "must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi))
		}
		f := float64(n)
		return []Answer{{Key: it.Key, Num: &f}}, nil
	case Single, Multi:
		if len(vals) > len(it.Options) {
			return fail(RuleMultiple, "more choices than options")
		}
		out := make([]Answer, 0, len(vals))
		for i, v := range vals {
			if !slices.ContainsFunc(it.Options, func(o Option) bool { return o.Value == v }) {
				return fail(RuleChoice, "is not one of the options")
			}
			if slices.Contains(vals[:i], v) {
				return fail(RuleMultiple, "an option is ticked twice")
			}
			out = append(out, Answer{Key: it.Key, Choice: v})
		}
		return out, nil
	default:
		t, msg := cleanText(vals[0], it.TextMax())
		if msg != "" {
			rule := RuleText
			if msg == "too long" {
				rule = RuleTooLong
			}
			return fail(rule, msg)
		}
		return []Answer{{Key: it.Key, Text: t}}, nil
	}
}

// smallInt parses a plain decimal number of at most two digits: no sign,
// no fraction, no exponent, no spaces inside.
func smallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cleanText checks a free-text answer and normalises its line breaks. Text
// is data: it is stored as given and escaped wherever it is shown.
func cleanText(s string, max int) (string, string) {
	if !utf8.ValidString(s) {
		return "", "is not valid text"
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if utf8.RuneCountInString(s) > max {
		return "", "too long"
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return "", "contains control characters"
		}
	}
	return s, ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
