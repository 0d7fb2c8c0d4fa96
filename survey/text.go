package survey

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkText records what is wrong with v, a short text an organiser typed
// or imported (a name, an e-mail address, a department), as field of row
// (0 outside an import): text that is not UTF-8 or holds a character that
// is not shown as itself (RuleText), or is longer than max characters
// (RuleTooLong). Such characters have no place in a name; they break the
// lines of files and mails built from it, and the bidirectional ones make
// a name read as another ("Anna\u202Ekcehc" shows as "Annacheck"). It
// reports whether v passed.
func checkText(errs *Fields, row int, field, v string, max int) bool {
	switch {
	case !utf8.ValidString(v) || hasHidden(v):
		errs.AddRow(row, field, RuleText)
	case utf8.RuneCountInString(v) > max:
		errs.AddRow(row, field, RuleTooLong, "max", max)
	default:
		return true
	}
	return false
}

// hasHidden reports whether s holds a control character (C0, tab and line
// breaks among them, DEL and C1) or a bidirectional embedding, override or
// isolate (U+202A–U+202E, U+2066–U+2069).
func hasHidden(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' {
			return true
		}
	}
	return false
}

// trimText removes the spaces around s, but not control characters such as
// a trailing tab or line break: those are refused by checkText rather than
// quietly dropped, so that what is stored is what was sent.
func trimText(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) && !unicode.IsControl(r) })
}
