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
	people := []person{
		{Role: "mentor", Department: "IT"}, {Role: "mentor", Department: "IT"}, {Role: "mentor", Department: "Sales"},
		{Role: "mentee", Department: "HR"}, {Role: "mentee", Department: "HR"}, {Role: "mentee", Department: "Sales"},
		{Role: "mentee", Department: "Sales"}, {Role: "peer", Department: "IT"},
	}
	w := newWorld(t, 3, survey.ModeConfidential, people)
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
	r, err := Results(context.Background(), w.st.DB(), w.cat, id, by)
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
	if h := item(t, g, "hands_on_1"); !h.Suppressed || h.Reason != "fewer than 3 answers" || h.ItemFigures != nil {
		t.Errorf("hands_on_1 (2 answers, mentees only): got %+v, want withheld", h)
	}
	if c := item(t, g, "content_flexibility_1"); c.Suppressed || c.N != 0 || c.Mean != nil {
		t.Errorf("unanswered item: got %+v, want n 0 and null figures", c)
	}

	// perspective scores 14/3 4 3 13/3 7/3 14/3 3 4/3, alpha over the six
	// complete respondents.
	scores := []float64{14.0 / 3, 4, 3, 13.0 / 3, 7.0 / 3, 14.0 / 3, 3, 4.0 / 3}
	d := dimension(t, g, "perspective")
	want := Describe(scores)
	if d.N != 8 || !near(*d.Mean, 82.0/3/8) || !near(*d.SD, *want.SD) {
		t.Errorf("perspective: got n %d mean %v sd %v, want 8, %v, %v", d.N, *d.Mean, *d.SD, 82.0/3/8, *want.SD)
	}
	rows := [][]float64{{5, 4, 5}, {4, 4, 4}, {4, 5, 4}, {2, 3, 2}, {5, 5, 4}, {1, 2, 1}}
	if d.AlphaN != 6 || d.Alpha == nil || !near(*d.Alpha, *CronbachAlpha(rows)) {
		t.Errorf("perspective alpha: got %v over %d, want %v over 6", show(d.Alpha), d.AlphaN, *CronbachAlpha(rows))
	}

	// recommend 10 9 6 9 7 3 10: promoters 4, passives 1, detractors 2.
	if g.NPS == nil || g.NPS.NPSResult == nil || g.NPS.N != 7 || g.NPS.Promoters != 4 || g.NPS.Passives != 1 ||
		g.NPS.Detractors != 2 || !near(*g.NPS.Score, 200.0/7) {
		t.Errorf("nps: got %+v, want n 7, 4/1/2, score 28.57", g.NPS)
	}
	checkChoice(t, g, "continue", 7, map[string]int{"yes": 4, "no": 2, "undecided": 1})
	checkChoice(t, g, "top_benefits", 3, map[string]int{"perspective_change": 2, "knowledge_transfer": 1, "new_areas": 1, "personal_contact": 0})
	if got, want := comments(g, "improve"), []string{"Agenda vorher", "Mehr Zeit", "Öfter treffen"}; !slices.Equal(got, want) {
		t.Errorf("improve: got %q, want %q (sorted)", got, want)
	}
}

func TestResultsByRoleByHand(t *testing.T) {
	w, id := handWorld(t)
	r := mustResults(t, w, id, "role")
	var roles []string
	for _, g := range r.Groups {
		roles = append(roles, g.By["role"])
	}
	if !slices.Equal(roles, []string{"mentor", "mentee", "peer"}) {
		t.Fatalf("groups: got %q, want mentor, mentee, peer", roles)
	}
	// The peer (1) is below 3; the next smallest, the mentors (3), go too.
	checkSuppressed(t, r.Groups[2], "fewer than 3 responses")
	checkSuppressed(t, r.Groups[0], ReasonComplement)
	g := r.Groups[1]
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
	if !ch.Suppressed || ch.Reason != "fewer than 3 answers" || ch.ChoiceFigures != nil {
		t.Errorf("mentee top_benefits (1 answer): got %+v, want withheld", ch)
	}
	d := dimension(t, g, "perspective")
	if d.N != 4 || !near(*d.Mean, (13.0/3+7.0/3+14.0/3+3)/4) || d.AlphaN != 3 ||
		!near(*d.Alpha, *CronbachAlpha([][]float64{{4, 5, 4}, {2, 3, 2}, {5, 5, 4}})) {
		t.Errorf("mentee perspective: got %+v", d.DimensionFigures)
	}
	if got := comments(g, "improve"); !slices.Equal(got, []string{"Agenda vorher"}) {
		t.Errorf("mentee comments: got %q", got)
	}
}

func TestResultsByDepartment(t *testing.T) {
	w, id := handWorld(t)
	r := mustResults(t, w, id, "department")
	want := []struct {
		dept, reason string
	}{{"HR", "fewer than 3 responses"}, {"IT", ReasonComplement}, {"Sales", ""}}
	if len(r.Groups) != len(want) {
		t.Fatalf("got %d groups, want %d", len(r.Groups), len(want))
	}
	for i, w := range want {
		g := r.Groups[i]
		if g.By["department"] != w.dept || g.Reason != w.reason || g.Suppressed != (w.reason != "") {
			t.Errorf("group %d: got %v %v %q, want %s %q", i, g.By, g.Suppressed, g.Reason, w.dept, w.reason)
		}
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
		checkNoSmallRemainder(t, whole, parts)
	}
	// The attack in plain figures: total sum of satisfaction minus the
	// shown mentees leaves 4 responses (mentors and the peer), not 1.
	total := item(t, whole.Groups[0], "overall_satisfaction")
	parts := mustResults(t, w, id, "role")
	restN, restSum := total.N, *total.Mean*float64(total.N)
	for _, g := range parts.Groups {
		if !g.Suppressed {
			it := item(t, g, "overall_satisfaction")
			restN -= it.N
			restSum -= *it.Mean * float64(it.N)
		}
	}
	if restN != 4 || math.Abs(restSum/float64(restN)-2) < 1e-9 {
		t.Errorf("the remainder is %d responses with mean %v: the peer's answer 2 could be read off", restN, restSum/float64(restN))
	}
}

func TestSuppressedGroupJSONHasNoFigures(t *testing.T) {
	w, id := handWorld(t)
	b, err := json.Marshal(mustResults(t, w, id, "role"))
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
			if k != "by" && k != "suppressed" && k != "reason" {
				t.Errorf("suppressed group %s carries %q", g["by"], k)
			}
		}
	}
}

func TestResultsErrors(t *testing.T) {
	w, id := handWorld(t)
	ctx := context.Background()
	if _, err := Results(ctx, w.st.DB(), w.cat, "nope", ""); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unknown survey: got %v, want not_found", err)
	}
	_, err := Results(ctx, w.st.DB(), w.cat, id, "name")
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
	checkSuppressed(t, r.Groups[0], "fewer than 5 responses")
	if r.Invited != 3 || r.Submitted != 1 {
		t.Errorf("participation: got %d/%d, want 3 invited, 1 submitted", r.Invited, r.Submitted)
	}
	r = mustResults(t, w, id, "role")
	for _, g := range r.Groups {
		if !g.Suppressed {
			t.Errorf("group %v shown in a survey below the threshold", g.By)
		}
	}
}
