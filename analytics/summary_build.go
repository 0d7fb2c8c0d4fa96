package analytics

import (
	"cmp"
	"maps"
	"slices"

	"tandem/survey"
)

// RankingJSON ranks the options of a multi-choice item over all respondents
// of a survey: the kick-off topic vote, or the final top benefits.
type RankingJSON struct {
	SurveyID string `json:"survey_id"`
	Item     string `json:"item"`
	Withheld
	*RankingFigures
}

// RankingFigures are the N respondents who ticked anything and the options
// by ticks, most first (ties in questionnaire order, sharing a rank).
type RankingFigures struct {
	N       int    `json:"n"`
	Ranking []Rank `json:"ranking"`
}

// Rank is one option of a ranking; Share is Count/N, null when N is 0.
type Rank struct {
	Rank   int      `json:"rank"`
	Option string   `json:"option"`
	Count  int      `json:"count"`
	Share  *float64 `json:"share"`
}

// buildSummary turns the raw tallies of a cohort's surveys into its
// summary.
func buildSummary(c cohortMeta, cat *survey.Catalog, ts tallies, pairs loaded) (SummaryJSON, summaryParts) {
	out := SummaryJSON{CohortID: c.id, ProgramID: c.programID, Mode: c.mode, Threshold: c.policy.Threshold,
		Surveys:       PhaseSurveys{Kickoff: idOrNil(c.kickoff), Midpoint: idOrNil(c.midpoint), Final: idOrNil(c.final)},
		Participation: participation(c, ts), DimensionsByRole: []RoleDimensionsJSON{}, MentorVsMentee: []ComparisonJSON{}}
	views := map[string]*view{}
	whole := map[string]GroupJSON{}
	for _, id := range []string{c.kickoff, c.midpoint, c.final} {
		if id == "" {
			continue
		}
		m := c.meta(id)
		v := newView(decide(m.policy, respondentCombos(ts[id])), ts[id])
		r := resultsOf(m, questionnaire(cat, m.phase), v, "")
		views[id], whole[id] = v, r.Groups[0]
	}
	if c.final != "" {
		m, q := c.meta(c.final), questionnaire(cat, survey.PhaseFinal)
		g := whole[c.final]
		out.Satisfaction = headline(g, "overall_satisfaction")
		out.NPS = npsOf(g)
		out.Continuation = continuation(g)
		out.TopBenefits = ranking(g, q, c.final, "top_benefits")
		out.ByRole, out.DimensionsByRole, out.MentorVsMentee = byRole(m, q, views[c.final])
	} else {
		out.ByRole = withhold(CodeNeedsSurveys, c.policy.Threshold, "")
	}
	if c.midpoint != "" && c.final != "" {
		out.MidpointToFinal = change(c, whole[c.midpoint], whole[c.final], views[c.midpoint], views[c.final], pairs.dimensions)
	}
	if c.kickoff != "" {
		out.TopicVotes = ranking(whole[c.kickoff], questionnaire(cat, survey.PhaseKickoff), c.kickoff, "topics")
	}
	var kickoff, final *view
	if c.published(c.kickoff) {
		kickoff = views[c.kickoff]
	}
	if c.published(c.final) {
		final = views[c.final]
	}
	out.KnowledgeGain = knowledgeGain(c, cat, kickoff, final, pairs.topics)
	var parts summaryParts
	if c.final != "" {
		g := whole[c.final]
		parts = summaryParts{final: views[c.final], finalWhole: &g}
	}
	return out, parts
}

// byRole builds the final survey's figures by role, where the publication
// offers the role breakdown.
func byRole(m surveyMeta, q *survey.Questionnaire, v *view) (Withheld, []RoleDimensionsJSON, []ComparisonJSON) {
	r := resultsOf(m, q, v, "role")
	if r.Suppressed {
		return r.Withheld, []RoleDimensionsJSON{}, []ComparisonJSON{}
	}
	return Withheld{}, dimensionsByRole(r), mentorVsMentee(r, v, q)
}

// participation lists every survey of the cohort with its turnout per
// role, small roles counted under Other (FoldRoles).
func participation(c cohortMeta, ts tallies) []ParticipationJSON {
	out := make([]ParticipationJSON, 0, len(c.surveys))
	for _, m := range c.surveys {
		p := ParticipationJSON{SurveyID: m.id, Phase: m.phase, Roles: []RoleParticipation{}}
		var roles []RoleCount
		for t, tl := range ts[m.id] {
			i := slices.IndexFunc(roles, func(rc RoleCount) bool { return rc.Role == t[attrRole] })
			if i < 0 {
				roles, i = append(roles, RoleCount{Role: t[attrRole]}), len(roles)
			}
			roles[i].Invited += tl.invited
			roles[i].Opened += tl.opened
			roles[i].Submitted += tl.submitted
			p.Invited, p.Opened, p.Submitted = p.Invited+tl.invited, p.Opened+tl.opened, p.Submitted+tl.submitted
		}
		p.ResponseRate = rate(p.Submitted, p.Invited)
		if !c.policy.Unprotected {
			roles = FoldRoles(roles, c.policy.Threshold)
		}
		for _, rc := range roles {
			if rc.Invited == 0 {
				continue
			}
			p.Roles = append(p.Roles, RoleParticipation{Role: survey.Role(rc.Role), Turnout: &Turnout{Invited: rc.Invited,
				Opened: rc.Opened, Submitted: rc.Submitted, ResponseRate: rate(rc.Submitted, rc.Invited)}})
		}
		out = append(out, p)
	}
	return out
}

// withheldFrom is the withholding of a figure of group g whose own
// withholding is w: the group's, if the group is suppressed.
func withheldFrom(g GroupJSON, w Withheld) Withheld {
	if g.Suppressed {
		return g.Withheld
	}
	return w
}

func headline(g GroupJSON, key string) *ItemJSON {
	if g.Suppressed {
		return &ItemJSON{Key: key, Type: survey.Likert5, Withheld: withheldFrom(g, Withheld{})}
	}
	for _, it := range g.Items {
		if it.Key == key {
			return &it
		}
	}
	return nil
}

func npsOf(g GroupJSON) *NPSJSON {
	if g.Suppressed {
		return &NPSJSON{Withheld: withheldFrom(g, Withheld{})}
	}
	return g.NPS
}

func choiceOf(g GroupJSON, key string) (ChoiceJSON, bool) {
	if g.Suppressed {
		return ChoiceJSON{Key: key, Withheld: withheldFrom(g, Withheld{})}, true
	}
	for _, ch := range g.Choices {
		if ch.Key == key {
			return ch, true
		}
	}
	return ChoiceJSON{}, false
}

func continuation(g GroupJSON) *ContinuationJSON {
	ch, ok := choiceOf(g, "continue")
	if !ok {
		return nil
	}
	out := &ContinuationJSON{Withheld: ch.Withheld}
	if f := ch.ChoiceFigures; f != nil {
		out.ContinuationFigures = &ContinuationFigures{N: f.N, Counts: f.Counts, Rate: rate(f.Counts["yes"], f.N)}
	}
	return out
}

// ranking orders the options of the multi-choice item key of group g.
func ranking(g GroupJSON, q *survey.Questionnaire, surveyID, key string) *RankingJSON {
	ch, ok := choiceOf(g, key)
	it, known := q.Item(key)
	if !ok || !known {
		return nil
	}
	out := &RankingJSON{SurveyID: surveyID, Item: key, Withheld: ch.Withheld}
	f := ch.ChoiceFigures
	if f == nil {
		return out
	}
	ranks := make([]Rank, len(it.Options))
	for i, o := range it.Options {
		ranks[i] = Rank{Option: o.Value, Count: f.Counts[o.Value], Share: rate(f.Counts[o.Value], f.N)}
	}
	slices.SortStableFunc(ranks, func(a, b Rank) int { return cmp.Compare(b.Count, a.Count) })
	for i := range ranks {
		ranks[i].Rank = i + 1
		if i > 0 && ranks[i].Count == ranks[i-1].Count {
			ranks[i].Rank = ranks[i-1].Rank
		}
	}
	out.RankingFigures = &RankingFigures{N: f.N, Ranking: ranks}
	return out
}

func dimensionsByRole(byRole ResultsJSON) []RoleDimensionsJSON {
	out := make([]RoleDimensionsJSON, 0, len(byRole.Groups))
	for _, g := range byRole.Groups {
		rd := RoleDimensionsJSON{Role: survey.Role(g.By["role"]), Withheld: withheldFrom(g, Withheld{})}
		if f := g.GroupFigures; f != nil {
			rd.N, rd.Dimensions = new(f.N), f.Dimensions
		}
		out = append(out, rd)
	}
	return out
}

// dimensionCell finds dimension d in the group of results r whose value of
// the breakdown is value: its withholding, or the group's.
func dimensionCell(r ResultsJSON, value, d string) Withheld {
	for _, g := range r.Groups {
		if g.By[r.Breakdown] != value && r.Breakdown != "" {
			continue
		}
		if g.Suppressed {
			return withheldFrom(g, Withheld{})
		}
		for _, dj := range g.Dimensions {
			if dj.Key == d {
				return dj.Withheld
			}
		}
	}
	return Withheld{}
}

// mentorVsMentee compares the roles on every dimension asked of both,
// where both are groups of their own in the results by role r.
func mentorVsMentee(r ResultsJSON, v *view, q *survey.Questionnaire) []ComparisonJSON {
	out := []ComparisonJSON{}
	mentor, mentee := roleGroup(v, survey.RoleMentor), roleGroup(v, survey.RoleMentee)
	for _, d := range sharedDimensions(q) {
		c := ComparisonJSON{Dimension: d}
		if mentor == nil || mentee == nil {
			c.Withheld = withhold(CodeRolesCombined, r.Threshold, "")
			out = append(out, c)
			continue
		}
		c.Withheld = firstWithheld(dimensionCell(r, string(survey.RoleMentor), d),
			dimensionCell(r, string(survey.RoleMentee), d))
		if !c.Suppressed {
			a, b := scores(mentor, d), scores(mentee, d)
			c.ComparisonFigures = &ComparisonFigures{Mentor: side(a), Mentee: side(b), Contrast: contrast(a, b)}
		}
		out = append(out, c)
	}
	return out
}

// roleGroup is the tally of role's own group in v's role breakdown, or nil
// where the role is shown as Other.
func roleGroup(v *view, role survey.Role) *tally {
	for _, g := range v.groups["role"] {
		if g.value == string(role) {
			return g.t
		}
	}
	return nil
}

// change compares each dimension's scores at the midpoint and at the end:
// unpaired always, paired where the program links phases and the pairs
// may be shown.
func change(c cohortMeta, mid, fin GroupJSON, midV, finV *view, pairs map[string]pairCounts) []ChangeJSON {
	out := []ChangeJSON{}
	for _, d := range survey.Dimensions {
		mw, fw := groupDimension(mid, d), groupDimension(fin, d)
		if mw == nil || fw == nil {
			continue // not asked in both surveys
		}
		ch := ChangeJSON{Dimension: d, Withheld: firstWithheld(*mw, *fw)}
		if !ch.Suppressed {
			a, b := scores(finV.all, d), scores(midV.all, d)
			ch.Method = MethodUnpaired
			ch.ChangeFigures = &ChangeFigures{Midpoint: side(b), Final: side(a), Contrast: contrast(a, b)}
			w := withhold(CodeAnonymousMode, c.policy.Threshold, "")
			if c.mode == survey.ModeConfidential {
				w = dimensionPairs(c, d, pairs[d], midV, finV)
			}
			if w.Suppressed {
				ch.PairedWithheld = &w
			} else {
				ch.Method, ch.Paired = MethodPaired, pairedScores(pairs[d])
			}
		}
		out = append(out, ch)
	}
	return out
}

// dimensionPairs says whether the midpoint/final pairs of dimension d may
// be shown: by the rule of the knowledge pairs (pairCode), over the
// respondents with a score.
func dimensionPairs(c cohortMeta, d string, pc pairCounts, mid, fin *view) Withheld {
	k := c.policy.Threshold
	np := 0
	for _, n := range pc {
		np += n
	}
	if np < k {
		return withhold(CodeFewAnswers, k, "")
	}
	for _, v := range []*view{mid, fin} {
		for _, cell := range v.cells {
			p := cell.dpaired[d]
			s, _ := cell.dimension(d, 0)
			if small(p, k) || small(s.total()-p, k) {
				return withhold(CodeComplement, k, "")
			}
		}
	}
	return Withheld{}
}

// pairedScores runs the paired t test over the counted pairs of patterns.
func pairedScores(pc pairCounts) *PairedChange {
	var before, after []float64
	for _, p := range slices.SortedFunc(maps.Keys(pc), comparePairs) {
		b, a := patternScore(p.before), patternScore(p.after)
		for range pc[p] {
			before, after = append(before, b), append(after, a)
		}
	}
	return &PairedChange{BeforeMean: Describe(before).Mean, AfterMean: Describe(after).Mean, Paired: PairedT(before, after)}
}

func comparePairs(a, b pair) int {
	return cmp.Or(cmp.Compare(a.before, b.before), cmp.Compare(a.after, b.after))
}

// patternScore is the score a dimension pattern stands for: the mean of
// the answers it holds.
func patternScore(p float64) float64 {
	var sum, n float64
	for code := int(p); code > 0; code /= patternBase {
		if digit := code % patternBase; digit > 0 {
			sum, n = sum+float64(digit), n+1
		}
	}
	return sum / n
}

// groupDimension is the withholding of dimension d in group g, or nil when
// g's survey does not ask d.
func groupDimension(g GroupJSON, d string) *Withheld {
	if g.Suppressed {
		return &g.Withheld
	}
	for _, dj := range g.Dimensions {
		if dj.Key == d {
			return &dj.Withheld
		}
	}
	return nil
}

// sharedDimensions are the dimensions of q with an item asked of both
// mentors and mentees, in reporting order.
func sharedDimensions(q *survey.Questionnaire) []string {
	var out []string
	for _, d := range survey.Dimensions {
		for _, it := range q.Items() {
			if it.Dimension == d && slices.Contains(it.Roles, survey.RoleMentor) && slices.Contains(it.Roles, survey.RoleMentee) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

func firstWithheld(ws ...Withheld) Withheld {
	for _, w := range ws {
		if w.Suppressed {
			return w
		}
	}
	return Withheld{}
}

// scores lists the respondents' scores of dimension d in t.
func scores(t *tally, d string) []float64 {
	if t == nil {
		return nil
	}
	s, _ := t.dimension(d, 0)
	return s.values()
}

func side(xs []float64) Side {
	s := Describe(xs)
	return Side{N: s.N, Mean: s.Mean, SD: s.SD, CI95: s.CI95}
}

// contrast compares a with b (a − b).
func contrast(a, b []float64) Contrast {
	var c Contrast
	if len(a) > 0 && len(b) > 0 {
		c.Difference = new(*Describe(a).Mean - *Describe(b).Mean)
	}
	c.Welch, c.HedgesG = WelchT(a, b), HedgesG(a, b)
	return c
}
