package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"tandem/survey"
)

// ResultsJSON is the evaluation of one survey: what
// GET /api/v1/surveys/{id}/results returns and the workbook reads.
type ResultsJSON struct {
	SurveyID  string       `json:"survey_id"`
	CohortID  string       `json:"cohort_id"`
	Phase     survey.Phase `json:"phase"`
	Mode      survey.Mode  `json:"mode"`
	Threshold int          `json:"threshold"` // the program's anonymity threshold
	// Breakdown is the attribute the groups differ in; empty (omitted)
	// without one.
	Breakdown string `json:"breakdown,omitempty"`
	// Invited, Opened and Submitted count the survey's invitations; they
	// are participation, not answers, and are shown whatever the groups.
	Invited      int         `json:"invited"`
	Opened       int         `json:"opened"`
	Submitted    int         `json:"submitted"`
	ResponseRate *float64    `json:"response_rate"` // Submitted/Invited; null without invitations
	Groups       []GroupJSON `json:"groups"`
}

// GroupJSON is one group of a breakdown, or the whole survey (By empty).
// A suppressed group carries By, Suppressed and Reason only.
type GroupJSON struct {
	By         map[string]string `json:"by"`
	Suppressed bool              `json:"suppressed"`
	Reason     string            `json:"reason,omitempty"`
	*GroupFigures
}

// GroupFigures are the figures of a group that is shown.
type GroupFigures struct {
	N            int             `json:"n"` // submitted responses of the group
	Invited      int             `json:"invited"`
	Opened       int             `json:"opened"`
	Submitted    int             `json:"submitted"`
	ResponseRate *float64        `json:"response_rate"`
	Items        []ItemJSON      `json:"items"`
	Dimensions   []DimensionJSON `json:"dimensions"`
	NPS          *NPSJSON        `json:"nps"` // null where the survey asks no recommendation
	Choices      []ChoiceJSON    `json:"choices"`
	Comments     []CommentsJSON  `json:"comments"`
}

// Withheld says whether a figure of a shown group is withheld, and why.
type Withheld struct {
	Suppressed bool   `json:"suppressed"`
	Reason     string `json:"reason,omitempty"`
}

// ItemJSON is one scale item (1–5, or 0–10 for the recommendation).
type ItemJSON struct {
	Key       string          `json:"key"`
	Type      survey.ItemType `json:"type"`
	Dimension *string         `json:"dimension"` // null for items outside the dimensions
	Topic     string          `json:"topic,omitempty"`
	Withheld
	*ItemFigures
}

// ItemFigures describe the answers to an item. Top2Box is null for the
// 0–10 scale.
type ItemFigures struct {
	Summary
	Distribution map[string]int `json:"distribution"` // "1".."5" or "0".."10", zeros included
}

// DimensionJSON is one benefit dimension: its figures are taken over the
// respondents' scores (the mean of their answered items of the dimension).
type DimensionJSON struct {
	Key   string `json:"key"`
	Items int    `json:"items"` // k, the dimension's items in this questionnaire
	Withheld
	*DimensionFigures
}

// DimensionFigures describe the scores of a dimension. Top2Box is the share
// of respondents scoring 4 or more.
type DimensionFigures struct {
	Summary
	// Alpha is Cronbach's alpha over the AlphaN respondents who answered
	// all Items; null for k < 2, AlphaN < 2, or no variance of the sums.
	Alpha  *float64 `json:"alpha"`
	AlphaN int      `json:"alpha_n"`
}

// NPSJSON is the Net Promoter Score of the recommendation item.
type NPSJSON struct {
	Withheld
	*NPSResult
}

// ChoiceJSON counts a single- or multi-choice item.
type ChoiceJSON struct {
	Key  string          `json:"key"`
	Type survey.ItemType `json:"type"`
	Withheld
	*ChoiceFigures
}

// ChoiceFigures are the respondents who answered a choice item and the
// ticks of each option (every option present, zeros included).
type ChoiceFigures struct {
	N      int            `json:"n"`
	Counts map[string]int `json:"counts"`
}

// CommentsJSON are the free-text answers to one text item, sorted so that
// their order says nothing about who wrote them or when.
type CommentsJSON struct {
	Key   string   `json:"key"`
	Texts []string `json:"texts"`
}

// Breakdowns are the allowed values of ?by=.
var Breakdowns = []string{"role", "department", "generation", "region"}

// CheckBreakdown returns an EInvalid error naming the field "by" unless by
// is "" or one of Breakdowns.
func CheckBreakdown(by string) error {
	if _, ok := groupColumns[by]; by == "" || ok {
		return nil
	}
	return survey.Invalid("the breakdown is not valid", survey.FieldError{Field: "by", Rule: survey.RuleChoice,
		Message: "must be one of " + strings.Join(Breakdowns, ", ")})
}

// surveyMeta is what the figures of a survey need to know about it.
type surveyMeta struct {
	id, cohortID string
	phase        survey.Phase
	threshold    int
	mode         survey.Mode
}

// Results evaluates the survey surveyID, broken down by the response
// attribute by: "" for none, or one of Breakdowns. An unknown survey is an
// ENotFound error, an unknown breakdown an EInvalid one.
func Results(ctx context.Context, db *sql.DB, cat *survey.Catalog, surveyID, by string) (ResultsJSON, error) {
	if err := CheckBreakdown(by); err != nil {
		return ResultsJSON{}, err
	}
	var out ResultsJSON
	err := readTx(ctx, db, func(tx *sql.Tx) error {
		m, err := loadSurveyMeta(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		ts, _, err := load(ctx, tx, cat, scope{by: by, counted: []string{surveyID}, read: []string{surveyID}})
		if err != nil {
			return err
		}
		out = buildResults(m, questionnaire(cat, m.phase), ts[surveyID], by)
		return nil
	})
	return out, err
}

func loadSurveyMeta(ctx context.Context, tx *sql.Tx, id string) (surveyMeta, error) {
	var m surveyMeta
	var phase, mode string
	err := tx.QueryRowContext(ctx, qSurveyMeta, id).Scan(&m.id, &m.cohortID, &phase, &m.threshold, &mode)
	if errors.Is(err, sql.ErrNoRows) {
		return m, survey.Errorf(survey.ENotFound, "no survey with id %q", id)
	}
	if err != nil {
		return m, fmt.Errorf("analytics: survey %s: %w", id, err)
	}
	m.phase, m.mode = survey.Phase(phase), survey.Mode(mode)
	return m, nil
}

// buildResults turns the tallies of a survey's groups into its results,
// withholding what the threshold demands.
func buildResults(m surveyMeta, q *survey.Questionnaire, byGroup map[string]*tally, by string) ResultsJSON {
	out := ResultsJSON{SurveyID: m.id, CohortID: m.cohortID, Phase: m.phase, Mode: m.mode,
		Threshold: m.threshold, Breakdown: by}
	if byGroup == nil {
		byGroup = map[string]*tally{}
	}
	if by == "" && byGroup[""] == nil {
		byGroup[""] = newTally() // the whole survey is one group, even when empty
	}
	keys := orderGroups(by, byGroup)
	ts := make([]*tally, len(keys))
	ns := make([]int, len(keys))
	for i, k := range keys {
		ts[i], ns[i] = byGroup[k], byGroup[k].responses
		out.Invited += ts[i].invited
		out.Opened += ts[i].opened
		out.Submitted += ts[i].submitted
	}
	out.ResponseRate = rate(out.Submitted, out.Invited)
	reasons, withheld := suppressGroups(ns, m.threshold)
	cs := &cells{ts: ts, withheld: withheld, threshold: m.threshold, memo: map[string][]string{}}
	out.Groups = make([]GroupJSON, len(keys))
	for i, k := range keys {
		g := GroupJSON{By: map[string]string{}}
		if by != "" {
			g.By[by] = k
		}
		if withheld[i] {
			g.Suppressed, g.Reason = true, reasons[i]
		} else {
			g.GroupFigures = groupFigures(q, cs, i)
		}
		out.Groups[i] = g
	}
	return out
}

// suppressGroups applies Suppress to the groups of a breakdown, whose ns
// are submitted responses. A group without responses is withheld too (it
// is below the threshold), but as it hides nothing it calls for no
// complement.
func suppressGroups(ns []int, threshold int) (reasons []string, withheld []bool) {
	empty := make([]bool, len(ns))
	for i, n := range ns {
		empty[i] = n == 0
	}
	reasons = Suppress(ns, empty, threshold, reasonFewResponses(threshold))
	withheld = make([]bool, len(ns))
	for i, r := range reasons {
		if empty[i] {
			reasons[i] = reasonFewResponses(threshold)
		}
		withheld[i] = r != ""
	}
	return reasons, withheld
}

// orderGroups puts group values in reporting order: roles as survey.Roles
// lists them, other attributes alphabetically; the empty value (attribute
// not recorded) comes last.
func orderGroups(by string, m map[string]*tally) []string {
	keys := slices.Collect(maps.Keys(m))
	rank := func(k string) int {
		if by == "role" {
			if i := slices.Index(survey.Roles, survey.Role(k)); i >= 0 {
				return i
			}
		}
		if k == "" {
			return len(survey.Roles) + 1
		}
		return len(survey.Roles)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	return keys
}

// rate is part/whole, or nil when whole is 0.
func rate(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	return new(float64(part) / float64(whole))
}
