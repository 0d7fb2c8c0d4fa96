package survey

import (
	"net/url"
	"slices"
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

// DecodeForm turns a posted form into answers to the items q shows role.
// Keys in ignore (hidden inputs such as the anti-forgery token) are passed
// over; any other key that is not a question of the form is an error. A
// skipped optional item yields no answer: missing, not zero. On any error
// it returns no answers and an EInvalid *Error listing every field at
// fault, in form order.
func DecodeForm(q *Questionnaire, role Role, form url.Values, ignore ...string) ([]Answer, error) {
	var errs Fields
	if len(form) > MaxFormFields {
		errs.Add("form", RuleTooMany, "max", MaxFormFields)
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
		errs.Add(truncate(k, 64), RuleUnknown)
	}
	if err := errs.Err("some answers need a second look"); err != nil {
		return nil, err
	}
	if len(answers) == 0 {
		// A response without a single answer would count as taking part
		// while saying nothing.
		errs.Add("form", RuleEmpty)
		return nil, errs.Err("the form is empty")
	}
	return answers, nil
}

func decodeItem(it Item, raw []string) ([]Answer, *FieldError) {
	fail := func(rule string, args ...any) ([]Answer, *FieldError) {
		f := Fault(it.Key, rule, args...)
		return nil, &f
	}
	// A form shows one input for an item that takes one answer; a second
	// value, blank or not, is not what the participant saw, and keeping
	// either one would store something they did not send as their answer.
	if it.Type != Multi && len(raw) > 1 {
		return fail(RuleMultiple)
	}
	vals := make([]string, 0, len(raw))
	for _, v := range raw {
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		if it.Required {
			return fail(RuleRequired)
		}
		return nil, nil
	}
	switch it.Type {
	case Likert5, Scale10:
		lo, hi, _ := it.Type.Bounds()
		n, ok := smallInt(vals[0])
		if !ok {
			return fail(RuleNumber)
		}
		if n < lo || n > hi {
			return fail(RuleRange, "min", lo, "max", hi)
		}
		f := float64(n)
		return []Answer{{Key: it.Key, Num: &f}}, nil
	case Single, Multi:
		if len(vals) > len(it.Options) {
			return fail(RuleMultiple)
		}
		out := make([]Answer, 0, len(vals))
		for i, v := range vals {
			if !slices.ContainsFunc(it.Options, func(o Option) bool { return o.Value == v }) {
				return fail(RuleChoice, "options", it.values())
			}
			if slices.Contains(vals[:i], v) {
				return fail(RuleMultiple)
			}
			out = append(out, Answer{Key: it.Key, Choice: v})
		}
		return out, nil
	default:
		t, rule := cleanText(vals[0], it.TextMax())
		switch rule {
		case "":
		case RuleTooLong:
			return fail(rule, "max", it.TextMax())
		default:
			return fail(rule)
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

// cleanText checks a free-text answer and normalises its line breaks, or
// returns the rule it breaks. Text is data: it is stored as given and
// escaped wherever it is shown.
func cleanText(s string, max int) (string, string) {
	if !utf8.ValidString(s) {
		return "", RuleText
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if utf8.RuneCountInString(s) > max {
		return "", RuleTooLong
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return "", RuleText
		}
	}
	return s, ""
}

// values lists the values of the item's options.
func (it Item) values() []string {
	out := make([]string, len(it.Options))
	for i, o := range it.Options {
		out[i] = o.Value
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
