package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tandem/survey"
)

// ProgramSummary is a program's rounds side by side: what
// GET /api/v1/programs/{id}/summary returns and the program workbook
// reads. Every figure is a round's own, withheld as that round's summary
// withholds it; nothing is pooled across rounds, so that no round can be
// worked out as a program total minus the others.
type ProgramSummary struct {
	ProgramID string      `json:"program_id"`
	Mode      survey.Mode `json:"mode"`
	Threshold int         `json:"threshold"`
	Rounds    []RoundJSON `json:"rounds"` // in the order they started
}

// RoundJSON is one round (cohort) of a program.
type RoundJSON struct {
	CohortID      string              `json:"cohort_id"`
	Name          string              `json:"name"`
	StartsOn      string              `json:"starts_on"`
	EndsOn        string              `json:"ends_on"`
	Participation []ParticipationJSON `json:"participation"`
	Satisfaction  *ItemJSON           `json:"satisfaction"`
	NPS           *NPSJSON            `json:"nps"`
	Continuation  *ContinuationJSON   `json:"continuation"`
	// Dimensions are the final survey's dimension scores over all
	// respondents; ByRole and DimensionsByRole as in the cohort summary.
	Dimensions       []DimensionJSON      `json:"dimensions"`
	ByRole           Withheld             `json:"by_role"`
	DimensionsByRole []RoleDimensionsJSON `json:"dimensions_by_role"`
	Learning         KnowledgeJSON        `json:"learning"`
	Reach            ReachJSON            `json:"reach"`
	// Change compares the round with the one before it; null for the
	// first round.
	Change *RoundChangeJSON `json:"change"`
}

// RoundChangeJSON is how a round differs from the previous one: this
// round minus the previous, with Welch's t test and Hedges' g where both
// rounds' figures are shown.
type RoundChangeJSON struct {
	From         string            `json:"from"` // the previous round's cohort id
	Satisfaction RoundContrastJSON `json:"satisfaction"`
	// NPS and Continuation are differences of the score and of the rate,
	// null where either round withholds them.
	NPS          *float64            `json:"nps"`
	Continuation *float64            `json:"continuation"`
	Dimensions   []RoundContrastJSON `json:"dimensions"`
}

// RoundContrastJSON compares one figure of two rounds.
type RoundContrastJSON struct {
	Key string `json:"key"` // the item or dimension
	Withheld
	*RoundContrastFigures
}

// RoundContrastFigures are both rounds' sides and their contrast.
type RoundContrastFigures struct {
	Previous Side `json:"previous"`
	Current  Side `json:"current"`
	Contrast
}

// qProgramCohorts lists a program's cohorts in the order they started.
const qProgramCohorts = `
SELECT c.id, c.name, c.starts_on, c.ends_on, p.mode, p.threshold
FROM programs p
LEFT JOIN cohorts c ON c.program_id = p.id
WHERE p.id = ?
ORDER BY c.starts_on, c.created_at, c.id`

// ProgramSummary summarises every round of programID; an unknown program
// is an ENotFound error.
func (r *Reader) ProgramSummary(ctx context.Context, programID string) (ProgramSummary, error) {
	out := ProgramSummary{ProgramID: programID, Rounds: []RoundJSON{}}
	err := readTx(ctx, r.DB, func(tx *sql.Tx) error {
		rounds, err := r.programRounds(ctx, tx, programID, &out)
		if err != nil {
			return err
		}
		var prev *roundData
		for i := range rounds {
			cur := &rounds[i]
			s, parts, err := r.cohortSummary(ctx, tx, cur.json.CohortID)
			if err != nil {
				return err
			}
			cur.fill(s, parts)
			if prev != nil {
				cur.json.Change = roundChange(*prev, *cur, out.Threshold)
			}
			out.Rounds = append(out.Rounds, cur.json)
			prev = cur
		}
		return nil
	})
	return out, err
}

// roundData is a round's summary with what comparing rounds needs.
type roundData struct {
	json  RoundJSON
	final *view
	whole *GroupJSON
}

func (r *Reader) programRounds(ctx context.Context, tx *sql.Tx, programID string, out *ProgramSummary) ([]roundData, error) {
	var rounds []roundData
	found := false
	err := each(ctx, tx, qProgramCohorts, []any{programID}, func(rows *sql.Rows) error {
		var id, name sql.NullString
		var starts, ends sql.NullTime
		var mode string
		if err := rows.Scan(&id, &name, &starts, &ends, &mode, &out.Threshold); err != nil {
			return err
		}
		found, out.Mode = true, survey.Mode(mode)
		if id.Valid {
			rounds = append(rounds, roundData{json: RoundJSON{CohortID: id.String, Name: name.String,
				StartsOn: starts.Time.Format(time.DateOnly), EndsOn: ends.Time.Format(time.DateOnly)}})
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("analytics: program %s: %w", programID, err)
	case !found:
		return nil, survey.Errorf(survey.ENotFound, "no program with id %q", programID)
	}
	return rounds, nil
}

// fill copies a round's cohort summary into its JSON.
func (d *roundData) fill(s SummaryJSON, parts summaryParts) {
	j := &d.json
	j.Participation, j.Satisfaction, j.NPS, j.Continuation = s.Participation, s.Satisfaction, s.NPS, s.Continuation
	j.ByRole, j.DimensionsByRole, j.Learning, j.Reach = s.ByRole, s.DimensionsByRole, s.KnowledgeGain, s.Reach
	j.Dimensions = []DimensionJSON{}
	d.final, d.whole = parts.final, parts.finalWhole
	if g := parts.finalWhole; g != nil {
		if g.GroupFigures != nil {
			j.Dimensions = g.Dimensions
		} else {
			for _, dk := range survey.Dimensions {
				j.Dimensions = append(j.Dimensions, DimensionJSON{Key: dk, Withheld: g.Withheld})
			}
		}
	}
}

// roundChange compares round cur with round prev.
func roundChange(prev, cur roundData, threshold int) *RoundChangeJSON {
	out := &RoundChangeJSON{From: prev.json.CohortID, Dimensions: []RoundContrastJSON{}}
	noFinal := withhold(CodeNeedsSurveys, threshold, "")
	out.Satisfaction = RoundContrastJSON{Key: "overall_satisfaction", Withheld: noFinal}
	if prev.final == nil || cur.final == nil {
		return out
	}
	out.Satisfaction = contrastRounds("overall_satisfaction", itemWithheld(prev.json.Satisfaction), itemWithheld(cur.json.Satisfaction),
		prev.final.all.values["overall_satisfaction"].values(), cur.final.all.values["overall_satisfaction"].values())
	if a, b := prev.json.NPS, cur.json.NPS; a != nil && b != nil && a.NPSResult != nil && b.NPSResult != nil && a.Score != nil && b.Score != nil {
		out.NPS = new(*b.Score - *a.Score)
	}
	if a, b := prev.json.Continuation, cur.json.Continuation; a != nil && b != nil && a.ContinuationFigures != nil &&
		b.ContinuationFigures != nil && a.Rate != nil && b.Rate != nil {
		out.Continuation = new(*b.Rate - *a.Rate)
	}
	for _, d := range cur.json.Dimensions {
		i := indexDimension(prev.json.Dimensions, d.Key)
		if i < 0 {
			continue // not asked in the previous round
		}
		out.Dimensions = append(out.Dimensions, contrastRounds(d.Key, prev.json.Dimensions[i].Withheld, d.Withheld,
			scores(prev.final.all, d.Key), scores(cur.final.all, d.Key)))
	}
	return out
}

// contrastRounds compares the values of a figure in two rounds, where
// neither round withholds it.
func contrastRounds(key string, prevW, curW Withheld, prev, cur []float64) RoundContrastJSON {
	out := RoundContrastJSON{Key: key, Withheld: firstWithheld(prevW, curW)}
	if !out.Suppressed && len(prev) > 0 && len(cur) > 0 {
		out.RoundContrastFigures = &RoundContrastFigures{Previous: side(prev), Current: side(cur), Contrast: contrast(cur, prev)}
	}
	return out
}

func itemWithheld(it *ItemJSON) Withheld {
	if it == nil {
		return withhold(CodeNeedsSurveys, 0, "")
	}
	return it.Withheld
}

func indexDimension(ds []DimensionJSON, key string) int {
	for i, d := range ds {
		if d.Key == key {
			return i
		}
	}
	return -1
}
