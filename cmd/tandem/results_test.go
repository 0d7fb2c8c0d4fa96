package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// resultsCohort is a final survey of 5 mentors, 5 mentees and 2 peers under
// threshold 3, answered through the participant pages with generated
// answers: person i of a role answers overall_satisfaction sat[i], the
// three perspective items the same value, recommend rec[i], and the
// comment "<role> <i>" to improve.
type resultsCohort struct {
	surveyID, cohortID string
	sat, rec           map[string][]float64
}

func setupResultsCohort(t *testing.T, ts *testServer) resultsCohort {
	t.Helper()
	rc := resultsCohort{
		sat: map[string][]float64{"mentor": {5, 4, 4, 3, 5}, "mentee": {4, 4, 5, 2, 3}, "peer": {1, 2}},
		rec: map[string][]float64{"mentor": {10, 9, 7, 6, 10}, "mentee": {9, 8, 3, 10, 9}, "peer": {0, 5}},
	}
	var id struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/programs", map[string]any{"name": "RM", "language": "en", "anonymity_threshold": 3, "mode": "confidential"}, &id)
	ts.mustAPI(201, "POST", "/api/v1/programs/"+id.ID+"/cohorts", map[string]any{"name": "One", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}, &id)
	rc.cohortID = id.ID
	var people []map[string]string
	var roleOf []string
	for _, role := range []string{"mentor", "mentee", "peer"} {
		for i := range rc.sat[role] {
			people = append(people, map[string]string{"name": fmt.Sprintf("%s %d", role, i),
				"email": fmt.Sprintf("%s%d@example.com", role, i), "role": role, "department": "D"})
			roleOf = append(roleOf, role)
		}
	}
	var ids struct{ IDs []string }
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+rc.cohortID+"/participants", people, &ids)
	now := time.Now().UTC()
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+rc.cohortID+"/surveys", map[string]any{"phase": "final",
		"opens_at": now.Add(-time.Hour).Format(time.RFC3339), "closes_at": now.Add(time.Hour).Format(time.RFC3339)}, &id)
	rc.surveyID = id.ID
	var invs []struct {
		ParticipantID string `json:"participant_id"`
		URL           string `json:"url"`
	}
	ts.mustAPI(201, "POST", "/api/v1/surveys/"+rc.surveyID+"/invitations", nil, &invs)
	link := map[string]string{}
	for _, inv := range invs {
		link[inv.ParticipantID] = strings.TrimPrefix(inv.URL, "http://tandem.test")
	}
	seen := map[string]int{}
	for k, pid := range ids.IDs {
		role := roleOf[k]
		i := seen[role]
		seen[role]++
		v := url.Values{"overall_satisfaction": {ftoa(rc.sat[role][i])}, "recommend": {ftoa(rc.rec[role][i])},
			"improve": {fmt.Sprintf("%s %d", role, i)}}
		for _, p := range []string{"perspective_1", "perspective_2", "perspective_3"} {
			v.Set(p, ftoa(rc.sat[role][i]))
		}
		if code, body, _ := ts.page("POST", link[pid], v); code != http.StatusSeeOther {
			t.Fatalf("submit %s %d: got %d: %s", role, i, code, body)
		}
	}
	return rc
}

// close closes the survey id, which publishes its results.
func (ts *testServer) close(id string) {
	ts.t.Helper()
	ts.mustAPI(200, "POST", "/api/v1/surveys/"+id+"/close", nil, nil)
}

func ftoa(f float64) string { return fmt.Sprint(f) }

// resultsDoc is the part of the results JSON the tests read.
type resultsDoc struct {
	Invited, Submitted int
	Threshold          int
	Suppressed         bool
	Code               string
	Groups             []struct {
		By         map[string]string
		Includes   []string
		Suppressed bool
		Code       string
		Reason     string
		N          *int
		Items      []struct {
			Key        string
			Suppressed bool
			N          int
			Mean, SD   *float64
			CI95       *[2]float64
		}
		Dimensions []struct {
			Key   string
			N     int
			Mean  *float64
			Alpha *float64
		}
		NPS *struct {
			N                               int
			Score                           *float64
			Promoters, Passives, Detractors int
		}
		Comments []struct {
			Key   string
			Texts []string
		}
	}
}

func (d resultsDoc) item(t *testing.T, group int, key string) (n int, mean, sd float64) {
	t.Helper()
	for _, it := range d.Groups[group].Items {
		if it.Key == key && !it.Suppressed {
			return it.N, *it.Mean, *it.SD
		}
	}
	t.Fatalf("group %d has no shown item %s", group, key)
	return 0, 0, 0
}

// meanSD is the mean and the sample standard deviation of xs.
func meanSD(xs []float64) (float64, float64) {
	var sum, sq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sq / float64(len(xs)-1))
}

func TestResultsEndToEnd(t *testing.T) {
	ts := newTestServer(t)
	rc := setupResultsCohort(t, ts)
	base := "/api/v1/surveys/" + rc.surveyID + "/results"

	// While the survey is open only participation is published: two looks,
	// before and after one more response, would difference to it.
	var open resultsDoc
	ts.mustAPI(200, "GET", base, nil, &open)
	if !open.Suppressed || open.Code != "survey_open" || open.Submitted != 12 || len(open.Groups) != 1 ||
		!open.Groups[0].Suppressed || open.Groups[0].N != nil || strings.Contains(string(mustJSON(open)), "peer 0") {
		t.Fatalf("open survey: got %+v, want participation only", open)
	}
	ts.close(rc.surveyID)

	var whole resultsDoc
	ts.mustAPI(200, "GET", base, nil, &whole)
	if whole.Invited != 12 || whole.Submitted != 12 || len(whole.Groups) != 1 || whole.Groups[0].Suppressed {
		t.Fatalf("overall: got %+v", whole)
	}
	all := append(append(append([]float64{}, rc.sat["mentor"]...), rc.sat["mentee"]...), rc.sat["peer"]...)
	wantMean, wantSD := meanSD(all)
	if n, mean, sd := whole.item(t, 0, "overall_satisfaction"); n != 12 || math.Abs(mean-wantMean) > 1e-9 || math.Abs(sd-wantSD) > 1e-9 {
		t.Errorf("overall satisfaction: got n %d mean %v sd %v, want 12, %v, %v", n, mean, sd, wantMean, wantSD)
	}
	// recommend: promoters 10 9 10 9 10 9 = 6, passives 7 8 = 2, detractors 6 3 0 5 = 4.
	if nps := whole.Groups[0].NPS; nps == nil || nps.N != 12 || nps.Promoters != 6 || nps.Passives != 2 || nps.Detractors != 4 ||
		math.Abs(*nps.Score-100*2.0/12) > 1e-9 {
		t.Errorf("nps: got %+v, want 6/2/4 and 16.67", nps)
	}
	// The three perspective items carry the same value: every score is the
	// satisfaction, and alpha is exactly 1.
	for _, d := range whole.Groups[0].Dimensions {
		if d.Key == "perspective" && (d.N != 12 || math.Abs(*d.Mean-wantMean) > 1e-9 || d.Alpha == nil || math.Abs(*d.Alpha-1) > 1e-9) {
			t.Errorf("perspective: got %+v, want n 12, mean %v, alpha 1", d, wantMean)
		}
	}

	var byRole resultsDoc
	ts.mustAPI(200, "GET", base+"?by=role", nil, &byRole)
	if len(byRole.Groups) != 2 {
		t.Fatalf("by role: got %d groups, want 2", len(byRole.Groups))
	}
	// Peers (2) are below 3: shown as other, and other takes the next
	// smallest role too (the mentees, 5, tied with the mentors and first
	// alphabetically), so that it holds at least 3.
	if g := byRole.Groups[0]; g.By["role"] != "mentor" || g.Suppressed || *g.N != 5 {
		t.Errorf("group 0: got %v %v, want the 5 mentors shown", g.By, g.Suppressed)
	}
	if g := byRole.Groups[1]; g.By["role"] != "(other)" || g.Suppressed || *g.N != 7 ||
		strings.Join(g.Includes, ",") != "mentee,peer" {
		t.Errorf("group 1: got %v %v includes %v, want other of 7: mentees and peers", g.By, g.Suppressed, g.Includes)
	}
	mentorMean, mentorSD := meanSD(rc.sat["mentor"])
	if n, mean, sd := byRole.item(t, 0, "overall_satisfaction"); n != 5 || math.Abs(mean-mentorMean) > 1e-9 || math.Abs(sd-mentorSD) > 1e-9 {
		t.Errorf("mentor satisfaction: got n %d mean %v sd %v, want 5, %v, %v", n, mean, sd, mentorMean, mentorSD)
	}
	tryToRecoverPeers(t, rc, whole, byRole)
	for _, by := range []string{"department", "generation", "region"} {
		var other resultsDoc
		ts.mustAPI(200, "GET", base+"?by="+by, nil, &other)
		if !other.Suppressed || other.Code != "breakdown_not_offered" || len(other.Groups) != 0 {
			t.Errorf("by %s: got %+v, want not offered (the program publishes by role)", by, other)
		}
	}
}

// tryToRecoverPeers plays the attacker with the published figures and
// fails to single out the peers.
func tryToRecoverPeers(t *testing.T, rc resultsCohort, whole, byRole resultsDoc) {
	t.Helper()
	// The attacker subtracts the mentors from the total: 7 responses
	// remain, mentees and peers together, and the peers' mean is not among
	// the figures.
	n, mean, _ := whole.item(t, 0, "overall_satisfaction")
	mn, mmean, _ := byRole.item(t, 0, "overall_satisfaction")
	rest := float64(n)*mean - float64(mn)*mmean
	peerMean, _ := meanSD(rc.sat["peer"])
	if n-mn != 7 || math.Abs(rest/float64(n-mn)-peerMean) < 1e-9 {
		t.Errorf("subtraction leaves %d responses with mean %v", n-mn, rest/float64(n-mn))
	}
	for _, g := range byRole.Groups {
		for _, c := range g.Comments {
			if slices.Contains(c.Texts, "peer 0") && g.By["role"] != "(other)" {
				t.Errorf("a peer's comment is shown under %v", g.By)
			}
		}
	}
	if !strings.Contains(string(mustJSON(whole)), "peer 0") {
		t.Errorf("the overall results lack the peers' comments")
	}
}

func TestResultsAndSummaryStatuses(t *testing.T) {
	ts := newTestServer(t)
	rc := setupResultsCohort(t, ts)
	ts.close(rc.surveyID)
	tests := []struct {
		name, path string
		want       int
		field      string
	}{
		{"results", "/api/v1/surveys/" + rc.surveyID + "/results", 200, ""},
		{"every breakdown", "/api/v1/surveys/" + rc.surveyID + "/results?by=region", 200, ""},
		{"unknown survey", "/api/v1/surveys/nope/results", 404, ""},
		{"unknown breakdown", "/api/v1/surveys/" + rc.surveyID + "/results?by=name", 422, "by"},
		{"injected breakdown", "/api/v1/surveys/" + rc.surveyID + "/results?by=role%3BDROP%20TABLE%20answers", 422, "by"},
		{"two breakdowns", "/api/v1/surveys/" + rc.surveyID + "/results?by=role&by=region", 422, "by"},
		{"summary", "/api/v1/cohorts/" + rc.cohortID + "/summary", 200, ""},
		{"unknown cohort", "/api/v1/cohorts/nope/summary", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body struct {
				Details []struct{ Field string }
			}
			if got := ts.api("GET", tc.path, nil, &body); got != tc.want {
				t.Fatalf("got %d, want %d", got, tc.want)
			}
			if tc.field != "" && (len(body.Details) != 1 || body.Details[0].Field != tc.field) {
				t.Errorf("details: got %+v, want the field %q", body.Details, tc.field)
			}
		})
	}
	res, err := http.Get(ts.URL + "/api/v1/surveys/" + rc.surveyID + "/results")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("without token: got %d, want 401", res.StatusCode)
	}
}

func TestSummaryEndToEnd(t *testing.T) {
	ts := newTestServer(t)
	rc := setupResultsCohort(t, ts)
	ts.close(rc.surveyID)
	var s struct {
		Satisfaction struct {
			N    int
			Mean float64
		}
		NPS           struct{ Score float64 }
		KnowledgeGain struct {
			Reason string
			Topics []json.RawMessage
		} `json:"knowledge_gain"`
		MentorVsMentee []struct {
			Suppressed bool
			Reason     string
		} `json:"mentor_vs_mentee"`
	}
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+rc.cohortID+"/summary", nil, &s)
	all := append(append(append([]float64{}, rc.sat["mentor"]...), rc.sat["mentee"]...), rc.sat["peer"]...)
	mean, _ := meanSD(all)
	if s.Satisfaction.N != 12 || math.Abs(s.Satisfaction.Mean-mean) > 1e-9 || math.Abs(s.NPS.Score-100*2.0/12) > 1e-9 {
		t.Errorf("headline: got %+v %+v", s.Satisfaction, s.NPS)
	}
	if s.KnowledgeGain.Reason == "" || s.KnowledgeGain.Topics != nil {
		t.Errorf("knowledge gain without kick-off: got %+v, want a reason", s.KnowledgeGain)
	}
	if len(s.MentorVsMentee) == 0 {
		t.Fatal("no mentor vs mentee comparisons")
	}
	for _, c := range s.MentorVsMentee {
		if !c.Suppressed {
			t.Errorf("mentor vs mentee shown although the mentees are shown only together with the peers")
		}
	}
}
