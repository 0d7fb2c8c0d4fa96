package demo

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"tandem/survey"
)

// answerer fills in the questionnaire of one survey for its respondents.
type answerer struct {
	rng   *rand.Rand
	phase survey.Phase
	texts *deck
}

func newAnswerer(rng *rand.Rand, phase survey.Phase) *answerer {
	return &answerer{rng: rng, phase: phase, texts: newDeck(rng)}
}

// form returns the values r would post: item keys to "1".."5", "0".."10",
// option values or text. Skipped items are absent.
func (a *answerer) form(q *survey.Questionnaire, r *respondent) url.Values {
	v := url.Values{}
	for _, sec := range q.For(r.role) {
		for _, it := range sec.Items {
			if vals := a.item(it, r, v); len(vals) > 0 {
				v[it.Key] = vals
			}
		}
	}
	return v
}

func (a *answerer) item(it survey.Item, r *respondent, sofar url.Values) []string {
	if it.Type == survey.Text {
		return a.text(it.Key, r, sofar)
	}
	skip := r.skipRate
	if it.Type != survey.Likert5 {
		skip += 0.03
	}
	if !it.Required && a.rng.Float64() < skip {
		return nil // missing, not zero
	}
	switch {
	case it.Dimension != "":
		return []string{likert(a.dimension(it.Dimension, r))}
	case it.Topic != "" && strings.HasPrefix(it.Key, "teach_"):
		return []string{likert(a.skill(it.Topic, r))}
	case it.Topic != "":
		return []string{likert(a.knowledge(it.Topic, r))}
	}
	n := a.rng.NormFloat64()
	switch it.Key {
	case "overall_satisfaction":
		return []string{likert(r.benefit + 0.65 + phaseShift[a.phase] + 0.45*n)}
	case "recommend":
		return []string{strconv.Itoa(clamp(8.7+1.6*(r.benefit-4)+0.9*n, 0, 10))}
	case "session_useful":
		if sofar.Get("session_held") != "yes" {
			return nil
		}
		return []string{likert(r.benefit + 0.1 + 0.6*n)}
	}
	return a.choice(it, r, sofar, n)
}

// choice answers the single- and multi-choice items; n is a normal draw
// the likert fallback uses.
func (a *answerer) choice(it survey.Item, r *respondent, sofar url.Values, n float64) []string {
	switch it.Key {
	case "continue":
		return []string{a.continuation(r)}
	case "top_benefits":
		w := benefitWeights[r.role]
		return weighted(a.rng, it.Options, func(v string) float64 { return w[v] + 0.5 }, count(a.rng, 1, 0.25, 0.45, 0.30))
	case "topics":
		return weighted(a.rng, it.Options, topicPopularity, count(a.rng, 2, 0.35, 0.40, 0.25))
	case "learn_topics":
		return weighted(a.rng, it.Options, learnWeight(r), count(a.rng, 1, 0.3, 0.45, 0.25))
	case "availability":
		w := map[string]float64{"weekday_morning": 2, "weekday_midday": 3, "weekday_afternoon": 2, "flexible": 1}
		return weighted(a.rng, it.Options, func(v string) float64 { return w[v] }, count(a.rng, 1, 0.5, 0.35, 0.15))
	case "avoid_own_department":
		return []string{pick(a.rng, it.Options, map[string]float64{"yes": 0.35, "no": 0.65})}
	case "format":
		w := map[string]float64{"lunch": 3, "regular_meeting": 3, "one_to_one_pc": 2, "remote": 1.5}
		if r.region == uk {
			w["remote"] = 3
		}
		return []string{pick(a.rng, it.Options, w)}
	case "frequency":
		return []string{pick(a.rng, it.Options, map[string]float64{"weekly": 2, "biweekly": 5, "monthly": 3})}
	case "session_held":
		if a.rng.Float64() < 0.88 {
			return []string{"yes"}
		}
		return []string{"no"}
	case "session_topic":
		if sofar.Get("session_held") != "yes" {
			return nil
		}
		return weighted(a.rng, it.Options, topicPopularity, 1)
	}
	switch it.Type {
	case survey.Likert5:
		return []string{likert(r.benefit + 0.6*n)}
	case survey.Single:
		return []string{pick(a.rng, it.Options, nil)}
	}
	return nil
}

var benefitWeights = map[survey.Role]map[string]float64{
	survey.RoleMentee: {"perspective_change": 5, "knowledge_transfer": 6, "new_areas": 2, "personal_contact": 4},
	survey.RoleMentor: {"perspective_change": 5, "knowledge_transfer": 3, "new_areas": 5, "personal_contact": 4},
	survey.RolePeer:   {"perspective_change": 5, "knowledge_transfer": 4, "new_areas": 3, "personal_contact": 5},
}

func (a *answerer) dimension(d string, r *respondent) float64 {
	return r.benefit + dimShift[d] + roleShift[r.role][d] + phaseShift[a.phase] + r.dims[d] +
		0.55*a.rng.NormFloat64()
}

// knowledge is the self-rated knowledge of a topic: the prior at kick-off,
// the prior plus a gain that grows with the benefit at the end.
func (a *answerer) knowledge(key string, r *respondent) float64 {
	t, ok := topicOf(key)
	if !ok {
		t = topic{key: key, prior: 2.5, gain: 0.8}
	}
	x, ok := r.prior[key]
	if !ok {
		x = t.prior
	}
	if a.phase == survey.PhaseFinal {
		x += t.gain * (1 + 0.3*(r.benefit-4))
	}
	return x + 0.35*a.rng.NormFloat64()
}

// continuation: members of a tandem that goes on mostly say so; the others
// are mostly undecided.
func (a *answerer) continuation(r *respondent) string {
	u := a.rng.Float64()
	switch {
	case r.tandem.continues && u < 0.92, !r.tandem.continues && u < 0.1:
		return "yes"
	case r.tandem.continues || u < 0.6:
		return "undecided"
	}
	return "no"
}

// textShare is how often each free-text item gets an answer.
var textShare = map[string]float64{
	"went_well": 0.3, "improve": 0.25, "expectations": 0.4, "goals": 0.3, "session_note": 0.2,
}

func (a *answerer) text(key string, r *respondent, sofar url.Values) []string {
	if a.rng.Float64() >= textShare[key] {
		return nil
	}
	if key == "session_note" && sofar.Get("session_held") != "yes" {
		return nil
	}
	if t, ok := a.texts.next(key, r.lang()); ok {
		return []string{t}
	}
	return nil
}
