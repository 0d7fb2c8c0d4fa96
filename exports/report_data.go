package exports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/programs"
)

// cohortInfo is what the workbook says about the cohort and its program.
type cohortInfo struct {
	ID, Name         string
	StartsOn, EndsOn time.Time
	ProgramName      string
	Language         string
	Threshold        int
	Mode             survey.Mode
	RawRows          bool         // the program releases per-response rows
	Surveys          []surveyInfo // in the order they opened
}

// surveyInfo is one survey of the cohort.
type surveyInfo struct {
	ID      string
	Phase   survey.Phase
	OpensAt time.Time
}

// qReportSurveys lists a cohort's surveys in the order analytics uses.
const qReportSurveys = `
SELECT id, phase, opens_at FROM surveys WHERE cohort_id = ? ORDER BY opens_at, created_at, id`

// loadCohort reads the cohort id with its program and surveys; an unknown
// cohort is an ENotFound error.
func loadCohort(ctx context.Context, db *sql.DB, id string) (cohortInfo, error) {
	set, err := programs.ForCohort(ctx, db, id)
	if err != nil {
		return cohortInfo{}, err
	}
	p := set.Program
	c := cohortInfo{ID: set.Cohort.ID, Name: set.Cohort.Name, ProgramName: p.Name, Language: p.Language,
		Threshold: p.Threshold, Mode: p.Mode, RawRows: p.RawRows}
	if c.StartsOn, err = time.Parse(time.DateOnly, set.Cohort.StartsOn); err == nil {
		c.EndsOn, err = time.Parse(time.DateOnly, set.Cohort.EndsOn)
	}
	if err != nil {
		return c, fmt.Errorf("exports: cohort %s: %w", id, err)
	}
	rows, err := db.QueryContext(ctx, qReportSurveys, id)
	if err != nil {
		return c, fmt.Errorf("exports: surveys of cohort %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var s surveyInfo
		var phase string
		if err := rows.Scan(&s.ID, &phase, &s.OpensAt); err != nil {
			return c, fmt.Errorf("exports: surveys of cohort %s: %w", id, err)
		}
		s.Phase = survey.Phase(phase)
		c.Surveys = append(c.Surveys, s)
	}
	return c, rows.Err()
}

// CheckLanguage returns an EInvalid error naming the field "lang" unless
// lang is "" (the program's language) or a language the workbook is
// written in.
func CheckLanguage(lang string) error {
	if lang == "" || survey.IsLanguage(lang) {
		return nil
	}
	return survey.Invalid("the language is not valid", survey.Fault("lang", survey.RuleChoice, "options", survey.Languages()))
}

// reportData is everything the summary sheets show: figures only, already
// withheld where the publication says so.
type reportData struct {
	cohort  cohortInfo
	summary analytics.SummaryJSON
	overall map[string]analytics.ResultsJSON // survey id → results without breakdown
	// grouped holds, per survey id, the results by the first breakdown the
	// survey offers (the one its comments follow); absent where it offers
	// none.
	grouped map[string]analytics.ResultsJSON
}

// loadReportData asks analytics for the cohort's summary and for the
// results of each of its surveys, overall and by its first breakdown.
func loadReportData(ctx context.Context, r *analytics.Reader, c cohortInfo) (*reportData, error) {
	d := &reportData{cohort: c, overall: map[string]analytics.ResultsJSON{}, grouped: map[string]analytics.ResultsJSON{}}
	var err error
	if d.summary, err = r.CohortSummary(ctx, c.ID); err != nil {
		return nil, err
	}
	for _, s := range c.Surveys {
		all, err := r.Results(ctx, s.ID, "")
		if err != nil {
			return nil, err
		}
		d.overall[s.ID] = all
		if len(all.OfferedBreakdowns) == 0 {
			continue
		}
		if d.grouped[s.ID], err = r.Results(ctx, s.ID, all.OfferedBreakdowns[0]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// phaseOf is the phase of the cohort's survey id.
func (c cohortInfo) phaseOf(id string) survey.Phase {
	for _, s := range c.Surveys {
		if s.ID == id {
			return s.Phase
		}
	}
	return ""
}

// surveyByPhase is the survey the summary uses for phase p, if any.
func (d *reportData) surveyByPhase(p *string) (surveyInfo, bool) {
	if p == nil {
		return surveyInfo{}, false
	}
	for _, s := range d.cohort.Surveys {
		if s.ID == *p {
			return s, true
		}
	}
	return surveyInfo{}, false
}
