package analytics

import (
	"cmp"
	"slices"

	"tandem/survey"
)

// KnowledgeJSON is the pre/post knowledge gain per topic: each respondent's
// kick-off rating paired with their final rating of the same topic, through
// the pseudonymous respondent key. Where no pairs can exist (anonymous
// mode, or no closed kick-off or final survey) Topics is null and the
// withholding says why.
type KnowledgeJSON struct {
	Withheld
	Topics []TopicGainJSON `json:"topics"`
}

// TopicGainJSON is the knowledge gain of one topic. It is withheld when
// fewer than threshold respondents form pairs, and also when the
// respondents of either survey who are not in a pair would be a small
// group that the published item figures let one work out.
type TopicGainJSON struct {
	Topic string `json:"topic"`
	Item  string `json:"item"`
	Withheld
	*TopicGainFigures
}

// TopicGainFigures are the paired t test of final − kick-off (N is the
// number of pairs) and the means of both ratings over the pairs.
type TopicGainFigures struct {
	BeforeMean *float64 `json:"before_mean"`
	AfterMean  *float64 `json:"after_mean"`
	Paired
}

// topicItems are the knowledge ratings asked both at kick-off and at the
// end, in the final questionnaire's order.
func topicItems(cat *survey.Catalog) []survey.Item {
	var out []survey.Item
	for _, it := range questionnaire(cat, survey.PhaseFinal).Items() {
		if _, ok := questionnaire(cat, survey.PhaseKickoff).Item(it.Key); ok && it.Topic != "" {
			out = append(out, it)
		}
	}
	return out
}

// knowledgeGain builds the gain per topic. kickoff and final are the
// overall tallies of the two surveys (for the respondents outside pairs).
func knowledgeGain(c cohortMeta, cat *survey.Catalog, kickoff, final *tally, pairs map[string]pairCounts) KnowledgeJSON {
	k := c.policy.Threshold
	switch {
	case c.mode != survey.ModeConfidential:
		return KnowledgeJSON{Withheld: withhold(CodeAnonymousMode, k, "")}
	case kickoff == nil || final == nil:
		return KnowledgeJSON{Withheld: withhold(CodeNeedsSurveys, k, "")}
	}
	out := KnowledgeJSON{Topics: []TopicGainJSON{}}
	for _, it := range topicItems(cat) {
		g := TopicGainJSON{Topic: it.Topic, Item: it.Key}
		pc := pairs[it.Key]
		np := 0
		for _, n := range pc {
			np += n
		}
		if code := pairReason(np, kickoff.values[it.Key].total(), final.values[it.Key].total(), k); code != "" {
			g.Withheld = withhold(code, k, "")
		} else {
			g.TopicGainFigures = gainFigures(pc)
		}
		out.Topics = append(out.Topics, g)
	}
	return out
}

// pairReason applies Suppress to the pairs and the respondents of each
// survey left outside them: published next to the item's overall figures,
// a pair set would let those few be worked out.
func pairReason(pairs, before, after, threshold int) string {
	for _, total := range []int{before, after} {
		rs := Suppress([]int{pairs, total - pairs}, nil, threshold, CodeFewAnswers)
		if rs[0] != "" {
			return rs[0]
		}
	}
	return ""
}

// gainFigures runs the paired t test over the counted pairs.
func gainFigures(pc pairCounts) *TopicGainFigures {
	ps := make([]pair, 0, len(pc))
	for p := range pc {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b pair) int {
		return cmp.Or(cmp.Compare(a.before, b.before), cmp.Compare(a.after, b.after))
	})
	var before, after []float64
	for _, p := range ps {
		for range pc[p] {
			before, after = append(before, p.before), append(after, p.after)
		}
	}
	return &TopicGainFigures{BeforeMean: Describe(before).Mean, AfterMean: Describe(after).Mean,
		Paired: PairedT(before, after)}
}
