package main

import (
	"net/http"
	"testing"
	"time"
)

// TestAnonymousAPIShowsNoTimes: in an anonymous program the API's list of
// invitations says who opened and answered, never when (every time is the
// survey's opening time), and the survey counts the responses still
// waiting to be released, in groups of the threshold (3) and at the close.
// A confidential program shows the moments.
func TestAnonymousAPIShowsNoTimes(t *testing.T) {
	ts := newTestServer(t)
	opens := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	for _, mode := range []string{"anonymous", "confidential"} {
		s := ts.setupCohort(mode, opens, opens.Add(2*time.Hour))
		for _, id := range s.Participants {
			ts.page("GET", s.Links[id], nil)
			if code, _, _ := ts.page("POST", s.Links[id], anyRoleAnswers()); code != http.StatusSeeOther {
				t.Fatalf("%s: submit: got %d, want 303", mode, code)
			}
		}
		var invs []struct {
			OpenedAt    *time.Time `json:"opened_at"`
			SubmittedAt *time.Time `json:"submitted_at"`
		}
		ts.mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID+"/invitations", nil, &invs)
		exact := 0
		for _, inv := range invs {
			if inv.OpenedAt == nil || inv.SubmittedAt == nil {
				t.Fatalf("%s: an answered invitation shows no times", mode)
			}
			if !inv.OpenedAt.Equal(opens) || !inv.SubmittedAt.Equal(opens) {
				exact++
			}
		}
		if want := map[string]int{"anonymous": 0, "confidential": len(invs)}[mode]; exact != want {
			t.Errorf("%s: %d invitations show a time other than the opening time, want %d", mode, exact, want)
		}
		var sv struct{ Submitted, Responses, Pending int }
		ts.mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID, nil, &sv)
		want := map[string][3]int{"anonymous": {7, 3, 4}, "confidential": {7, 7, 0}}[mode]
		if got := [3]int{sv.Submitted, sv.Responses, sv.Pending}; got != want {
			t.Errorf("%s: got submitted/responses/pending %v, want %v", mode, got, want)
		}
		ts.mustAPI(200, "POST", "/api/v1/surveys/"+s.SurveyID+"/close", nil, nil)
		ts.mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID, nil, &sv)
		if sv.Responses != 7 || sv.Pending != 0 {
			t.Errorf("%s: after the close got %d responses and %d waiting, want 7 and 0", mode, sv.Responses, sv.Pending)
		}
	}
}
