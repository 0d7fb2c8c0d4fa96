package analytics

import (
	"cmp"
	"slices"

	"tandem/survey"
)

// KnowledgeJSON is the knowledge gain per topic, from the kick-off to the
// final survey. Without a closed kick-off and a closed final survey Topics
// is null and the withholding says why.
type KnowledgeJSON struct {
	Withheld
	Topics []TopicGainJSON `json:"topics"`
}

// The methods of a knowledge gain.
const (
	// MethodPaired pairs each respondent's kick-off rating with their own
	// final rating, through the pseudonymous respondent key: the strongest
	// evidence.
	MethodPaired = "paired"
	// MethodUnpaired compares the ratings of everyone who answered the
	// kick-off with those of everyone who answered the final survey, as
	// independent samples (Welch): the figures of both phases are
	// published anyway.
	MethodUnpaired = "unpaired"
)

// TopicGainJSON is the knowledge gain of one topic: paired where the pairs
// may be shown (TopicGainFigures), otherwise unpaired where both phases'
// figures of the item are shown (Unpaired, with PairedWithheld saying why
// not paired), otherwise withheld.
type TopicGainJSON struct {
	Topic  string `json:"topic"`
	Item   string `json:"item"`
	Method string `json:"method,omitempty"` // MethodPaired or MethodUnpaired; empty when withheld
	Withheld
	*TopicGainFigures
	Unpaired       *UnpairedGain `json:"unpaired,omitempty"`
	PairedWithheld *Withheld     `json:"paired_withheld,omitempty"`
}

// UnpairedGain compares all kick-off ratings of a topic with all final
// ones: final − kick-off.
type UnpairedGain struct {
	Before Side `json:"before"`
	After  Side `json:"after"`
	Contrast
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
	if kickoff == nil || final == nil {
		return KnowledgeJSON{Withheld: withhold(CodeNeedsSurveys, k, "")}
	}
	out := KnowledgeJSON{Topics: []TopicGainJSON{}}
	for _, it := range topicItems(cat) {
		g := TopicGainJSON{Topic: it.Topic, Item: it.Key}
		paired := withhold(CodeAnonymousMode, k, "")
		if c.mode == survey.ModeConfidential {
			paired = pairedGain(c, it.Key, pairs[it.Key], kickoff, final)
		}
		if !paired.Suppressed {
			g.Method, g.TopicGainFigures = MethodPaired, gainFigures(pairs[it.Key])
			out.Topics = append(out.Topics, g)
			continue
		}
		if u, w := unpairedGain(it.Key, kickoff, final); u != nil {
			g.Method, g.Unpaired, g.PairedWithheld = MethodUnpaired, u, &paired
		} else {
			g.Withheld = w
		}
		out.Topics = append(out.Topics, g)
	}
	return out
}

// pairedGain says whether the pairs of item key may be shown.
func pairedGain(c cohortMeta, key string, pc pairCounts, kickoff, final *view) Withheld {
	k := c.policy.Threshold
	np := 0
	for _, n := range pc {
		np += n
	}
	code := pairCode(key, np, kickoff, final, k)
	if c.policy.Unprotected {
		code = pairReason(np, kickoff.all.values[key].total(), final.all.values[key].total(), k)
	}
	if code != "" {
		return withhold(code, k, "")
	}
	return Withheld{}
}

// unpairedGain compares the overall figures of item key in both surveys,
// where both are shown; otherwise it says why not.
func unpairedGain(key string, kickoff, final *view) (*UnpairedGain, Withheld) {
	codes := []string{CodeFewAnswers, CodePartial}
	for _, v := range []*view{kickoff, final} {
		if w := v.withheld("item/"+key, codes, "", 0, answers(key)); w.Suppressed {
			return nil, w
		}
	}
	before, after := kickoff.all.values[key].values(), final.all.values[key].values()
	if len(before) == 0 || len(after) == 0 {
		return nil, withhold(CodeFewAnswers, kickoff.threshold, "")
	}
	return &UnpairedGain{Before: side(before), After: side(after), Contrast: contrast(after, before)}, Withheld{}
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
