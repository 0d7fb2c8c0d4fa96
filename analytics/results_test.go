package analytics

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"slices"
	"testing"

	"tandem/survey"
)

// t975 holds t(0.975, df) from tables, for the hand-computed intervals.
var t975 = map[int]float64{2: 4.302652729749464, 3: 3.182446305283709, 7: 2.364624251592785}

// handWorld is a final survey answered by 3 mentors, 4 mentees and 1 peer
// under threshold 3, small enough to work every figure out by hand.
//
//	person  role    dept   sat  p1 p2 p3  rec  continue   top_benefits      improve
//	0       mentor  IT      5   5  4  5   10   yes        perspective, know  "Mehr Zeit"
//	1       mentor  IT      4   4  4  4    9   yes        perspective
//	2       mentor  Sales   3   3  -  3    6   no
//	3       mentee  HR      4   4  5  4    9   yes        new_areas          (hands_on_1 4)
//	4       mentee  HR      4   2  3  2    7   undecided                     "Agenda vorher" (hands_on_1 5)
//	5       mentee  Sales   5   5  5  4    -   yes
//	6       mentee  Sales   3   3  3  -    3   -
//	7       peer    IT      2   1  2  1   10   no                            "Öfter treffen"
func handWorld(t *testing.T) (*world, string) {
	t.Helper()
	return handWorldPublishing(t, nil)
}

// handWorldPublishing is handWorld whose program breaks results down by
// breakdowns (nil: the default, role).
func handWorldPublishing(t *testing.T, breakdowns []string) (*world, string) {
	t.Helper()
	people := []person{
		{Role: "mentor", Department: "IT"}, {Role: "mentor", Department: "IT"}, {Role: "mentor", Department: "Sales"},
		{Role: "mentee", Department: "HR"}, {Role: "mentee", Department: "HR"}, {Role: "mentee", Department: "Sales"},
		{Role: "mentee", Department: "Sales"}, {Role: "peer", Department: "IT"},
	}
	w := newWorldPublishing(t, 3, survey.ModeConfidential, people, breakdowns, false)
	id := w.run(survey.PhaseFinal, map[int]url.Values{
		0: form("overall_satisfaction", "5", "perspective_1", "5", "perspective_2", "4", "perspective_3", "5", "recommend", "10",
			"continue", "yes", "top_benefits", "perspective_change", "top_benefits", "knowledge_transfer", "improve", "Mehr Zeit"),
		1: form("overall_satisfaction", "4", "perspective_1", "4", "perspective_2", "4", "perspective_3", "4", "recommend", "9",
			"continue", "yes", "top_benefits", "perspective_change"),
		2: form("overall_satisfaction", "3", "perspective_1", "3", "perspective_3", "3", "recommend", "6", "continue", "no"),
		3: form("overall_satisfaction", "4", "perspective_1", "4", "perspective_2", "5", "perspective_3", "4", "recommend", "9",
			"continue", "yes", "top_benefits", "new_areas", "hands_on_1", "4"),
		4: form("overall_satisfaction", "4", "perspective_1", "2", "perspective_2", "3", "perspective_3", "2", "recommend", "7",
			"continue", "undecided", "improve", "Agenda vorher", "hands_on_1", "5"),
		5: form("overall_satisfaction", "5", "perspective_1", "5", "perspective_2", "5", "perspective_3", "4", "continue", "yes"),
		6: form("overall_satisfaction", "3", "perspective_1", "3", "perspective_2", "3", "recommend", "3"),
		7: form("overall_satisfaction", "2", "perspective_1", "1", "perspective_2", "2", "perspective_3", "1", "recommend", "10",
			"continue", "no", "improve", "Öfter treffen"),
	})
	return w, id
}

func mustResults(t *testing.T, w *world, id, by string) ResultsJSON {
	t.Helper()
	r, err := w.reader().Results(context.Background(), id, by)
	if err != nil {
		t.Fatalf("Results(%q): %v", by, err)
	}
	return r
}

func TestResultsOverallByHand(t *testing.T) {
	w, id := handWorld(t)
	r := mustResults(t, w, id, "")
	if r.Invited != 8 || r.Opened != 8 || r.Submitted != 8 || r.Threshold != 3 || r.Phase != survey.PhaseFinal {
		t.Errorf("header: got %+v", r)
	}
	if len(r.Groups) != 1 || r.Groups[0].Suppressed || len(r.Groups[0].By) != 0 {
		t.Fatalf("groups: got %+v, want one shown group with by {}", r.Groups)
	}
	g := r.Groups[0]
	if g.N != 8 {
		t.Errorf("n: got %d, want 8", g.N)
	}
	// overall_satisfaction 5 4 3 4 4 5 3 2: sum 30, squared deviations 7.5.
	sd := math.Sqrt(7.5 / 7)
	h := t975[7] * sd / math.Sqrt(8)
	sat := item(t, g, "overall_satisfaction")
	checkItem(t, sat, 8, 30.0/8, sd, [2]float64{30.0/8 - h, 30.0/8 + h}, 4, 5.0/8,
		map[string]int{"1": 0, "2": 1, "3": 2, "4": 3, "5": 2})
	// perspective_2 is skipped by person 2: 4 4 5 3 5 3 2.
	p2 := item(t, g, "perspective_2")
	if p2.N != 7 || *p2.Mean != 26.0/7 {
		t.Errorf("perspective_2: got n %d mean %v, want 7 and 26/7", p2.N, *p2.Mean)
	}
	if h := item(t, g, "hands_on_1"); !h.Suppressed || h.Code != CodeFewAnswers || h.Reason != "fewer than 3 answers" || h.ItemFigures != nil {
		t.Errorf("hands_on_1 (2 answers, mentees only): got %+v, want withheld", h)
	}
	if c := item(t, g, "content_flexibility_1"); c.Suppressed || c.N != 0 || c.Mean != nil {
		t.Errorf("unanswered item: got %+v, want n 0 and null figures", c)
	}

	// perspective: persons 2 and 6 skipped one item each. Two is below
	// the threshold: the scores, next to the items' figures, would let
	// their answers be worked out, so the dimension is withheld.
	if d := g.Dimensions[slices.IndexFunc(g.Dimensions, func(d DimensionJSON) bool { return d.Key == "perspective" })]; !d.Suppressed ||
		d.Code != CodePartial || d.DimensionFigures != nil {
		t.Errorf("perspective (2 partial respondents): got %+v, want withheld", d)
	}

	// recommend 10 9 6 9 7 3 10: promoters 4, passives 1, detractors 2.
	if g.NPS == nil || g.NPS.NPSResult == nil || g.NPS.N != 7 || g.NPS.Promoters != 4 || g.NPS.Passives != 1 ||
		g.NPS.Detractors != 2 || !near(*g.NPS.Score, 200.0/7) {
		t.Errorf("nps: got %+v, want n 7, 4/1/2, score 28.57", g.NPS)
	}
	checkChoice(t, g, "continue", 7, map[string]int{"yes": 4, "no": 2, "undecided": 1})
	checkChoice(t, g, "top_benefits", 3, map[string]int{"perspective_change": 2, "knowledge_transfer": 1, "new_areas": 1, "personal_contact": 0})
	got := comments(g, "improve")
	if want := []string{"Agenda vorher", "Mehr Zeit", "Öfter treffen"}; !slices.Equal(slices.Sorted(slices.Values(got)), want) {
		t.Errorf("improve: got %q, want %q in any order", got, want)
	}
	if !slices.Equal(got, shuffledTexts(map[string]int{"Agenda vorher": 1, "Mehr Zeit": 1, "Öfter treffen": 1})) {
		t.Errorf("improve: got %q, want the order of their hashes", got)
	}
}

func TestResultsByRoleByHand(t *testing.T) {
	w, id := handWorld(t)
	r := mustResults(t, w, id, "role")
	var roles []string
	for _, g := range r.Groups {
		roles = append(roles, g.By["role"])
	}
	// The peer (1) is below 3, so the role is shown as other; other must
	// hold at least 3, so the next smallest role, the mentors (3), join it.
	if !slices.Equal(roles, []string{"mentee", Other}) {
		t.Fatalf("groups: got %q, want mentee, %s", roles, Other)
	}
	if got := r.Groups[1].Includes; !slices.Equal(got, []string{"mentor", "peer"}) {
		t.Errorf("other includes %q, want mentor and peer", got)
	}
	if r.Groups[1].Suppressed || r.Groups[1].N != 4 {
		t.Errorf("other: got %+v, want 4 shown responses", r.Groups[1])
	}
	g := r.Groups[0]
	if g.Suppressed || g.N != 4 || g.Invited != 4 || g.Submitted != 4 || *g.ResponseRate != 1 {
		t.Fatalf("mentees: got %+v", g)
	}
	// 4 4 5 3: mean 4, squared deviations 2.
	sd := math.Sqrt(2.0 / 3)
	h := t975[3] * sd / 2
	checkItem(t, item(t, g, "overall_satisfaction"), 4, 4, sd, [2]float64{4 - h, 4 + h}, 4, 0.75,
		map[string]int{"1": 0, "2": 0, "3": 1, "4": 2, "5": 1})
	if g.NPS.NPSResult == nil || g.NPS.N != 3 || g.NPS.Promoters != 1 || g.NPS.Detractors != 1 || *g.NPS.Score != 0 {
		t.Errorf("mentee nps: got %+v, want n 3, score 0", g.NPS)
	}
	ch := choice(t, g, "top_benefits")
	if !ch.Suppressed || ch.Code != CodeFewAnswers || ch.ChoiceFigures != nil {
		t.Errorf("mentee top_benefits (1 answer): got %+v, want withheld", ch)
	}
	if got := comments(g, "improve"); !slices.Equal(got, []string{"Agenda vorher"}) {
		t.Errorf("mentee comments: got %q", got)
	}
	// hands_on_1 is asked of mentees (and peers): in the other group only
	// the peer was asked, so its comments or figures would point at one
	// person; they are withheld, and the mentees' with them, since the
	// overall figure would give them away by subtraction.
	if h := item(t, g, "hands_on_1"); !h.Suppressed {
		t.Errorf("mentee hands_on_1: got %+v, want withheld", h)
	}
}

// TestDimensionByHand: 6 respondents under threshold 3, three of whom
// answered every perspective item and three only some: both sets hold the
// threshold, so the scores and alpha (over the three complete) are shown.
//
//	person  p1 p2 p3   score
//	0       5  4  5    14/3
//	1       4  4  4    4
//	2       2  3  2    7/3
//	3       3  -  5    4
//	4       -  2  -    2
//	5       1  -  -    1
func TestDimensionByHand(t *testing.T) {
	people := []person{{Role: "mentor"}, {Role: "mentor"}, {Role: "mentor"}, {Role: "mentee"}, {Role: "mentee"}, {Role: "mentee"}}
	w := newWorld(t, 3, survey.ModeConfidential, people)
	id := w.run(survey.PhaseFinal, map[int]url.Values{
		0: form("overall_satisfaction", "4", "perspective_1", "5", "perspective_2", "4", "perspective_3", "5"),
		1: form("overall_satisfaction", "4", "perspective_1", "4", "perspective_2", "4", "perspective_3", "4"),
		2: form("overall_satisfaction", "4", "perspective_1", "2", "perspective_2", "3", "perspective_3", "2"),
		3: form("overall_satisfaction", "4", "perspective_1", "3", "perspective_3", "5"),
		4: form("overall_satisfaction", "4", "perspective_2", "2"),
		5: form("overall_satisfaction", "4", "perspective_1", "1"),
	})
	g := mustResults(t, w, id, "").Groups[0]
	scores := []float64{14.0 / 3, 4, 7.0 / 3, 4, 2, 1}
	d := dimension(t, g, "perspective")
	want := Describe(scores)
	if d.N != 6 || !near(*d.Mean, *want.Mean) || !near(*d.SD, *want.SD) || !near(*d.Median, *want.Median) {
		t.Errorf("perspective: got n %d mean %v sd %v, want 6, %v, %v", d.N, *d.Mean, *d.SD, *want.Mean, *want.SD)
	}
	rows := [][]float64{{5, 4, 5}, {4, 4, 4}, {2, 3, 2}}
	if d.AlphaN != 3 || d.Alpha == nil || !near(*d.Alpha, *CronbachAlpha(rows)) {
		t.Errorf("perspective alpha: got %v over %d, want %v over 3", show(d.Alpha), d.AlphaN, *CronbachAlpha(rows))
	}
}

func TestResultsByDepartment(t *testing.T) {
	w, id := handWorldPublishing(t, []string{"department"})
	r := mustResults(t, w, id, "department")
	// HR (2) is below 3: other; other must hold 3, so IT (3, the first of
	// the two smallest) joins it.
	want := []struct {
		dept string
		n    int
	}{{"Sales", 3}, {Other, 5}}
	if len(r.Groups) != len(want) {
		t.Fatalf("got %d groups %+v, want %d", len(r.Groups), r.Groups, len(want))
	}
	for i, w := range want {
		g := r.Groups[i]
		if g.By["department"] != w.dept || g.Suppressed || g.N != w.n {
			t.Errorf("group %d: got %v %v n %d, want %s n %d", i, g.By, g.Suppressed, g.N, w.dept, w.n)
		}
	}
	if !slices.Equal(r.Groups[1].Includes, []string{"HR", "IT"}) {
		t.Errorf("other includes %q, want HR and IT", r.Groups[1].Includes)
	}
	// The program chose department: role is not offered, whatever its
	// groups would be.
	byRole := mustResults(t, w, id, "role")
	if !byRole.Suppressed || byRole.Code != CodeNotOffered || len(byRole.Groups) != 0 {
		t.Errorf("by role: got %+v, want not offered and no groups", byRole)
	}
	if !slices.Equal(r.OfferedBreakdowns, []string{"department"}) {
		t.Errorf("offered: got %q, want department", r.OfferedBreakdowns)
	}
}

// TestSuppressedGroupCannotBeRecovered plays the attacker: from the
// published overall and by-role results it tries to work out the peer's
// answers by subtraction, for every item, and finds only groups of at
// least the threshold.
func TestSuppressedGroupCannotBeRecovered(t *testing.T) {
	w, id := handWorld(t)
	whole := mustResults(t, w, id, "")
	for _, by := range Breakdowns {
		parts := mustResults(t, w, id, by)
		if !parts.Suppressed {
			checkNoSmallRemainder(t, whole, parts)
		}
	}
	// The attack in plain figures: the peer is shown only together with
	// the three mentors, as other; no published group holds the peer with
	// fewer than 3 others... and none of them with fewer than 3 people.
	for _, g := range mustResults(t, w, id, "role").Groups {
		if !g.Suppressed && g.N < 3 {
			t.Errorf("group %v of %d responses is shown", g.By, g.N)
		}
	}
}

func TestSuppressedGroupJSONHasNoFigures(t *testing.T) {
	w := newWorld(t, 3, survey.ModeConfidential, []person{{Role: "mentor"}, {Role: "mentee"}, {Role: "mentee"}})
	id := w.run(survey.PhaseFinal, map[int]url.Values{0: form("overall_satisfaction", "5", "improve", "secret")})
	b, err := json.Marshal(mustResults(t, w, id, ""))
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Groups []map[string]json.RawMessage }
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	for _, g := range r.Groups {
		if string(g["suppressed"]) != "true" {
			continue
		}
		for k := range g {
			if k != "by" && k != "suppressed" && k != "reason" && k != "code" {
				t.Errorf("suppressed group %s carries %q", g["by"], k)
			}
		}
	}
}

func TestResultsErrors(t *testing.T) {
	w, id := handWorld(t)
	ctx := context.Background()
	if _, err := w.reader().Results(ctx, "nope", ""); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unknown survey: got %v, want not_found", err)
	}
	_, err := w.reader().Results(ctx, id, "name")
	if survey.ErrorCode(err) != survey.EInvalid {
		t.Fatalf("by=name: got %v, want invalid", err)
	}
	var e *survey.Error
	if !asError(err, &e) || len(e.Details) != 1 || e.Details[0].Field != "by" {
		t.Errorf("by=name: got details %+v, want the field by", e)
	}
}

func TestResultsSmallSurveyIsSuppressed(t *testing.T) {
	w := newWorld(t, 5, survey.ModeAnonymous, []person{{Role: "mentor"}, {Role: "mentee"}, {Role: "mentee"}})
	id := w.run(survey.PhaseFinal, map[int]url.Values{0: form("overall_satisfaction", "5", "improve", "secret")})
	r := mustResults(t, w, id, "")
	if len(r.Groups) != 1 {
		t.Fatalf("got %d groups, want 1", len(r.Groups))
	}
	checkSuppressed(t, r.Groups[0], CodeFewResponses)
	if r.Invited != 3 || r.Submitted != 1 {
		t.Errorf("participation: got %d/%d, want 3 invited, 1 submitted", r.Invited, r.Submitted)
	}
	r = mustResults(t, w, id, "role")
	if !r.Suppressed || r.Code != CodeTooFewToBreak || len(r.Groups) != 0 {
		t.Errorf("by role in a survey below the threshold: got %+v, want no groups", r)
	}
}
