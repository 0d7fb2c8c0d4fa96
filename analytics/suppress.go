package analytics

import (
	"strings"

	"tandem/survey"
)

// Codes say why a figure, a group or a whole output is withheld. They are
// stable: pages and the workbook choose their words by the code; the JSON
// carries the code and an English sentence beside it.
const (
	// CodeFewResponses: the group has fewer respondents than the threshold.
	CodeFewResponses = "few_responses"
	// CodeFewAnswers: the figure rests on fewer answers than the threshold
	// (an optional item, or an item asked of part of the group only).
	CodeFewAnswers = "few_answers"
	// CodeFewAsked: fewer respondents than the threshold were asked the
	// question, so its comments would point at them.
	CodeFewAsked = "few_asked"
	// CodePartial: fewer respondents than the threshold answered only part
	// of a dimension; next to its items' figures, its scores would let
	// their answers be worked out.
	CodePartial = "few_partial"
	// CodeComplement: large enough itself, but published next to the
	// total it would let a small group be worked out by subtraction.
	CodeComplement = "complement"
	// CodeCombination: shown only in the groups of the first breakdown,
	// because together with another breakdown it would single out a small
	// combination of attributes.
	CodeCombination = "combination"
	// CodeSurveyOpen: results are published once the survey has closed, so
	// that results before and after one more response cannot be compared.
	CodeSurveyOpen = "survey_open"
	// CodeNotOffered: the program does not publish this breakdown.
	CodeNotOffered = "breakdown_not_offered"
	// CodeTooFewToBreak: the program publishes this breakdown, but this
	// survey's respondents are too few to split without singling people
	// out.
	CodeTooFewToBreak = "breakdown_too_small"
	// CodeRolesCombined: the comparison needs both roles as groups of their
	// own, and one of them had to be combined with another.
	CodeRolesCombined = "roles_combined"
	// CodeAnonymousMode: anonymous responses are not linked across phases.
	CodeAnonymousMode = "anonymous_mode"
	// CodeNeedsSurveys: the figure needs surveys the cohort lacks or has
	// not closed yet.
	CodeNeedsSurveys = "needs_surveys"
	// CodeRowsOff: the program does not release per-response rows.
	CodeRowsOff = "rows_not_released"
	// CodeRowsSmallRole: a role has fewer respondents than the threshold;
	// its rows would show who they are (the questions a row answers tell
	// the role).
	CodeRowsSmallRole = "rows_small_role"
)

// Withheld says whether something is withheld, and why: Code for programs,
// Reason in English for people reading the JSON. Both come from the one
// catalog (survey.Messages, "withheld.<code>"); Why says it in any
// language.
type Withheld struct {
	Suppressed bool   `json:"suppressed"`
	Code       string `json:"code,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// Attribute names the breakdown a code is about, where it is.
	Attribute string `json:"attribute,omitempty"`
	// Threshold is the anonymity threshold the code speaks of, for pages
	// that word the reason themselves.
	Threshold int `json:"-"`
}

// withhold is the Withheld of code; threshold and attribute fill its
// sentence.
func withhold(code string, threshold int, attribute string) Withheld {
	w := Withheld{Suppressed: true, Code: code, Attribute: attribute, Threshold: threshold}
	w.Reason = w.words(survey.DefaultLanguage, attribute)
	return w
}

// Why says in lang why w is withheld; an attribute is named by its label.
func (w Withheld) Why(lang string) string {
	attr := w.Attribute
	if attr != "" {
		attr = survey.AttributeLabel(lang, attr)
	}
	return w.words(lang, attr)
}

// words is the sentence of w's code in lang with attribute filled in; a
// code the catalog does not know is shown as its words.
func (w Withheld) words(lang, attribute string) string {
	key := "withheld." + w.Code
	if !survey.Messages.Has(key) {
		return strings.ReplaceAll(w.Code, "_", " ")
	}
	return survey.Messages.Fill(lang, key, survey.Args{"n": w.Threshold, "attribute": attribute})
}

// Suppress decides which cells of one breakdown are withheld. ns[i] is how
// many responses (or answers) cell i rests on; the cells partition a total
// that is published on its own (the report without breakdown), so whatever
// is withheld can be recovered, as a whole, by subtracting the published
// cells from it. withheld[i] marks cells already withheld for another
// reason; it may be nil. Their n counts towards what is withheld; the code
// returned for them is CodeComplement, and the caller keeps its own.
//
// It returns one code per cell, "" for a cell that may be shown:
//   - a cell with 0 < n < threshold is withheld (small);
//   - then, while the withheld cells together hold more than 0 and fewer
//     than threshold responses, the smallest shown cell with n > 0 is
//     withheld too (complement; ties go to the earlier cell). Where exactly
//     one cell is small, this withholds the next smallest, so that the
//     total cannot reveal the small one; where several small cells together
//     stay below the threshold, it withholds more, so that their union
//     cannot be worked out either.
//
// Cells with n = 0 are never withheld as small: nothing can be learnt
// about nobody.
func Suppress(ns []int, withheld []bool, threshold int, small string) []string {
	out := make([]string, len(ns))
	hidden := 0
	for i, n := range ns {
		switch {
		case withheld != nil && withheld[i]:
			out[i] = CodeComplement
			hidden += n
		case n > 0 && n < threshold:
			out[i] = small
			hidden += n
		}
	}
	for hidden > 0 && hidden < threshold {
		next := -1
		for i, n := range ns {
			if out[i] == "" && n > 0 && (next < 0 || n < ns[next]) {
				next = i
			}
		}
		if next < 0 {
			break // everything is withheld; the total alone reveals no part
		}
		out[next] = CodeComplement
		hidden += ns[next]
	}
	return out
}
