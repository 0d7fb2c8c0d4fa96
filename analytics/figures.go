package analytics

import (
	"crypto/sha256"
	"slices"

	"tandem/survey"
)

// groupFigures builds every figure of group i of breakdown by (by "" for
// the whole survey), whose tally is t, as the view allows.
func groupFigures(q *survey.Questionnaire, v *view, t *tally, by string, i int) *GroupFigures {
	g := &GroupFigures{N: t.responses, Invited: t.invited, Opened: t.opened, Submitted: t.submitted,
		ResponseRate: rate(t.submitted, t.invited),
		Items:        []ItemJSON{}, Dimensions: []DimensionJSON{}, Choices: []ChoiceJSON{}, Comments: []CommentsJSON{}}
	f := figures{v: v, t: t, by: by, i: i}
	items := q.Items()
	for _, it := range items {
		switch it.Type {
		case survey.Likert5, survey.Scale10:
			g.Items = append(g.Items, f.item(it))
			if it.Type == survey.Scale10 && g.NPS == nil {
				g.NPS = f.nps(it.Key)
			}
		case survey.Single, survey.Multi:
			g.Choices = append(g.Choices, f.choice(it))
		case survey.Text:
			g.Comments = append(g.Comments, f.comments(q, it))
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
			g.Dimensions = append(g.Dimensions, f.dimension(d, k))
		}
	}
	return g
}

// figures builds the figures of one group.
type figures struct {
	v  *view
	t  *tally
	by string
	i  int
}

func (f figures) withheld(id string, ms ...measure) Withheld {
	return f.v.withheld(id, []string{CodeFewAnswers, CodePartial}, f.by, f.i, ms...)
}

func answers(key string) measure { return func(t *tally) int { return t.values[key].total() } }

func (f figures) item(it survey.Item) ItemJSON {
	out := ItemJSON{Key: it.Key, Type: it.Type, Topic: it.Topic}
	if it.Dimension != "" {
		out.Dimension = new(it.Dimension)
	}
	if out.Withheld = f.withheld("item/"+it.Key, answers(it.Key)); !out.Suppressed {
		out.ItemFigures = itemFigures(it.Type, f.t.values[it.Key])
	}
	return out
}

// itemFigures describes the answers counted in v.
func itemFigures(typ survey.ItemType, v counts) *ItemFigures {
	xs := v.values()
	s := Describe(xs)
	lo, hi, _ := typ.Bounds()
	if typ == survey.Scale10 {
		s.Top2Box = nil // 4 or 5 means nothing on a 0–10 scale
	}
	return &ItemFigures{Summary: s, Distribution: Distribution(xs, lo, hi)}
}

func (f figures) nps(key string) *NPSJSON {
	out := &NPSJSON{Withheld: f.withheld("item/"+key, answers(key))}
	if !out.Suppressed {
		nps := NPS(f.t.values[key].values())
		out.NPSResult = &nps
	}
	return out
}

func (f figures) dimension(d string, k int) DimensionJSON {
	out := DimensionJSON{Key: d, Items: k}
	scored := func(t *tally) int { s, _ := t.dimension(d, k); return s.total() }
	partial := func(t *tally) int { return t.partial(d, k) }
	if out.Withheld = f.withheld("dimension/"+d, scored, partial); out.Suppressed {
		return out
	}
	scores, complete := f.t.dimension(d, k)
	df := &DimensionFigures{Summary: Describe(scores.values()), AlphaN: len(complete)}
	// Alpha rests on the respondents who answered every item: a figure of
	// its own, shown only where they are at least the threshold.
	if len(complete) >= f.v.threshold || f.v.pub.policy.Unprotected {
		df.Alpha = CronbachAlpha(complete)
	}
	out.DimensionFigures = df
	return out
}

func (f figures) choice(it survey.Item) ChoiceJSON {
	out := ChoiceJSON{Key: it.Key, Type: it.Type}
	chose := func(t *tally) int { return respondents(t.choices[it.Key]) }
	if out.Withheld = f.withheld("choice/"+it.Key, chose); out.Suppressed {
		return out
	}
	ct := f.t.choices[it.Key]
	cf := &ChoiceFigures{N: respondents(ct), Counts: make(map[string]int, len(it.Options))}
	for _, o := range it.Options {
		cf.Counts[o.Value] = 0
		if ct != nil {
			cf.Counts[o.Value] = ct.ticks[o.Value]
		}
	}
	out.ChoiceFigures = cf
	return out
}

func (f figures) comments(q *survey.Questionnaire, it survey.Item) CommentsJSON {
	out := CommentsJSON{Key: it.Key, Texts: []string{}}
	if out.Withheld = f.v.commentsWithheld(it, f.by, f.i); !out.Suppressed {
		out.Texts = shuffledTexts(f.t.texts[it.Key])
	}
	return out
}

// shuffledTexts lists the comments counted in c, each as often as it was
// written, in the order of a hash of their text: an order that looks
// random, says nothing about who wrote them or when, and stays the same
// from one look to the next.
func shuffledTexts(c map[string]int) []string {
	out := []string{}
	for text, n := range c {
		for range n {
			out = append(out, text)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
		if c := slices.Compare(ha[:], hb[:]); c != 0 {
			return c
		}
		return 0
	})
	return out
}

func respondents(c *choiceTally) int {
	if c == nil {
		return 0
	}
	return c.respondents
}
