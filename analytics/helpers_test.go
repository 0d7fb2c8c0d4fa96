package analytics

import (
	"errors"

	"tandem/survey"
	"testing"
)

// item finds the item key of a shown group, or fails.
func item(t *testing.T, g GroupJSON, key string) ItemJSON {
	t.Helper()
	if g.GroupFigures == nil {
		t.Fatalf("group %v is suppressed", g.By)
	}
	for _, it := range g.Items {
		if it.Key == key {
			if !it.Suppressed && it.ItemFigures == nil {
				t.Fatalf("item %s is neither shown nor withheld", key)
			}
			return it
		}
	}
	t.Fatalf("group %v has no item %s", g.By, key)
	return ItemJSON{}
}

func dimension(t *testing.T, g GroupJSON, key string) DimensionJSON {
	t.Helper()
	for _, d := range g.Dimensions {
		if d.Key == key {
			if d.DimensionFigures == nil {
				t.Fatalf("dimension %s of %v is withheld: %s", key, g.By, d.Reason)
			}
			return d
		}
	}
	t.Fatalf("group %v has no dimension %s", g.By, key)
	return DimensionJSON{}
}

func choice(t *testing.T, g GroupJSON, key string) ChoiceJSON {
	t.Helper()
	for _, c := range g.Choices {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("group %v has no choice item %s", g.By, key)
	return ChoiceJSON{}
}

func comments(g GroupJSON, key string) []string {
	for _, c := range g.Comments {
		if c.Key == key {
			return c.Texts
		}
	}
	return nil
}

// checkItem compares the figures of a shown item with hand-computed ones.
func checkItem(t *testing.T, it ItemJSON, n int, mean, sd float64, ci [2]float64, median, top2 float64, dist map[string]int) {
	t.Helper()
	if it.ItemFigures == nil {
		t.Fatalf("%s: withheld (%s)", it.Key, it.Reason)
	}
	if it.N != n {
		t.Errorf("%s n: got %d, want %d", it.Key, it.N, n)
	}
	checkNullable(t, it.Key+" mean", it.Mean, &mean)
	checkNullable(t, it.Key+" sd", it.SD, &sd)
	checkInterval(t, it.Key+" ci95", it.CI95, new(Interval(ci)))
	checkNullable(t, it.Key+" median", it.Median, &median)
	checkNullable(t, it.Key+" top2box", it.Top2Box, &top2)
	for k, want := range dist {
		if it.Distribution[k] != want {
			t.Errorf("%s distribution[%s]: got %d, want %d", it.Key, k, it.Distribution[k], want)
		}
	}
	if len(it.Distribution) != len(dist) {
		t.Errorf("%s distribution: got %v, want %v", it.Key, it.Distribution, dist)
	}
}

func checkChoice(t *testing.T, g GroupJSON, key string, n int, counts map[string]int) {
	t.Helper()
	c := choice(t, g, key)
	if c.ChoiceFigures == nil {
		t.Fatalf("%s: withheld (%s)", key, c.Reason)
	}
	if c.N != n || len(c.Counts) != len(counts) {
		t.Errorf("%s: got n %d counts %v, want %d %v", key, c.N, c.Counts, n, counts)
	}
	for k, want := range counts {
		if c.Counts[k] != want {
			t.Errorf("%s[%s]: got %d, want %d", key, k, c.Counts[k], want)
		}
	}
}

func checkSuppressed(t *testing.T, g GroupJSON, code string) {
	t.Helper()
	if !g.Suppressed || g.Code != code || g.GroupFigures != nil {
		t.Errorf("group %v: got suppressed %v %q (figures %v), want suppressed %q and no figures",
			g.By, g.Suppressed, g.Code, g.GroupFigures != nil, code)
	}
}

// checkNoSmallRemainder plays the attacker on a breakdown: for the groups'
// n and every item, dimension, choice and NPS, it subtracts the shown
// groups from the shown total and requires the remainder to be nobody or
// at least the threshold.
func checkNoSmallRemainder(t *testing.T, whole, parts ResultsJSON) {
	t.Helper()
	g0 := whole.Groups[0]
	if g0.Suppressed {
		return
	}
	cells := map[string]int{"items": len(g0.Items), "dimensions": len(g0.Dimensions), "choices": len(g0.Choices), "nps": 1, "n": 1}
	for kind, count := range cells {
		for i := range count {
			total, shown := cellN(g0, kind, i)
			if !shown {
				continue // nothing published to subtract from
			}
			rest := total
			for _, g := range parts.Groups {
				if n, shown := cellN(g, kind, i); shown {
					rest -= n
				}
			}
			if rest > 0 && rest < whole.Threshold {
				t.Errorf("by %s, %s[%d]: the shown groups leave %d of %d to be worked out", parts.Breakdown, kind, i, rest, total)
			}
		}
	}
}

// cellN is the n of figure i of a kind in group g, and whether it is shown.
// A withheld figure has no n (its figures are a nil pointer).
func cellN(g GroupJSON, kind string, i int) (int, bool) {
	if g.Suppressed {
		return 0, false
	}
	switch kind {
	case "items":
		if it := g.Items[i]; !it.Suppressed {
			return it.N, true
		}
	case "dimensions":
		if d := g.Dimensions[i]; !d.Suppressed {
			return d.N, true
		}
	case "choices":
		if c := g.Choices[i]; !c.Suppressed {
			return c.N, true
		}
	case "nps":
		if g.NPS != nil && !g.NPS.Suppressed {
			return g.NPS.N, true
		}
	case "n":
		return g.N, true
	}
	return 0, false
}

func asError(err error, target **survey.Error) bool { return errors.As(err, target) }
