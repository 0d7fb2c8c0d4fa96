package analytics

import (
	"context"
	"database/sql"
	"fmt"

	"tandem/survey"
	"tandem/survey/programs"
)

// SummaryJSON is a cohort at a glance, for HR pages and the workbook: what
// GET /api/v1/cohorts/{id}/summary returns. Every figure follows the same
// suppression as the results; a field whose survey the cohort lacks is
// null.
type SummaryJSON struct {
	CohortID  string      `json:"cohort_id"`
	ProgramID string      `json:"program_id"`
	Mode      survey.Mode `json:"mode"`
	Threshold int         `json:"threshold"`
	// Surveys names the survey of each phase the figures come from: the
	// one that opened last where a phase has several.
	Surveys       PhaseSurveys        `json:"surveys"`
	Participation []ParticipationJSON `json:"participation"`
	// Satisfaction is the final survey's overall_satisfaction over all
	// respondents: the headline figure (mean with its ci95).
	Satisfaction *ItemJSON         `json:"satisfaction"`
	NPS          *NPSJSON          `json:"nps"`
	Continuation *ContinuationJSON `json:"continuation"`
	// ByRole says whether figures by role (DimensionsByRole,
	// MentorVsMentee) are published: only where the program offers the
	// role breakdown for the final survey.
	ByRole Withheld `json:"by_role"`
	// DimensionsByRole are the final survey's dimension scores per role.
	DimensionsByRole []RoleDimensionsJSON `json:"dimensions_by_role"`
	MidpointToFinal  []ChangeJSON         `json:"midpoint_to_final"`
	MentorVsMentee   []ComparisonJSON     `json:"mentor_vs_mentee"`
	KnowledgeGain    KnowledgeJSON        `json:"knowledge_gain"`
	TopicVotes       *RankingJSON         `json:"topic_votes"`
	TopBenefits      *RankingJSON         `json:"top_benefits"`
	// Reach is what the round's tandems connected, and who stays available.
	Reach ReachJSON `json:"reach"`
}

// PhaseSurveys holds the id of the survey used for each phase, or null.
type PhaseSurveys struct {
	Kickoff  *string `json:"kickoff"`
	Midpoint *string `json:"midpoint"`
	Final    *string `json:"final"`
}

// ParticipationJSON is the participation in one survey of the cohort, in
// total and per role. A role with fewer invitations than the threshold is
// counted under Other (FoldRoles).
type ParticipationJSON struct {
	SurveyID     string              `json:"survey_id"`
	Phase        survey.Phase        `json:"phase"`
	Invited      int                 `json:"invited"`
	Opened       int                 `json:"opened"`
	Submitted    int                 `json:"submitted"`
	ResponseRate *float64            `json:"response_rate"`
	Roles        []RoleParticipation `json:"roles"`
}

// RoleParticipation is the participation of one role in a survey.
type RoleParticipation struct {
	Role survey.Role `json:"role"`
	Withheld
	*Turnout
}

// Turnout counts a role's invitations.
type Turnout struct {
	Invited      int      `json:"invited"`
	Opened       int      `json:"opened"`
	Submitted    int      `json:"submitted"`
	ResponseRate *float64 `json:"response_rate"`
}

// ContinuationJSON is how many tandems mean to keep meeting: the final
// survey's "continue" item over all respondents.
type ContinuationJSON struct {
	Withheld
	*ContinuationFigures
}

// ContinuationFigures count the answers to "continue"; Rate is the share of
// "yes" among the N who answered, null when N is 0.
type ContinuationFigures struct {
	N      int            `json:"n"`
	Counts map[string]int `json:"counts"`
	Rate   *float64       `json:"rate"`
}

// RoleDimensionsJSON are the dimension scores of one role.
type RoleDimensionsJSON struct {
	Role survey.Role `json:"role"`
	Withheld
	N          *int            `json:"n,omitempty"`
	Dimensions []DimensionJSON `json:"dimensions,omitempty"`
}

// Side is one side of a comparison: the scores of a dimension.
type Side struct {
	N    int       `json:"n"`
	Mean *float64  `json:"mean"`
	SD   *float64  `json:"sd"`
	CI95 *Interval `json:"ci95"`
}

// Contrast is what two sides of a comparison differ by: Difference is the
// first side's mean minus the second's, Welch is Welch's t test (T > 0 when
// the first side is higher) and HedgesG the standardised difference; each
// is null where undefined (a side without scores, fewer than 2 scores,
// no variance).
type Contrast struct {
	Difference *float64 `json:"difference"`
	Welch      *TTest   `json:"welch"`
	HedgesG    *float64 `json:"hedges_g"`
}

// ChangeJSON is the change of a dimension from the midpoint to the final
// survey, final minus midpoint: over all respondents, unpaired (the two
// surveys' scores as independent samples, Welch: ChangeFigures); and, in a
// confidential program where the pairs may be shown, paired (each
// respondent's midpoint score with their own final score: Paired).
type ChangeJSON struct {
	Dimension string `json:"dimension"`
	// Method is MethodPaired where Paired is shown, MethodUnpaired where
	// only ChangeFigures are; empty when withheld.
	Method string `json:"method,omitempty"`
	Withheld
	*ChangeFigures
	Paired *PairedChange `json:"paired,omitempty"`
	// PairedWithheld says why there is no paired figure, where the
	// unpaired one is shown.
	PairedWithheld *Withheld `json:"paired_withheld,omitempty"`
}

// PairedChange is the paired t test of final − midpoint scores (N pairs)
// and both means over the pairs.
type PairedChange struct {
	BeforeMean *float64 `json:"before_mean"`
	AfterMean  *float64 `json:"after_mean"`
	Paired
}

// ChangeFigures are the two sides of a ChangeJSON and their contrast.
type ChangeFigures struct {
	Midpoint Side `json:"midpoint"`
	Final    Side `json:"final"`
	Contrast
}

// ComparisonJSON compares mentors with mentees on a dimension both are
// asked, in the final survey: mentor minus mentee.
type ComparisonJSON struct {
	Dimension string `json:"dimension"`
	Withheld
	*ComparisonFigures
}

// ComparisonFigures are the two sides of a ComparisonJSON and their
// contrast.
type ComparisonFigures struct {
	Mentor Side `json:"mentor"`
	Mentee Side `json:"mentee"`
	Contrast
}

// CohortSummary summarises the cohort cohortID; an unknown cohort is an
// ENotFound error.
func (r *Reader) CohortSummary(ctx context.Context, cohortID string) (SummaryJSON, error) {
	var out SummaryJSON
	err := readTx(ctx, r.DB, func(tx *sql.Tx) error {
		var err error
		out, _, err = r.cohortSummary(ctx, tx, cohortID)
		return err
	})
	return out, err
}

// cohortSummary summarises cohortID inside tx, also returning what a
// program summary compares across rounds.
func (r *Reader) cohortSummary(ctx context.Context, tx *sql.Tx, cohortID string) (SummaryJSON, summaryParts, error) {
	c, err := r.loadCohortMeta(ctx, tx, cohortID)
	if err != nil {
		return SummaryJSON{}, summaryParts{}, err
	}
	sc := scope{counted: c.surveyIDs(), read: c.chosen()}
	if c.mode == survey.ModeConfidential && c.published(c.kickoff) && c.published(c.final) {
		sc.before, sc.after = c.kickoff, c.final
		for _, it := range topicItems(r.Catalog) {
			sc.topicItems = append(sc.topicItems, it.Key)
		}
	}
	if c.mode == survey.ModeConfidential && c.published(c.midpoint) && c.published(c.final) {
		sc.midpoint, sc.final = c.midpoint, c.final
	}
	ts, pairs, err := load(ctx, tx, r.Catalog, sc)
	if err != nil {
		return SummaryJSON{}, summaryParts{}, err
	}
	out, parts := buildSummary(c, r.Catalog, ts, pairs)
	if out.Reach, err = reach(ctx, tx, cohortID, parts.finalWhole); err != nil {
		return SummaryJSON{}, summaryParts{}, err
	}
	return out, parts, nil
}

// summaryParts are what a cohort summary was built from that a program
// summary compares across rounds: the final survey's view and its whole
// group (nil without a final survey).
type summaryParts struct {
	final      *view
	finalWhole *GroupJSON
}

// cohortMeta is what the summary needs to know about a cohort.
type cohortMeta struct {
	id, programID            string
	mode                     survey.Mode
	policy                   Policy
	surveys                  []surveyMeta // in the order they opened
	kickoff, midpoint, final string       // the surveys used, "" where absent
}

func (r *Reader) loadCohortMeta(ctx context.Context, tx *sql.Tx, id string) (cohortMeta, error) {
	set, err := programs.ForCohort(ctx, tx, id)
	if err != nil {
		return cohortMeta{}, err
	}
	c := cohortMeta{id: id, programID: set.Program.ID, mode: set.Program.Mode, policy: policyOf(set.Program, r.Unprotected)}
	err = each(ctx, tx, qCohortSurveys, []any{id, r.now()}, func(rows *sql.Rows) error {
		m := surveyMeta{cohortID: id, mode: c.mode, policy: c.policy}
		var phase string
		if err := rows.Scan(&m.id, &phase, &m.closed); err != nil {
			return err
		}
		m.phase = survey.Phase(phase)
		c.surveys = append(c.surveys, m)
		switch m.phase { // the last of a phase wins
		case survey.PhaseKickoff:
			c.kickoff = m.id
		case survey.PhaseMidpoint:
			c.midpoint = m.id
		case survey.PhaseFinal:
			c.final = m.id
		}
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("analytics: surveys of cohort %s: %w", id, err)
	}
	return c, nil
}

func (c cohortMeta) surveyIDs() []string {
	ids := make([]string, len(c.surveys))
	for i, m := range c.surveys {
		ids[i] = m.id
	}
	return ids
}

// chosen lists the surveys whose answers the summary reads: the surveys
// used for kick-off, midpoint and final, where published.
func (c cohortMeta) chosen() []string {
	var ids []string
	for _, id := range []string{c.kickoff, c.midpoint, c.final} {
		if c.published(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// published reports whether survey id exists and may show results.
func (c cohortMeta) published(id string) bool {
	return id != "" && c.meta(id).published()
}

func (c cohortMeta) meta(id string) surveyMeta {
	for _, m := range c.surveys {
		if m.id == id {
			return m
		}
	}
	return surveyMeta{}
}

func idOrNil(id string) *string {
	if id == "" {
		return nil
	}
	return new(id)
}
