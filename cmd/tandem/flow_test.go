package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestFullPath(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(24*time.Hour))
	mentee := s.Links[s.Participants[0]]

	code, body, hdr := ts.page("GET", mentee, nil)
	if code != 200 {
		t.Fatalf("GET form: got %d, want 200", code)
	}
	for _, want := range []string{`<html lang="de">`, `name="overall_satisfaction"`, `<fieldset`, `<legend>`, "vertraulich"} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	if strings.Contains(body, `name="competence_1"`) {
		t.Errorf("a mentee is shown a mentor-only item")
	}
	if got := hdr.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("Referrer-Policy: got %q, want no-referrer (the link is a secret)", got)
	}
	if code, body, _ := ts.page("GET", mentee+"?lang=en", nil); code != 200 || !strings.Contains(body, `<html lang="en">`) {
		t.Errorf("?lang=en: got %d, want an English page", code)
	}

	code, _, hdr = ts.page("POST", mentee, menteeAnswers("5"))
	if code != http.StatusSeeOther {
		t.Fatalf("POST form: got %d, want 303", code)
	}
	if code, body, _ := ts.page("GET", hdr.Get("Location"), nil); code != 200 || !strings.Contains(body, "Vielen Dank") {
		t.Errorf("thank-you page: got %d", code)
	}
	var sv struct {
		Status                     string
		Invited, Opened, Submitted int
	}
	ts.mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID, nil, &sv)
	if sv.Status != "open" || sv.Invited != 7 || sv.Opened != 1 || sv.Submitted != 1 {
		t.Errorf("survey: got %+v, want open 7/1/1", sv)
	}
	answers, err := ts.store.Answers(context.Background(), s.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	var sat, text bool
	for _, a := range answers {
		if a.Key == "overall_satisfaction" && a.Num != nil && *a.Num == 5 {
			sat = true
		}
		if a.Key == "improve" && a.Text != nil && *a.Text == "Grüße aus Köln – Zoë 👋" {
			text = true
		}
	}
	if !sat || !text {
		t.Errorf("stored answers lack satisfaction 5 (%v) or the comment verbatim (%v)", sat, text)
	}
}

func TestParticipantPageStatuses(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	open := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	later := ts.setupCohort("anonymous", now.Add(time.Hour), now.Add(2*time.Hour))
	closed := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	ts.mustAPI(200, "POST", "/api/v1/surveys/"+closed.SurveyID+"/close", nil, nil)
	done := open.Links[open.Participants[3]]
	if code, _, _ := ts.page("POST", done, menteeAnswers("4")); code != 303 {
		t.Fatalf("first submission: got %d, want 303", code)
	}
	mentee := open.Links[open.Participants[0]]
	before := ts.counts()

	big := url.Values{"improve": {strings.Repeat("x", 8<<20)}}
	bad := menteeAnswers("4")
	bad.Set("recommend", "11")
	tests := []struct {
		name, method, path string
		form               url.Values
		want               int
		text               string
	}{
		{"unknown token", "GET", "/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", nil, 404, "Link not found"},
		{"malformed token", "GET", "/s/..%2f..%2fetc", nil, 404, ""},
		{"short token", "POST", "/s/abc", menteeAnswers("4"), 404, ""},
		{"not yet open", "GET", later.Links[later.Participants[0]], nil, 410, "Noch nicht geöffnet"},
		{"not yet open post", "POST", later.Links[later.Participants[0]], menteeAnswers("4"), 410, ""},
		{"closed", "GET", closed.Links[closed.Participants[0]], nil, 410, "Befragung beendet"},
		{"closed post", "POST", closed.Links[closed.Participants[0]], menteeAnswers("4"), 410, ""},
		{"already answered", "GET", done, nil, 409, "Schon beantwortet"},
		{"second submission", "POST", done, menteeAnswers("1"), 409, "Schon beantwortet"},
		{"8 MiB body", "POST", mentee, big, 413, ""},
		{"out of range", "POST", mentee, bad, 422, `id="err-recommend"`},
		{"missing required", "POST", mentee, func() url.Values { v := menteeAnswers("4"); v.Del("overall_satisfaction"); return v }(), 422, `id="err-overall_satisfaction"`},
		{"fraction", "POST", mentee, func() url.Values { v := menteeAnswers("4.5"); return v }(), 422, `id="err-overall_satisfaction"`},
		{"non-numeric", "POST", mentee, func() url.Values { v := menteeAnswers("vier"); return v }(), 422, ""},
		{"empty required", "POST", mentee, func() url.Values { v := menteeAnswers(""); return v }(), 422, ""},
		{"injected", "POST", mentee, func() url.Values { v := menteeAnswers("4'); DROP TABLE answers; --"); return v }(), 422, ""},
		{"foreign option", "POST", mentee, func() url.Values { v := menteeAnswers("4"); v.Set("continue", "maybe"); return v }(), 422, `id="err-continue"`},
		{"mentor item from mentee", "POST", mentee, func() url.Values { v := menteeAnswers("4"); v.Set("competence_1", "5"); return v }(), 422, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, body, _ := ts.page(tc.method, tc.path, tc.form)
			if code != tc.want {
				t.Errorf("got status %d, want %d", code, tc.want)
			}
			if tc.text != "" && !strings.Contains(body, tc.text) {
				t.Errorf("page lacks %q", tc.text)
			}
		})
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("refused requests changed the store: before %v, after %v", before, after)
	}
}

func TestInvalidFormKeepsAnswers(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	v := menteeAnswers("")
	v.Set("improve", `<script>alert("x")</script>`)
	code, body, _ := ts.page("POST", s.Links[s.Participants[0]]+"?lang=en", v)
	if code != 422 {
		t.Fatalf("got %d, want 422", code)
	}
	if got := fieldError.FindAllStringSubmatch(body, -1); len(got) != 1 || got[0][1] != "overall_satisfaction" {
		t.Errorf("got errors next to %v, want only overall_satisfaction", got)
	}
	for _, want := range []string{`class="error-summary"`, `href="#f-overall_satisfaction-1"`, `value="4" checked`,
		`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`, "Please answer this question."} {
		if !strings.Contains(body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
	if strings.Contains(body, `<script>alert`) {
		t.Errorf("user text is not escaped")
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestTwentyOfTwentyOne runs seven tandems of two mentors and a leader
// through the API and the forms; one person does not answer.
func TestTwentyOfTwentyOne(t *testing.T) {
	ts := newTestServer(t)
	var id struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/programs", map[string]any{"name": "Digitale Lernpartnerschaften", "language": "de"}, &id)
	ts.mustAPI(201, "POST", "/api/v1/programs/"+id.ID+"/cohorts", map[string]any{"name": "Runde 1", "starts_on": "2026-02-01", "ends_on": "2026-07-31"}, &id)
	cohort := id.ID
	first := []string{"Jürgen", "Zoë", "Ömer", "Bärbel", "Løvå", "Maëlle", "Günther"}
	var people []map[string]string
	for i, n := range first {
		people = append(people,
			map[string]string{"name": n + " Größer", "email": "leader" + string(rune('a'+i)) + "@example.com", "role": "mentee", "generation": "Baby Boomer"},
			map[string]string{"name": n + " Weiß", "email": "m1" + string(rune('a'+i)) + "@example.com", "role": "mentor", "generation": "Gen Z"},
			map[string]string{"name": n + " Schäfer", "email": "m2" + string(rune('a'+i)) + "@example.com", "role": "mentor", "generation": "Gen Y"})
	}
	var ids struct{ IDs []string }
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/participants", people, &ids)
	for i := 0; i < len(ids.IDs); i += 3 {
		var tandem struct{ Shape string }
		ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/tandems", map[string]any{"members": ids.IDs[i : i+3]}, &tandem)
		if tandem.Shape != "2:1" {
			t.Fatalf("got shape %q, want 2:1", tandem.Shape)
		}
	}
	now := time.Now().UTC()
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/surveys", map[string]any{"phase": "final",
		"opens_at": now.Add(-time.Minute).Format(time.RFC3339), "closes_at": now.Add(time.Hour).Format(time.RFC3339)}, &id)
	var invs []struct{ URL string }
	ts.mustAPI(201, "POST", "/api/v1/surveys/"+id.ID+"/invitations", nil, &invs)
	for _, inv := range invs[1:] {
		path := strings.TrimPrefix(inv.URL, "http://tandem.test")
		if code, _, _ := ts.page("GET", path, nil); code != 200 {
			t.Fatalf("GET form: %d", code)
		}
		if code, _, _ := ts.page("POST", path, anyRoleAnswers()); code != 303 {
			t.Fatalf("POST form: %d", code)
		}
	}
	var sv struct{ Invited, Opened, Submitted int }
	ts.mustAPI(200, "GET", "/api/v1/surveys/"+id.ID, nil, &sv)
	if sv.Invited != 21 || sv.Opened != 20 || sv.Submitted != 20 {
		t.Errorf("got %d invited, %d opened, %d submitted; want 21, 20, 20", sv.Invited, sv.Opened, sv.Submitted)
	}
}
