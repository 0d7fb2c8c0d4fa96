package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"tandem/exports"
)

// Names the attack looks for in a scrape: the program's and the cohort's.
const (
	secretProgram = "Geheimprogramm Vorstand 2026"
	secretCohort  = "Runde Kronjuwelen"
)

// metricsScenario sets up, through the API and the forms, a program with
// threshold 5 and a cohort of 6 mentors, 5 mentees and 2 peers, invites all
// to an open final survey, and has both peers, 4 mentors and 3 mentees
// answer.
func metricsScenario(ts *testServer) (threshold int, programID string) {
	ts.t.Helper()
	threshold = 5
	var id struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/programs", map[string]any{"name": secretProgram, "language": "de", "anonymity_threshold": threshold, "mode": "confidential"}, &id)
	programID = id.ID
	ts.mustAPI(201, "POST", "/api/v1/programs/"+programID+"/cohorts", map[string]any{"name": secretCohort, "starts_on": "2026-01-15", "ends_on": "2026-12-31"}, &id)
	cohort := id.ID
	people := append(append(peopleJSON("mentor", 6), peopleJSON("mentee", 5)...), peopleJSON("peer", 2)...)
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/participants", people, nil)
	now := time.Now().UTC()
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/surveys", map[string]any{"phase": "final",
		"opens_at": now.Add(-time.Hour).Format(time.RFC3339), "closes_at": now.Add(48 * time.Hour).Format(time.RFC3339)}, &id)
	var invs []struct {
		ParticipantID string `json:"participant_id"`
		URL           string `json:"url"`
	}
	ts.mustAPI(201, "POST", "/api/v1/surveys/"+id.ID+"/invitations", nil, &invs)
	var parts []struct{ ID, Role string }
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+cohort+"/participants", nil, &parts)
	answer := map[string]int{"mentor": 4, "mentee": 3, "peer": 2}
	for _, inv := range invs {
		i := slices.IndexFunc(parts, func(p struct{ ID, Role string }) bool { return p.ID == inv.ParticipantID })
		if role := parts[i].Role; answer[role] > 0 {
			answer[role]--
			ts.formPost(strings.TrimPrefix(inv.URL, "http://tandem.test"))
		}
	}
	return threshold, programID
}

// smallGroupSeries is the attack: every participation series of the
// scrape that shows a role with fewer invitations than the threshold,
// with what it gives away ("peer: 2 of 2 answered").
func smallGroupSeries(mfs map[string]*dto.MetricFamily, threshold int) []string {
	submitted := map[string]float64{}
	if mf := mfs["tandem_survey_invitations_submitted"]; mf != nil {
		for _, m := range mf.GetMetric() {
			submitted[labelKey(m)] = m.GetGauge().GetValue()
		}
	}
	var out []string
	for _, m := range mfs["tandem_survey_invitations"].GetMetric() {
		if invited := m.GetGauge().GetValue(); invited < float64(threshold) {
			out = append(out, fmt.Sprintf("%s: %v of %v answered", label(m, "role"), submitted[labelKey(m)], invited))
		}
	}
	slices.Sort(out)
	return out
}

// labelKey names m's series by its labels alone.
func labelKey(m *dto.Metric) string {
	var b strings.Builder
	for _, l := range m.GetLabel() {
		fmt.Fprintf(&b, "%s=%q,", l.GetName(), l.GetValue())
	}
	return b.String()
}

// TestMetricsShowNoSmallGroup attacks /metrics through the real router: a
// scrape must show no role with fewer invitations than the threshold (the
// 2 peers, who both answered) and no program or cohort name. With folding
// switched off the same attack finds "peer: 2 of 2 answered", so it is
// known to work; the name search is shown to work on the API's answer,
// where the names are.
func TestMetricsShowNoSmallGroup(t *testing.T) {
	tests := []struct {
		name string
		opts exports.ParticipationOptions
		want []string // what the attack finds
	}{
		{"folded", exports.ParticipationOptions{}, nil},
		{"folding switched off", exports.ParticipationOptions{ShowSmallRoles: true}, []string{"peer: 2 of 2 answered"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newMetricsServer(t, tt.opts)
			threshold, programID := metricsScenario(ts)
			mfs, text := ts.scrapeFamilies()
			if mfs["tandem_survey_invitations"] == nil {
				t.Fatal("the scrape has no tandem_survey_invitations")
			}
			if got := smallGroupSeries(mfs, threshold); !slices.Equal(got, tt.want) {
				t.Errorf("small groups in the scrape: got %q, want %q", got, tt.want)
			}
			var total float64
			for _, m := range mfs["tandem_survey_invitations"].GetMetric() {
				total += m.GetGauge().GetValue()
			}
			if total != 13 {
				t.Errorf("got %v invitations in all, want 13", total)
			}
			for _, name := range []string{secretProgram, secretCohort} {
				if strings.Contains(text, name) {
					t.Errorf("the scrape names %q", name)
				}
			}
			for path, name := range map[string]string{"/api/v1/programs": secretProgram, "/api/v1/programs/" + programID + "/cohorts": secretCohort} {
				if _, _, body := ts.get(path, "Bearer "+testToken); !strings.Contains(body, name) {
					t.Errorf("the name search does not find %q in %s: %.200s", name, path, body)
				}
			}
		})
	}
}
