package main

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/analytics"
)

// matchingCohort is a cohort of threshold 3 whose intake survey is open:
// mentors m1..m4, mentees e1 and e2, peers p1 and p2, all without a tandem,
// and mentor m5 with mentee e3 in one already. Everyone but m4, m5 and e3
// answers the intake (see intakeAnswers). A topic counts its need (2 high,
// 1 some) where the mentor rates their teaching 4 or 5, so the potentials
// are:
//
//	      e1                 e2
//	m1    4 (ct 2, ai 2)     1 (ct 1)
//	m2    1 (mobile 1)       forbidden (same department, e2 asked for another one)
//	m3    3 (ai 2, mobile 1) 2 (social media 2)
//	m4    0                  0  (no intake: teaches nothing)
type matchingCohort struct {
	cohortID string
	id       map[string]string            // name -> participant id
	name     map[string]string            // participant id -> name
	surveys  map[string]string            // phase -> survey id
	links    map[string]map[string]string // phase -> name -> path /s/{token}
}

// intakeAnswers are the intake forms, by participant name.
var intakeAnswers = map[string]url.Values{
	"e1": {"knowledge_artificial_intelligence": {"1"}, "knowledge_social_media": {"4"}, "knowledge_collaboration_tools": {"1"},
		"learn_topics": {"artificial_intelligence"}, "format": {"lunch"}, "availability": {"weekday_midday"}},
	"e2": {"knowledge_social_media": {"1"}, "knowledge_artificial_intelligence": {"4"}, "knowledge_mobile_apps": {"5"},
		"learn_topics": {"social_media"}, "avoid_own_department": {"yes"}},
	"m1": {"teach_artificial_intelligence": {"5"}, "teach_social_media": {"1"}, "teach_collaboration_tools": {"5"},
		"format": {"lunch"}, "availability": {"flexible"}},
	"m2": {"teach_social_media": {"5"}, "teach_artificial_intelligence": {"1"}, "teach_mobile_apps": {"4"}},
	"m3": {"teach_artificial_intelligence": {"5"}, "teach_social_media": {"4"}, "teach_mobile_apps": {"5"}},
	"p1": {"knowledge_mobile_apps": {"1"}, "teach_mobile_apps": {"2"}, "learn_topics": {"mobile_apps"}},
	"p2": {"knowledge_mobile_apps": {"5"}, "teach_mobile_apps": {"5"}},
}

func setupMatchingCohort(t *testing.T, ts *testServer, mode string) matchingCohort {
	t.Helper()
	mc := matchingCohort{id: map[string]string{}, name: map[string]string{}, surveys: map[string]string{},
		links: map[string]map[string]string{}}
	var id struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/programs", map[string]any{"name": "RM", "anonymity_threshold": 3, "mode": mode}, &id)
	ts.mustAPI(201, "POST", "/api/v1/programs/"+id.ID+"/cohorts", map[string]any{"name": "Dritte Runde", "starts_on": "2026-09-01", "ends_on": "2027-01-31"}, &id)
	mc.cohortID = id.ID
	people := []struct{ name, role, dept string }{
		{"m1", "mentor", "IT"}, {"m2", "mentor", "Vertrieb"}, {"m3", "mentor", "Marketing"}, {"m4", "mentor", "IT"},
		{"m5", "mentor", "IT"}, {"e1", "mentee", "Finanzen"}, {"e2", "mentee", "Vertrieb"}, {"e3", "mentee", "Personal"},
		{"p1", "peer", "IT"}, {"p2", "peer", "Personal"},
	}
	var rows []map[string]string
	for _, p := range people {
		rows = append(rows, map[string]string{"name": p.name, "email": p.name + "@example.com", "role": p.role, "department": p.dept})
	}
	var ids struct{ IDs []string }
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+mc.cohortID+"/participants", rows, &ids)
	for i, p := range people {
		mc.id[p.name], mc.name[ids.IDs[i]] = ids.IDs[i], p.name
	}
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+mc.cohortID+"/tandems", map[string]any{"members": mc.ids("m5", "e3")}, nil)
	return mc
}

func (mc matchingCohort) ids(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = mc.id[n]
	}
	return out
}

// names turns a list of participant ids into sorted names.
func (mc matchingCohort) names(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = mc.name[id]
	}
	slices.Sort(out)
	return strings.Join(out, "+")
}

// answerSurvey opens a survey of phase (the first time), invites everyone
// and posts forms[name] for each name.
func (mc matchingCohort) answerSurvey(t *testing.T, ts *testServer, phase string, forms map[string]url.Values) {
	t.Helper()
	if mc.surveys[phase] == "" {
		var id struct{ ID string }
		now := time.Now().UTC()
		ts.mustAPI(201, "POST", "/api/v1/cohorts/"+mc.cohortID+"/surveys", map[string]any{"phase": phase,
			"opens_at": now.Add(-time.Hour).Format(time.RFC3339), "closes_at": now.Add(24 * time.Hour).Format(time.RFC3339)}, &id)
		mc.surveys[phase] = id.ID
		var invs []struct {
			ParticipantID string `json:"participant_id"`
			URL           string `json:"url"`
		}
		ts.mustAPI(201, "POST", "/api/v1/surveys/"+id.ID+"/invitations", nil, &invs)
		mc.links[phase] = map[string]string{}
		for _, inv := range invs {
			mc.links[phase][mc.name[inv.ParticipantID]] = strings.TrimPrefix(inv.URL, "http://tandem.test")
		}
	}
	for name, form := range forms {
		if code, body, _ := ts.page("POST", mc.links[phase][name], form); code != http.StatusSeeOther {
			t.Fatalf("%s form of %s: got %d, want 303: %s", phase, name, code, body)
		}
	}
}

// proposal is the part of a proposal the tests read.
type proposal struct {
	Tandems []struct {
		Members  []string
		Shape    string
		Strength string
		Pairs    []struct {
			Mentor, Mentee, Strength string
			Topics                   []string
			SharedFormat             *string  `json:"shared_format"`
			SharedTimes              []string `json:"shared_times"`
		}
	}
	Scores struct {
		Optimal, Random, Greedy struct {
			Percent        *int
			Tandems, Pairs int
		}
	}
	Unmatched []struct {
		ParticipantID string `json:"participant_id"`
		Reason        string
	}
	WithoutIntake   []string `json:"without_intake"`
	AlreadyInTandem int      `json:"already_in_tandem"`
}

// tandemNames lists the proposal's tandems as sorted member names.
func (mc matchingCohort) tandemNames(p proposal) []string {
	var out []string
	for _, t := range p.Tandems {
		out = append(out, mc.names(t.Members))
	}
	slices.Sort(out)
	return out
}

func TestMatchingFromIntakeToTandems(t *testing.T) {
	ts := newTestServer(t)
	mc := setupMatchingCohort(t, ts, "confidential")
	base := "/api/v1/cohorts/" + mc.cohortID
	ts.mustAPI(409, "POST", base+"/matching", map[string]any{"shape": "1:1"}, nil) // no intake survey yet
	mc.answerSurvey(t, ts, "intake", intakeAnswers)
	checkIntakeForm(t, ts, mc)

	checkOneToOne(t, ts, mc)
	// Two mentors each: m2 can only go to e1 and m1 only to e2.
	var raw json.RawMessage
	var p proposal
	ts.mustAPI(200, "POST", base+"/matching", map[string]any{"shape": "2:1", "seed": 7}, &raw)
	var twice json.RawMessage
	ts.mustAPI(200, "POST", base+"/matching", map[string]any{"shape": "2:1", "seed": 7}, &twice)
	if string(raw) != string(twice) {
		t.Errorf("the same request gave two proposals:\n%s\n%s", raw, twice)
	}
	json.Unmarshal(raw, &p)
	if got, want := mc.tandemNames(p), []string{"e1+m2+m3", "e2+m1+m4"}; !slices.Equal(got, want) {
		t.Errorf("2:1: got %v, want %v", got, want)
	}
	checkStrengths(t, mc, p, map[string]string{"e1+m2+m3": "fair", "m2+e1": "fair", "m3+e1": "good",
		"e2+m1+m4": "fair", "m1+e2": "fair", "m4+e2": "none"})
	checkNoRatingNumbers(t, raw)

	checkAcceptRefusals(t, ts, mc)

	// Accept the 2:1 proposal as returned, plus the peers as a pair.
	var edited map[string]any
	json.Unmarshal(raw, &edited)
	edited["tandems"] = append(edited["tandems"].([]any), map[string]any{"members": mc.ids("p1", "p2")})
	var created struct{ Tandems []struct{ ID, Shape string } }
	ts.mustAPI(201, "POST", base+"/matching/accept", edited, &created)
	if len(created.Tandems) != 3 || created.Tandems[2].Shape != "peer" {
		t.Errorf("accept: got %+v, want three tandems, the last a peer pair", created.Tandems)
	}
	var tandems []json.RawMessage
	ts.mustAPI(200, "GET", base+"/tandems", nil, &tandems)
	if len(tandems) != 4 {
		t.Errorf("after accepting: %d tandems, want 4", len(tandems))
	}
	ts.mustAPI(200, "POST", base+"/matching", map[string]any{}, &p)
	if len(p.Tandems) != 0 || len(p.Unmatched) != 0 || p.AlreadyInTandem != 10 {
		t.Errorf("matching again: got %d tandems, %d unmatched, %d in tandems; want 0, 0, 10", len(p.Tandems), len(p.Unmatched), p.AlreadyInTandem)
	}

	checkOutcome(t, ts, mc)
}

// checkOneToOne: the 1:1 proposal before and after the organiser records
// that m1 must not meet e1.
func checkOneToOne(t *testing.T, ts *testServer, mc matchingCohort) {
	t.Helper()
	base := "/api/v1/cohorts/" + mc.cohortID
	var p proposal
	ts.mustAPI(200, "POST", base+"/matching", map[string]any{"shape": "1:1"}, &p)
	if got, want := mc.tandemNames(p), []string{"e1+m1", "e2+m3"}; !slices.Equal(got, want) {
		t.Errorf("1:1 tandems: got %v, want %v", got, want)
	}
	// Greedy takes m1–e1 (4) first, then m3–e2 (2): the optimum.
	if sc := p.Scores; sc.Optimal.Percent == nil || *sc.Optimal.Percent != 100 || *sc.Greedy.Percent != 100 ||
		*sc.Random.Percent > 100 || sc.Optimal.Tandems != 2 || sc.Optimal.Pairs != 2 {
		t.Errorf("scores: got %+v, want optimal and greedy at 100%%, random at most that, 2 tandems of 2 pairs", sc)
	}
	checkReasons(t, mc, p)
	unmatched := map[string]string{}
	for _, u := range p.Unmatched {
		unmatched[mc.name[u.ParticipantID]] = u.Reason
	}
	if want := map[string]string{"m2": "no_partner", "m4": "no_partner", "p1": "peer", "p2": "peer"}; !maps.Equal(unmatched, want) {
		t.Errorf("unmatched: got %v, want %v", unmatched, want)
	}
	if mc.names(p.WithoutIntake) != "m4" || p.AlreadyInTandem != 2 {
		t.Errorf("without intake %v, already in a tandem %d; want m4 and 2", p.WithoutIntake, p.AlreadyInTandem)
	}

	var ex struct{ IDs []string }
	ts.mustAPI(201, "POST", base+"/exclusions", map[string]any{"pairs": [][]string{mc.ids("e1", "m1")}}, &ex)
	var again struct{ IDs []string }
	ts.mustAPI(201, "POST", base+"/exclusions", map[string]any{"pairs": [][]string{mc.ids("m1", "e1")}}, &again)
	if len(ex.IDs) != 1 || !slices.Equal(ex.IDs, again.IDs) {
		t.Errorf("recording the same pair twice: got ids %v then %v, want one id kept", ex.IDs, again.IDs)
	}
	ts.mustAPI(200, "POST", base+"/matching", map[string]any{"shape": "1:1"}, &p)
	if got, want := mc.tandemNames(p), []string{"e1+m3", "e2+m1"}; !slices.Equal(got, want) {
		t.Errorf("1:1 after the exclusion: got %v, want %v (3 + 1 beats 1 + 2 and 3 + 0)", got, want)
	}
}

// checkIntakeForm: the intake form shows mentees what they know and want,
// mentors what they can teach.
func checkIntakeForm(t *testing.T, ts *testServer, mc matchingCohort) {
	t.Helper()
	for name, want := range map[string][2]string{
		"m4": {`name="teach_artificial_intelligence"`, `name="learn_topics"`},
		"e3": {`name="learn_topics"`, `name="teach_social_media"`},
	} {
		code, body, _ := ts.page("GET", mc.links["intake"][name], nil)
		if code != http.StatusOK || !strings.Contains(body, want[0]) || strings.Contains(body, want[1]) {
			t.Errorf("intake form of %s: got %d, want 200 with %s and without %s", name, code, want[0], want[1])
		}
		if !strings.Contains(body, `name="avoid_own_department"`) || !strings.Contains(body, "who learns with whom?") {
			t.Errorf("intake form of %s lacks the department question or the title", name)
		}
	}
}

// checkReasons: the pair m1–e1 of the first proposal is matched on
// collaboration tools and artificial intelligence (2 each, in topic
// order), good at 4 of 16, and both like to meet over lunch, e1 around
// midday while m1 is flexible.
func checkReasons(t *testing.T, mc matchingCohort, p proposal) {
	t.Helper()
	for _, td := range p.Tandems {
		for _, pr := range td.Pairs {
			if mc.name[pr.Mentor] != "m1" {
				continue
			}
			if want := []string{"collaboration_tools", "artificial_intelligence"}; !slices.Equal(pr.Topics, want) || pr.Strength != "good" {
				t.Errorf("m1–e1: got topics %v, %s; want %v, good", pr.Topics, pr.Strength, want)
			}
			if pr.SharedFormat == nil || *pr.SharedFormat != "lunch" || !slices.Equal(pr.SharedTimes, []string{"weekday_midday"}) {
				t.Errorf("meeting of m1–e1: got %v %v, want lunch and weekday_midday", pr.SharedFormat, pr.SharedTimes)
			}
			return
		}
	}
	t.Error("no pair with m1")
}

// checkStrengths compares the strength words of the proposal's tandems
// (keyed by sorted member names) and pairs (keyed "mentor+mentee") with
// want.
func checkStrengths(t *testing.T, mc matchingCohort, p proposal, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, td := range p.Tandems {
		got[mc.names(td.Members)] = td.Strength
		for _, pr := range td.Pairs {
			got[mc.name[pr.Mentor]+"+"+mc.name[pr.Mentee]] = pr.Strength
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("strengths: got %v, want %v", got, want)
	}
}

// checkNoRatingNumbers fails when the proposal shows a number other than
// a count, the seed or a baseline's percentage, or a field that used to
// show one.
func checkNoRatingNumbers(t *testing.T, raw json.RawMessage) {
	t.Helper()
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case float64:
			if !slices.Contains([]string{"seed", "percent", "tandems", "pairs", "already_in_tandem"}, key) {
				t.Errorf("the proposal shows %s: %v", key, x)
			}
		case map[string]any:
			for k, y := range x {
				if slices.Contains([]string{"potential", "contribution", "total", "wish_weight_unpicked"}, k) {
					t.Errorf("the proposal has a field %q", k)
				}
				walk(k, y)
			}
		case []any:
			for _, y := range x {
				walk(key, y)
			}
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	walk("", v)
}

// checkAcceptRefusals: a bad proposal is refused whole, naming each
// tandem and member at fault.
func checkAcceptRefusals(t *testing.T, ts *testServer, mc matchingCohort) {
	t.Helper()
	base := "/api/v1/cohorts/" + mc.cohortID
	before := ts.counts()
	bad := map[string]any{"tandems": []map[string]any{
		{"members": mc.ids("m2", "e2")},              // fine alone
		{"members": mc.ids("m1", "e1")},              // excluded
		{"members": []string{mc.id["m3"], "nobody"}}, // unknown
		{"members": mc.ids("m4", "e2")},              // e2 twice in the request
		{"members": mc.ids("m5", "p1")},              // m5 is in a tandem already
		{"members": mc.ids("p2")},                    // too few
	}}
	var e struct {
		Details []struct{ Field string }
	}
	ts.mustAPI(422, "POST", base+"/matching/accept", bad, &e)
	var fields []string
	for _, d := range e.Details {
		fields = append(fields, d.Field)
	}
	want := []string{"tandems[1].members", "tandems[2].members[1]", "tandems[3].members[1]", "tandems[4].members[0]", "tandems[5].members"}
	if !slices.Equal(fields, want) {
		t.Errorf("accept refusal details: got %v, want %v", fields, want)
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("a refused accept changed the counts: %v -> %v", before, after)
	}
	ts.mustAPI(422, "POST", base+"/matching/accept", map[string]any{"tandems": []map[string]any{{"members": mc.ids("m1", "m2")}}}, &e)
	if len(e.Details) != 1 || e.Details[0].Field != "tandems[0].members" {
		t.Errorf("two mentors: got %+v, want a shape error on tandems[0].members", e.Details)
	}
	ts.mustAPI(400, "POST", base+"/matching/accept", `{"tandems": [`, nil)
	ts.mustAPI(422, "POST", base+"/matching/accept", `{"tandems": []}`, nil)
	ts.mustAPI(422, "POST", base+"/exclusions", map[string]any{"pairs": [][]string{mc.ids("m1", "m1"), {mc.id["m1"], "nobody"}, {"x"}}}, &e)
	if len(e.Details) != 3 {
		t.Errorf("exclusion refusal: got %d details, want 3", len(e.Details))
	}
}

// checkOutcome: the learners are e1 (potential 3 + 1 from m3 and m2),
// p1 (2 from p2, who teaches mobile apps at 5 what p1 knows at 1) and p2
// (0 from p1, who teaches at 2); e2 does not count, as m4 never answered
// the intake. Below the threshold of 3 nothing is shown; no mean is
// ever shown.
func checkOutcome(t *testing.T, ts *testServer, mc matchingCohort) {
	t.Helper()
	path := "/api/v1/cohorts/" + mc.cohortID + "/matching/outcome"
	type outcome struct {
		N           *int
		Suppressed  bool
		Reason      string
		Correlation *analytics.Correlation
	}
	var o outcome
	ts.mustAPI(200, "GET", path, nil, &o)
	if o.N == nil || *o.N != 0 || o.Correlation != nil || !strings.Contains(o.Reason, "final survey") {
		t.Errorf("without a final survey: got %+v, want n 0 and a reason", o)
	}
	final := func(knowledge map[string]string) url.Values {
		v := url.Values{"overall_satisfaction": {"5"}}
		for k, x := range knowledge {
			v.Set("knowledge_"+k, x)
		}
		return v
	}
	mc.answerSurvey(t, ts, "final", map[string]url.Values{
		"e1": final(map[string]string{"artificial_intelligence": "4", "social_media": "4", "mobile_apps": "2"}),
		"e2": final(map[string]string{"social_media": "3"}),
	})
	ts.mustAPI(200, "GET", path, nil, &o)
	if !o.Suppressed || o.N != nil || o.Correlation != nil {
		t.Errorf("one learner: got %+v, want suppressed without n or figures", o)
	}
	mc.answerSurvey(t, ts, "final", map[string]url.Values{
		"p1": final(map[string]string{"mobile_apps": "3"}),
		"p2": final(map[string]string{"mobile_apps": "5"}),
	})
	o = outcome{}
	ts.mustAPI(200, "GET", path, nil, &o)
	// Gains: e1 (4 − 1 + 4 − 4) / 2 = 1.5 (mobile apps has no intake
	// rating); p1 3 − 1 = 2; p2 0.
	want := analytics.Pearson([]float64{4, 2, 0}, []float64{1.5, 2, 0})
	if o.Suppressed || o.N == nil || *o.N != 3 || o.Correlation == nil || *o.Correlation != *want {
		t.Errorf("three learners: got %+v (correlation %+v), want n 3 and %+v", o, o.Correlation, want)
	}
	var fields map[string]any
	ts.mustAPI(200, "GET", path, nil, &fields)
	for _, k := range []string{"mean_potential", "mean_gain"} {
		if _, ok := fields[k]; ok {
			t.Errorf("the outcome shows %s", k)
		}
	}
}

func TestMatchingRefusals(t *testing.T) {
	ts := newTestServer(t)
	anon := setupMatchingCohort(t, ts, "anonymous")
	anon.answerSurvey(t, ts, "intake", intakeAnswers)
	base := "/api/v1/cohorts/" + anon.cohortID
	var e struct{ Error string }
	ts.mustAPI(409, "POST", base+"/matching", map[string]any{"shape": "1:1"}, &e)
	if !strings.Contains(e.Error, "anonymous") {
		t.Errorf("anonymous program: got %q, want a message saying why", e.Error)
	}
	ts.mustAPI(409, "GET", base+"/matching/outcome", nil, nil)
	ts.mustAPI(422, "POST", base+"/matching", map[string]any{"shape": "3:1"}, nil)
	ts.mustAPI(400, "POST", base+"/matching", map[string]any{"shape": "1:1", "weights": 2}, nil)
	// The switch the attack test uses to show proposals as they were
	// cannot be reached from the API.
	for _, field := range []string{"expose", "exposure", "exactRatings", "numbers"} {
		ts.mustAPI(400, "POST", base+"/matching", map[string]any{"shape": "1:1", field: true}, nil)
	}

	conf := setupMatchingCohort(t, ts, "confidential")
	conf.answerSurvey(t, ts, "intake", map[string]url.Values{}) // scheduled, nobody answered
	ts.mustAPI(409, "POST", "/api/v1/cohorts/"+conf.cohortID+"/matching", map[string]any{}, nil)

	for _, r := range []struct{ method, path string }{
		{"POST", "/matching"}, {"GET", "/matching/outcome"}, {"GET", "/exclusions"}, {"POST", "/exclusions"},
		{"POST", "/matching/accept"}, {"DELETE", "/exclusions/x"},
	} {
		ts.mustAPI(404, r.method, "/api/v1/cohorts/nope"+r.path, map[string]any{}, nil)
	}
	var list []struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+conf.cohortID+"/exclusions", map[string]any{"pairs": [][]string{conf.ids("m1", "e1")}}, nil)
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+conf.cohortID+"/exclusions", nil, &list)
	if len(list) != 1 {
		t.Fatalf("exclusions: got %d, want 1", len(list))
	}
	ts.mustAPI(204, "DELETE", "/api/v1/cohorts/"+conf.cohortID+"/exclusions/"+list[0].ID, nil, nil)
	ts.mustAPI(404, "DELETE", "/api/v1/cohorts/"+conf.cohortID+"/exclusions/"+list[0].ID, nil, nil)
	ts.mustAPI(200, "GET", "/api/v1/cohorts/"+conf.cohortID+"/exclusions", nil, &list)
	if len(list) != 0 {
		t.Errorf("after deleting: got %d exclusions, want 0", len(list))
	}
}
