package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tandem/survey"
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
	// DimensionsByRole are the final survey's dimension scores per role.
	DimensionsByRole []RoleDimensionsJSON `json:"dimensions_by_role"`
	MidpointToFinal  []ChangeJSON         `json:"midpoint_to_final"`
	MentorVsMentee   []ComparisonJSON     `json:"mentor_vs_mentee"`
	KnowledgeGain    KnowledgeJSON        `json:"knowledge_gain"`
	TopicVotes       *RankingJSON         `json:"topic_votes"`
	TopBenefits      *RankingJSON         `json:"top_benefits"`
}

// PhaseSurveys holds the id of the survey used for each phase, or null.
type PhaseSurveys struct {
	Kickoff  *string `json:"kickoff"`
	Midpoint *string `json:"midpoint"`
	Final    *string `json:"final"`
}

// ParticipationJSON is the participation in one survey of the cohort, in
// total and per role. Roles follow the suppression of the results by role.
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
// survey over all respondents, unpaired: the two surveys' scores compared
// as independent samples (Welch), final minus midpoint.
type ChangeJSON struct {
	Dimension string `json:"dimension"`
	Withheld
	*ChangeFigures
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
func CohortSummary(ctx context.Context, db *sql.DB, cat *survey.Catalog, cohortID string) (SummaryJSON, error) {
	var out SummaryJSON
	err := readTx(ctx, db, func(tx *sql.Tx) error {
		c, err := loadCohortMeta(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		sc := scope{by: "role", counted: c.surveyIDs(), read: c.chosen()}
		if c.mode == survey.ModeConfidential && c.kickoff != "" && c.final != "" {
			sc.before, sc.after = c.kickoff, c.final
			for _, it := range topicItems(cat) {
				sc.topicItems = append(sc.topicItems, it.Key)
			}
		}
		ts, pairs, err := load(ctx, tx, cat, sc)
		if err != nil {
			return err
		}
		out = buildSummary(c, cat, ts, pairs)
		return nil
	})
	return out, err
}

// cohortMeta is what the summary needs to know about a cohort.
type cohortMeta struct {
	id, programID            string
	threshold                int
	mode                     survey.Mode
	surveys                  []surveyMeta // in the order they opened
	kickoff, midpoint, final string       // the surveys used, "" where absent
}

func loadCohortMeta(ctx context.Context, tx *sql.Tx, id string) (cohortMeta, error) {
	var c cohortMeta
	var mode string
	err := tx.QueryRowContext(ctx, qCohortMeta, id).Scan(&c.id, &c.programID, &c.threshold, &mode)
	if errors.Is(err, sql.ErrNoRows) {
		return c, survey.Errorf(survey.ENotFound, "no cohort with id %q", id)
	}
	if err != nil {
		return c, fmt.Errorf("analytics: cohort %s: %w", id, err)
	}
	c.mode = survey.Mode(mode)
	err = each(ctx, tx, qCohortSurveys, []any{id}, func(r *sql.Rows) error {
		m := surveyMeta{cohortID: id, threshold: c.threshold, mode: c.mode}
		var phase string
		if err := r.Scan(&m.id, &phase); err != nil {
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

// chosen lists the surveys whose answers the summary reads.
func (c cohortMeta) chosen() []string {
	var ids []string
	for _, id := range []string{c.kickoff, c.midpoint, c.final} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

func (c cohortMeta) meta(id string) surveyMeta {
	for _, m := range c.surveys {
		if m.id == id {
			return m
		}
	}
	return surveyMeta{}
}

// overall merges a survey's role groups into the single group of the
// whole survey.
func overall(byRole map[string]*tally) map[string]*tally {
	all := newTally()
	for _, t := range byRole {
		all.merge(t)
	}
	return map[string]*tally{"": all}
}

func idOrNil(id string) *string {
	if id == "" {
		return nil
	}
	return new(id)
}
