package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"tandem/survey"
	"tandem/survey/programs"
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
	// OfferedBreakdowns are the breakdowns this survey's results may be
	// asked by: the program's, where the respondents allow them.
	OfferedBreakdowns []string `json:"offered_breakdowns"`
	// Withheld says why no groups are shown at all: the survey is still
	// open, or the breakdown asked for is not offered.
	Withheld
	// Invited, Opened and Submitted count the survey's invitations; they
	// are participation, not answers, and are shown whatever the groups.
	Invited      int         `json:"invited"`
	Opened       int         `json:"opened"`
	Submitted    int         `json:"submitted"`
	ResponseRate *float64    `json:"response_rate"` // Submitted/Invited; null without invitations
	Groups       []GroupJSON `json:"groups"`
}

// GroupJSON is one group of a breakdown, or the whole survey (By empty).
// A suppressed group carries By and its withholding only.
type GroupJSON struct {
	By map[string]string `json:"by"`
	// Includes lists, for the group of Other, the recorded values shown
	// together in it.
	Includes []string `json:"includes,omitempty"`
	Withheld
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
	// all Items; null for k < 2, AlphaN below the threshold or below 2,
	// or no variance of the sums.
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

// CommentsJSON are the free-text answers to one text item, in an order
// that says nothing about who wrote them or when. Withheld comments have
// no texts.
type CommentsJSON struct {
	Key string `json:"key"`
	Withheld
	Texts []string `json:"texts"`
}

// Breakdowns are the allowed values of ?by=.
var Breakdowns = survey.Attributes

// CheckBreakdown returns an EInvalid error naming the field "by" unless by
// is "" or one of Breakdowns.
func CheckBreakdown(by string) error {
	if by == "" || slices.Contains(Breakdowns, by) {
		return nil
	}
	return survey.Invalid("the breakdown is not valid", survey.Fault("by", survey.RuleChoice, "options", Breakdowns))
}

// Reader evaluates surveys and cohorts from the store's tables: every
// output that shows results (API, HR pages, workbook, raw rows) reads
// through one, so that all follow the same publication.
type Reader struct {
	DB      *sql.DB
	Catalog *survey.Catalog
	// Now tells whether a survey has closed; nil is time.Now.
	Now func() time.Time
	// Unprotected switches the publication model off (see Policy). For the
	// attack tests only.
	Unprotected bool
}

func (r *Reader) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// surveyMeta is what the figures of a survey need to know about it.
type surveyMeta struct {
	id, cohortID string
	phase        survey.Phase
	mode         survey.Mode
	policy       Policy
	closed       bool
}

// published reports whether m's results may be shown: once it has closed.
func (m surveyMeta) published() bool { return m.closed || m.policy.Unprotected }

// Results evaluates the survey surveyID, broken down by the response
// attribute by: "" for none, or one of Breakdowns. An unknown survey is an
// ENotFound error, an unknown breakdown an EInvalid one; a breakdown the
// publication does not offer gives no groups and says why.
func (r *Reader) Results(ctx context.Context, surveyID, by string) (ResultsJSON, error) {
	if err := CheckBreakdown(by); err != nil {
		return ResultsJSON{}, err
	}
	var out ResultsJSON
	err := readTx(ctx, r.DB, func(tx *sql.Tx) error {
		m, err := r.loadSurveyMeta(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		sc := scope{counted: []string{surveyID}}
		// A breakdown the program does not publish shows no answers:
		// participation only, without reading them.
		if m.published() && (by == "" || m.policy.Unprotected || slices.Contains(m.policy.Breakdowns, by)) {
			sc.read = sc.counted
		}
		ts, _, err := load(ctx, tx, r.Catalog, sc)
		if err != nil {
			return err
		}
		out = buildResults(m, questionnaire(r.Catalog, m.phase), ts[surveyID], by)
		return nil
	})
	return out, err
}

// Publication is the publication of survey surveyID: how its respondents'
// attributes are shown, which breakdowns are offered, whether its rows are
// released.
func (r *Reader) Publication(ctx context.Context, surveyID string) (*Publication, error) {
	var pub *Publication
	err := readTx(ctx, r.DB, func(tx *sql.Tx) error {
		m, err := r.loadSurveyMeta(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		ts, _, err := load(ctx, tx, r.Catalog, scope{counted: []string{surveyID}})
		if err != nil {
			return err
		}
		pub = decide(m.policy, respondentCombos(ts[surveyID]))
		if pub.published = m.published(); !pub.published {
			pub.rows = withhold(CodeSurveyOpen, m.policy.Threshold, "")
		}
		return nil
	})
	return pub, err
}

func (r *Reader) loadSurveyMeta(ctx context.Context, tx *sql.Tx, id string) (surveyMeta, error) {
	set, err := programs.ForSurvey(ctx, tx, id)
	if err != nil {
		return surveyMeta{}, err
	}
	m := surveyMeta{id: id, cohortID: set.Cohort.ID, mode: set.Program.Mode, policy: policyOf(set.Program, r.Unprotected)}
	var phase string
	err = tx.QueryRowContext(ctx, qSurveyMeta, id, r.now()).Scan(&phase, &m.closed)
	if err != nil {
		return m, fmt.Errorf("analytics: survey %s: %w", id, err)
	}
	m.phase = survey.Phase(phase)
	return m, nil
}

// policyOf is the publication policy of program p.
func policyOf(p survey.Program, unprotected bool) Policy {
	return Policy{Threshold: p.Threshold, Breakdowns: p.Breakdowns, RawRows: p.RawRows, Unprotected: unprotected}
}

// respondentCombos counts the respondents of each attribute tuple.
func respondentCombos(raw map[tuple]*tally) map[tuple]int {
	out := map[tuple]int{}
	for t, tl := range raw {
		if tl.responses > 0 {
			out[t] = tl.responses
		}
	}
	return out
}

// buildResults turns the raw tallies of a survey into its results,
// withholding what the publication demands.
func buildResults(m surveyMeta, q *survey.Questionnaire, raw map[tuple]*tally, by string) ResultsJSON {
	return resultsOf(m, q, newView(decide(m.policy, respondentCombos(raw)), raw), by)
}

// resultsOf builds the results of survey m from its view v.
func resultsOf(m surveyMeta, q *survey.Questionnaire, v *view, by string) ResultsJSON {
	k := m.policy.Threshold
	out := ResultsJSON{SurveyID: m.id, CohortID: m.cohortID, Phase: m.phase, Mode: m.mode,
		Threshold: k, Breakdown: by, OfferedBreakdowns: []string{}, Groups: []GroupJSON{}}
	pub := v.pub
	out.Invited, out.Opened, out.Submitted = v.all.invited, v.all.opened, v.all.submitted
	out.ResponseRate = rate(out.Submitted, out.Invited)
	if !m.published() {
		out.Withheld = withhold(CodeSurveyOpen, k, "")
		if by == "" {
			out.Groups = []GroupJSON{{By: map[string]string{}, Withheld: out.Withheld}}
		}
		return out
	}
	out.OfferedBreakdowns = append(out.OfferedBreakdowns, pub.offered...)
	if by == "" {
		g := GroupJSON{By: map[string]string{}}
		if n := v.all.responses; n < k {
			g.Withheld = withhold(CodeFewResponses, k, "")
		} else {
			g.GroupFigures = groupFigures(q, v, v.all, "", 0)
		}
		out.Groups = []GroupJSON{g}
		return out
	}
	if ok, w := pub.Offers(by); !ok {
		out.Withheld = w
		return out
	}
	for i, gr := range v.groups[by] {
		g := GroupJSON{By: map[string]string{by: gr.value}, Includes: gr.includes}
		if gr.t.responses < k {
			g.Withheld = withhold(CodeFewResponses, k, "")
		} else {
			g.GroupFigures = groupFigures(q, v, gr.t, by, i)
		}
		out.Groups = append(out.Groups, g)
	}
	return out
}

// rate is part/whole, or nil when whole is 0.
func rate(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	return new(float64(part) / float64(whole))
}
