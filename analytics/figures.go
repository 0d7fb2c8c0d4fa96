package analytics

import (
	"slices"

	"tandem/survey"
)

// cells decides, figure by figure, which groups of a breakdown show it. A
// figure of a shown group rests on fewer answers than the group has
// responses (optional items, items asked of some roles only), so the
// threshold and the complement rule of Suppress apply to each figure again,
// across the groups of the breakdown, with the suppressed groups counted as
// withheld.
type cells struct {
	ts        []*tally
	withheld  []bool // the group is suppressed
	threshold int
	memo      map[string][]string // "kind/key" → reason per group
}

// reason returns why the figure kind/key of group i is withheld, or "".
// n says how many answers the figure rests on in a tally.
func (c *cells) reason(kind, key string, i int, n func(*tally) int) string {
	id := kind + "/" + key
	rs, ok := c.memo[id]
	if !ok {
		ns := make([]int, len(c.ts))
		for j, t := range c.ts {
			ns[j] = n(t)
		}
		rs = Suppress(ns, c.withheld, c.threshold, reasonFewAnswers(c.threshold))
		c.memo[id] = rs
	}
	return rs[i]
}

// groupFigures builds every figure of shown group i.
func groupFigures(q *survey.Questionnaire, c *cells, i int) *GroupFigures {
	t := c.ts[i]
	g := &GroupFigures{N: t.responses, Invited: t.invited, Opened: t.opened, Submitted: t.submitted,
		ResponseRate: rate(t.submitted, t.invited),
		Items:        []ItemJSON{}, Dimensions: []DimensionJSON{}, Choices: []ChoiceJSON{}, Comments: []CommentsJSON{}}
	items := q.Items()
	for _, it := range items {
		switch it.Type {
		case survey.Likert5, survey.Scale10:
			g.Items = append(g.Items, itemJSON(it, c, i))
			if it.Type == survey.Scale10 && g.NPS == nil {
				g.NPS = npsJSON(it.Key, c, i)
			}
		case survey.Single, survey.Multi:
			g.Choices = append(g.Choices, choiceJSON(it, c, i))
		case survey.Text:
			g.Comments = append(g.Comments, CommentsJSON{Key: it.Key, Texts: sortedTexts(t.texts[it.Key])})
		}
	}
	for _, d := range survey.Dimensions {
		k := 0
		for _, it := range items {
			if it.Dimension == d {
				k++
			}
		}
		if k > 0 {
			g.Dimensions = append(g.Dimensions, dimensionJSON(d, k, c, i))
		}
	}
	return g
}

func itemJSON(it survey.Item, c *cells, i int) ItemJSON {
	out := ItemJSON{Key: it.Key, Type: it.Type, Topic: it.Topic}
	if it.Dimension != "" {
		out.Dimension = new(it.Dimension)
	}
	r := c.reason("item", it.Key, i, func(t *tally) int { return t.values[it.Key].total() })
	if r != "" {
		out.Withheld = Withheld{Suppressed: true, Reason: r}
		return out
	}
	out.ItemFigures = itemFigures(it.Type, c.ts[i].values[it.Key])
	return out
}

// itemFigures describes the answers counted in v.
func itemFigures(typ survey.ItemType, v counts) *ItemFigures {
	xs := v.values()
	s := Describe(xs)
	lo, hi := 1, 5
	if typ == survey.Scale10 {
		lo, hi = 0, 10
		s.Top2Box = nil // 4 or 5 means nothing on a 0–10 scale
	}
	return &ItemFigures{Summary: s, Distribution: Distribution(xs, lo, hi)}
}

func npsJSON(key string, c *cells, i int) *NPSJSON {
	r := c.reason("item", key, i, func(t *tally) int { return t.values[key].total() })
	if r != "" {
		return &NPSJSON{Withheld: Withheld{Suppressed: true, Reason: r}}
	}
	nps := NPS(c.ts[i].values[key].values())
	return &NPSJSON{NPSResult: &nps}
}

func dimensionJSON(d string, k int, c *cells, i int) DimensionJSON {
	out := DimensionJSON{Key: d, Items: k}
	r := c.reason("dimension", d, i, func(t *tally) int { s, _ := t.dimension(d, k); return s.total() })
	if r != "" {
		out.Withheld = Withheld{Suppressed: true, Reason: r}
		return out
	}
	scores, complete := c.ts[i].dimension(d, k)
	out.DimensionFigures = &DimensionFigures{Summary: Describe(scores.values()), Alpha: CronbachAlpha(complete),
		AlphaN: len(complete)}
	return out
}

// sortedTexts lists the comments counted in c, each as often as it was
// written, sorted.
func sortedTexts(c map[string]int) []string {
	out := []string{}
	for text, n := range c {
		for range n {
			out = append(out, text)
		}
	}
	slices.Sort(out)
	return out
}

func choiceJSON(it survey.Item, c *cells, i int) ChoiceJSON {
	out := ChoiceJSON{Key: it.Key, Type: it.Type}
	r := c.reason("choice", it.Key, i, func(t *tally) int { return respondents(t.choices[it.Key]) })
	if r != "" {
		out.Withheld = Withheld{Suppressed: true, Reason: r}
		return out
	}
	ct := c.ts[i].choices[it.Key]
	f := &ChoiceFigures{N: respondents(ct), Counts: make(map[string]int, len(it.Options))}
	for _, o := range it.Options {
		if ct != nil {
			f.Counts[o.Value] = ct.ticks[o.Value]
		} else {
			f.Counts[o.Value] = 0
		}
	}
	out.ChoiceFigures = f
	return out
}

func respondents(c *choiceTally) int {
	if c == nil {
		return 0
	}
	return c.respondents
}
