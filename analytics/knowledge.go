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

// knowledgeGain builds the gain per topic from the views of the kick-off
// and final surveys (nil where a survey is missing or not published).
func knowledgeGain(c cohortMeta, cat *survey.Catalog, kickoff, final *view, pairs map[string]pairCounts) KnowledgeJSON {
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
		code := pairCode(it.Key, np, kickoff, final, k)
		if c.policy.Unprotected {
			code = pairReason(np, kickoff.all.values[it.Key].total(), final.all.values[it.Key].total(), k)
		}
		if code != "" {
			g.Withheld = withhold(code, k, "")
		} else {
			g.TopicGainFigures = gainFigures(pc)
		}
		out.Topics = append(out.Topics, g)
	}
	return out
}

// pairCode says why the pairs of item key (np of them) are withheld, or
// "". The pairs are a set of their own among each survey's answers to the
// item, published next to that survey's figures of it (overall and by
// group): every published group is a union of cells, so the pairs are
// safe when, in every cell of either survey, both the respondents in pairs
// and those outside hold none or at least the threshold. Then every set
// that adding and subtracting can make of groups and pairs is a union of
// such parts.
func pairCode(key string, np int, kickoff, final *view, k int) string {
	if np < k {
		return CodeFewAnswers
	}
	for _, v := range []*view{kickoff, final} {
		for _, c := range v.cells {
			p := c.paired[key]
			if small(p, k) || small(c.values[key].total()-p, k) {
				return CodeComplement
			}
		}
	}
	return ""
}

// pairReason is the rule of the first release, for the unprotected
// publication: Suppress over the pairs and the respondents of each survey
// outside them, overall only.
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
