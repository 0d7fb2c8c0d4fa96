package attack

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"

	"tandem/analytics"
	"tandem/exports"
	"tandem/survey"
)

// Breakdowns are what an attacker asks results by: none, then every
// attribute, offered or not.
var Breakdowns = append([]string{""}, survey.Attributes...)

// Fetch gets everything r publishes about the loaded scenario: the
// results of every survey by every breakdown, the cohort's summary and
// the per-response rows where the program releases them.
func Fetch(ctx context.Context, r *analytics.Reader, l *Loaded) (Outputs, error) {
	var o Outputs
	for _, id := range l.SurveyIDs {
		for _, by := range Breakdowns {
			res, err := r.Results(ctx, id, by)
			if err != nil {
				return o, fmt.Errorf("results of %s by %q: %w", id, by, err)
			}
			o.Results = append(o.Results, res)
		}
	}
	sum, err := r.CohortSummary(ctx, l.CohortID)
	if err != nil {
		return o, err
	}
	o.Summaries = append(o.Summaries, sum)
	var buf bytes.Buffer
	err = exports.WriteResponsesCSV(ctx, &buf, r, l.CohortID)
	switch {
	case survey.ErrorCode(err) == survey.EConflict:
		return o, nil // the program releases no rows
	case err != nil:
		return o, err
	}
	o.Rows, err = ParseRows(buf.Bytes())
	return o, err
}

// ParseRows reads the raw data CSV into rows: the attributes it carries
// and every answer given.
func ParseRows(b []byte) ([]Row, error) {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	header := recs[0]
	var out []Row
	for _, rec := range recs[1:] {
		r := Row{Attrs: map[string]string{}, Answers: map[string]string{}}
		for i, v := range rec {
			switch h := header[i]; {
			case h == "survey_id":
				r.Survey = v
			case h == "no" || h == "phase":
			case slices.Contains(survey.Attributes, h):
				r.Attrs[h] = v
			case v != "":
				r.Answers[h] = v
			}
		}
		out = append(out, r)
	}
	return out, nil
}
