package hr

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

// conflictReason says why a change conflicts with the state: the rule the
// store names, in lang, or that the state forbids it.
func conflictReason(lang string, err error) string {
	var e *survey.Error
	if errors.As(err, &e) && e.Rule != "" {
		return e.Text(lang)
	}
	return msg(lang, "conflict.body")
}

// withheldText says in words that a figure is not shown, and why.
func withheldText(lang string, w analytics.Withheld) string {
	why := w.Why(lang)
	switch {
	case why == "":
		return msg(lang, "withheld")
	case w.Code == analytics.CodeComplement:
		return why // "suppressed so that …" says it itself
	default:
		return msg(lang, "withheld") + ": " + why
	}
}

// percent formats a share (0–1) as a whole percentage, or "–".
func percent(lang string, share *float64) string {
	if share == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", math.Round(*share*100))
}

// number formats v with digits decimals and lang's decimal separator, or
// "–" for nil.
func number(lang string, v *float64, digits int) string {
	if v == nil {
		return "–"
	}
	return strings.Replace(fmt.Sprintf("%.*f", digits, *v), ".", msg(lang, "format.decimal"), 1)
}
