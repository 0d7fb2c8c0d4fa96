package analytics

import (
	"context"
	"net/url"
	"slices"
	"testing"

	"tandem/survey"
)

// cohortWorld runs kick-off, midpoint and final with 4 mentors (0–3) and 4
// mentees (4–7) under threshold 3.
//
//	kick-off topics: 0 sm+ai, 1 sm, 2 ai, 3 mob, 4 sm+mob, 5 sm, 6 sm+ai, 7 dw
//	knowledge_social_media: kick-off 4:1 5:2 6:2 7:3, final 4:3 5:4 6:2 7:4
//	knowledge_mobile_apps:  kick-off 4:2 5:1, final 4:3
//	perspective (p1, p2) midpoint: 3 3 | 4 4 | 2 3 | 3 4 | 3 2 | 4 3 | 3 3 | 2 2
//	perspective (p1, p2) final:    4 5 | 5 5 | 3 4 | 4 4 | 4 4 | 3 3 | 4 5 | 3 4
//	final satisfaction 5 4 4 5 4 3 5 4, recommend 10 9 8 10 9 6 10 7,
//	continue yes yes no yes yes undecided yes no,
//	top_benefits 0 pc, 1 pc+kt, 3 na, 4 kt, 5 kt+na, 6 pc
func cohortWorld(t *testing.T, mode survey.Mode) *world {
	t.Helper()
	people := []person{{Role: "mentor"}, {Role: "mentor"}, {Role: "mentor"}, {Role: "mentor"},
		{Role: "mentee"}, {Role: "mentee"}, {Role: "mentee"}, {Role: "mentee"}}
	w := newWorld(t, 3, mode, people)
	w.run(survey.PhaseKickoff, map[int]url.Values{
		0: form("topics", "social_media", "topics", "artificial_intelligence"),
		1: form("topics", "social_media"),
		2: form("topics", "artificial_intelligence"),
		3: form("topics", "mobile_apps"),
		4: form("topics", "social_media", "topics", "mobile_apps", "knowledge_social_media", "1", "knowledge_mobile_apps", "2"),
		5: form("topics", "social_media", "knowledge_social_media", "2", "knowledge_mobile_apps", "1"),
		6: form("topics", "social_media", "topics", "artificial_intelligence", "knowledge_social_media", "2"),
		7: form("topics", "digital_workplace", "knowledge_social_media", "3"),
	})
	mid := [][2]string{{"3", "3"}, {"4", "4"}, {"2", "3"}, {"3", "4"}, {"3", "2"}, {"4", "3"}, {"3", "3"}, {"2", "2"}}
	answers := map[int]url.Values{}
	for i, p := range mid {
		answers[i] = form("perspective_1", p[0], "perspective_2", p[1])
	}
	w.run(survey.PhaseMidpoint, answers)
	fin := [][2]string{{"4", "5"}, {"5", "5"}, {"3", "4"}, {"4", "4"}, {"4", "4"}, {"3", "3"}, {"4", "5"}, {"3", "4"}}
	sat := []string{"5", "4", "4", "5", "4", "3", "5", "4"}
	rec := []string{"10", "9", "8", "10", "9", "6", "10", "7"}
	cont := []string{"yes", "yes", "no", "yes", "yes", "undecided", "yes", "no"}
	benefits := map[int][]string{0: {"perspective_change"}, 1: {"perspective_change", "knowledge_transfer"}, 3: {"new_areas"},
		4: {"knowledge_transfer"}, 5: {"knowledge_transfer", "new_areas"}, 6: {"perspective_change"}}
	knowledge := map[int][]string{4: {"knowledge_social_media", "3", "knowledge_mobile_apps", "3"},
		5: {"knowledge_social_media", "4"}, 6: {"knowledge_social_media", "2"}, 7: {"knowledge_social_media", "4"}}
	answers = map[int]url.Values{}
	for i := range 8 {
		v := form(append([]string{"perspective_1", fin[i][0], "perspective_2", fin[i][1], "overall_satisfaction", sat[i],
			"recommend", rec[i], "continue", cont[i]}, knowledge[i]...)...)
		v["top_benefits"] = benefits[i]
		answers[i] = v
	}
	w.run(survey.PhaseFinal, answers)
	return w
}

func mustSummary(t *testing.T, w *world) SummaryJSON {
	t.Helper()
	s, err := w.reader().CohortSummary(context.Background(), w.cohort.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSummaryByHand(t *testing.T) {
	s := mustSummary(t, cohortWorld(t, survey.ModeConfidential))
	if s.Surveys.Kickoff == nil || s.Surveys.Midpoint == nil || s.Surveys.Final == nil || len(s.Participation) != 3 {
		t.Fatalf("surveys: got %+v and %d participation rows", s.Surveys, len(s.Participation))
	}
	for _, p := range s.Participation {
		if p.Invited != 8 || p.Submitted != 8 || len(p.Roles) != 2 || p.Roles[0].Turnout == nil || p.Roles[0].Submitted != 4 ||
			*p.Roles[1].ResponseRate != 1 {
			t.Errorf("participation of %s: got %+v", p.Phase, p)
		}
	}
	if sat := s.Satisfaction; sat == nil || sat.ItemFigures == nil || sat.N != 8 || *sat.Mean != 34.0/8 {
		t.Errorf("satisfaction: got %+v, want n 8, mean 4.25", sat)
	}
	if s.NPS == nil || s.NPS.NPSResult == nil || s.NPS.Promoters != 5 || s.NPS.Detractors != 1 || *s.NPS.Score != 50 {
		t.Errorf("nps: got %+v, want 5 promoters, 1 detractor, score 50", s.NPS)
	}
	if c := s.Continuation; c == nil || c.ContinuationFigures == nil || c.N != 8 || c.Counts["yes"] != 5 || *c.Rate != 5.0/8 {
		t.Errorf("continuation: got %+v, want 5 of 8", c)
	}
	checkRanking(t, s.TopBenefits, 6, []Rank{{1, "perspective_change", 3, nil}, {1, "knowledge_transfer", 3, nil},
		{3, "new_areas", 2, nil}, {4, "personal_contact", 0, nil}})
	checkRanking(t, s.TopicVotes, 8, []Rank{{1, "social_media", 5, nil}, {2, "artificial_intelligence", 3, nil},
		{3, "mobile_apps", 2, nil}, {4, "digital_workplace", 1, nil}, {5, "enterprise_network", 0, nil}})

	mentor, mentee := []float64{4.5, 5, 3.5, 4}, []float64{4, 3, 4.5, 3.5}
	c := comparison(t, s.MentorVsMentee, "perspective")
	if c.Mentor.N != 4 || *c.Mentor.Mean != 4.25 || *c.Mentee.Mean != 3.75 || *c.Difference != 0.5 {
		t.Errorf("mentor vs mentee: got %+v", c)
	}
	checkTTest(t, "welch", c.Welch, WelchT(mentor, mentee))
	checkNullable(t, "hedges_g", c.HedgesG, HedgesG(mentor, mentee))

	final, mid := append(slices.Clone(mentor), mentee...), []float64{3, 4, 2.5, 3.5, 2.5, 3.5, 3, 2}
	ch := findChange(t, s.MidpointToFinal, "perspective")
	if *ch.Midpoint.Mean != 3 || *ch.Final.Mean != 4 || *ch.Difference != 1 || ch.Final.N != 8 {
		t.Errorf("midpoint to final: got %+v", ch)
	}
	checkTTest(t, "welch", ch.Welch, WelchT(final, mid))
	// Confidential: each respondent's midpoint score pairs with their own
	// final score (8 pairs, 4 in each role: the pairs may be shown).
	if ch.Method != MethodPaired || ch.Paired == nil || ch.Paired.N != 8 || *ch.Paired.BeforeMean != 3 || *ch.Paired.AfterMean != 4 {
		t.Fatalf("midpoint to final, paired: got %+v", ch)
	}
	wantPaired := PairedT(mid, final)
	checkNullable(t, "paired mean_diff", ch.Paired.MeanDiff, wantPaired.MeanDiff)
	checkTTest(t, "paired", ch.Paired.Test, wantPaired.Test)

	if len(s.DimensionsByRole) != 2 || s.DimensionsByRole[0].Role != survey.RoleMentor || *s.DimensionsByRole[0].N != 4 {
		t.Errorf("dimensions by role: got %+v", s.DimensionsByRole)
	}
	k := s.KnowledgeGain
	if k.Suppressed || len(k.Topics) != 8 {
		t.Fatalf("knowledge gain: got %+v", k)
	}
	sm := k.Topics[0]
	if sm.Topic != "social_media" || sm.TopicGainFigures == nil || sm.N != 4 || *sm.BeforeMean != 2 || *sm.AfterMean != 3.25 {
		t.Fatalf("social_media: got %+v", sm)
	}
	want := PairedT([]float64{1, 2, 2, 3}, []float64{3, 4, 2, 4})
	checkNullable(t, "mean_diff", sm.MeanDiff, want.MeanDiff)
	checkTTest(t, "paired", sm.Test, want.Test)
	for _, tg := range k.Topics {
		if tg.Topic == "mobile_apps" && (!tg.Suppressed || tg.Code != CodeFewAnswers || tg.Reason != "fewer than 3 answers") {
			t.Errorf("mobile_apps (1 pair): got %+v, want withheld", tg)
		}
	}
}

// TestSummaryAnonymousHasNoPairs: nothing links an anonymous respondent's
// phases, so the knowledge gain compares all kick-off ratings with all final
// ones, unpaired, and says why it is not paired.
func TestSummaryAnonymousHasNoPairs(t *testing.T) {
	s := mustSummary(t, cohortWorld(t, survey.ModeAnonymous))
	if s.KnowledgeGain.Suppressed || len(s.KnowledgeGain.Topics) != 8 {
		t.Fatalf("knowledge gain: got %+v", s.KnowledgeGain)
	}
	sm := s.KnowledgeGain.Topics[0]
	before, after := []float64{1, 2, 2, 3}, []float64{3, 4, 2, 4}
	if sm.Method != MethodUnpaired || sm.TopicGainFigures != nil || sm.Unpaired == nil || sm.PairedWithheld == nil ||
		sm.PairedWithheld.Code != CodeAnonymousMode || *sm.Unpaired.Before.Mean != 2 || *sm.Unpaired.After.Mean != 3.25 {
		t.Fatalf("social_media: got %+v", sm)
	}
	checkTTest(t, "welch", sm.Unpaired.Welch, WelchT(after, before))
	checkNullable(t, "hedges_g", sm.Unpaired.HedgesG, HedgesG(after, before))
	if s.Satisfaction == nil || s.Satisfaction.N != 8 {
		t.Errorf("satisfaction: got %+v", s.Satisfaction)
	}
}

func TestSummaryMissingPhasesAreNull(t *testing.T) {
	w, _ := handWorld(t) // a final survey only
	s := mustSummary(t, w)
	if s.Surveys.Kickoff != nil || s.Surveys.Midpoint != nil || s.Surveys.Final == nil {
		t.Errorf("surveys: got %+v", s.Surveys)
	}
	if s.MidpointToFinal != nil || s.TopicVotes != nil || s.KnowledgeGain.Code != CodeNeedsSurveys {
		t.Errorf("got midpoint_to_final %v, topic_votes %v, knowledge %+v; want null, null and the reason",
			s.MidpointToFinal, s.TopicVotes, s.KnowledgeGain)
	}
	// The peer (1) is shown as other and the mentors (3) with it: the
	// comparison of mentors with mentees has no mentor group to compare.
	for _, c := range s.MentorVsMentee {
		if !c.Suppressed || c.Code != CodeRolesCombined || c.ComparisonFigures != nil {
			t.Errorf("mentor vs mentee %s: got %+v, want withheld", c.Dimension, c)
		}
	}
	if len(s.MentorVsMentee) == 0 {
		t.Error("mentor vs mentee: got no dimensions, want each withheld")
	}
	// Participation folds roles by invitations: the peer (1 invited) and
	// then the mentors (3) are counted as other.
	roles := s.Participation[0].Roles
	if len(roles) != 2 || roles[0].Role != survey.RoleMentee || roles[0].Invited != 4 ||
		roles[1].Role != Other || roles[1].Invited != 4 || roles[1].Submitted != 4 {
		t.Errorf("participation by role: got %+v, want mentees and other (mentors and the peer)", roles)
	}
}

func TestSummaryEmptyAndUnknownCohort(t *testing.T) {
	w := newWorld(t, 5, survey.ModeConfidential, []person{{Role: "mentor"}})
	s := mustSummary(t, w)
	if s.Satisfaction != nil || s.NPS != nil || len(s.DimensionsByRole) != 0 || len(s.Participation) != 0 {
		t.Errorf("cohort without surveys: got %+v", s)
	}
	_, err := w.reader().CohortSummary(context.Background(), "nope")
	if survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unknown cohort: got %v, want not_found", err)
	}
}

func checkRanking(t *testing.T, r *RankingJSON, n int, want []Rank) {
	t.Helper()
	if r == nil || r.RankingFigures == nil || r.N != n {
		t.Fatalf("ranking: got %+v, want n %d", r, n)
	}
	for i, w := range want {
		got := r.Ranking[i]
		if got.Rank != w.Rank || got.Option != w.Option || got.Count != w.Count || *got.Share != float64(w.Count)/float64(n) {
			t.Errorf("%s rank %d: got %+v, want %+v", r.Item, i+1, got, w)
		}
	}
}

func comparison(t *testing.T, cs []ComparisonJSON, d string) ComparisonJSON {
	t.Helper()
	for _, c := range cs {
		if c.Dimension == d && c.ComparisonFigures != nil {
			return c
		}
	}
	t.Fatalf("no shown comparison of %s in %+v", d, cs)
	return ComparisonJSON{}
}

func findChange(t *testing.T, cs []ChangeJSON, d string) ChangeJSON {
	t.Helper()
	for _, c := range cs {
		if c.Dimension == d && c.ChangeFigures != nil {
			return c
		}
	}
	t.Fatalf("no shown change of %s in %+v", d, cs)
	return ChangeJSON{}
}
