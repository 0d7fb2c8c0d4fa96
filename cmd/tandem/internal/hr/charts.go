package hr

import (
	"fmt"
	"math"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

// Charts are drawn here as inline SVG with presentation attributes and
// classes only (the Content-Security-Policy allows no style attribute).
// Every chart has a title and a description that say its figures in
// words, and the page shows the same figures as a table.

// Geometry of the 1–5 charts, in viewBox units: role labels on the left,
// the scale in the middle, the value on the right.
const (
	chartW    = 400.0
	plotX0    = 104.0
	plotX1    = 336.0
	valueX    = 344.0
	headH     = 26.0 // the axis labels above the first row
	labelH    = 18.0 // a dimension's label line
	rowH      = 20.0 // one bar
	groupGap  = 10.0
	barH      = 12.0
	dumbbellH = 22.0
)

// scaleX places a value of the 1–5 scale.
func scaleX(v float64) float64 {
	lo, hi, _ := survey.Likert5.Bounds()
	v = math.Max(float64(lo), math.Min(float64(hi), v))
	return r1(plotX0 + (v-float64(lo))/float64(hi-lo)*(plotX1-plotX0))
}

func r1(x float64) float64 { return math.Round(x*10) / 10 }

// tick is a line and a label of the scale.
type tick struct {
	X     float64
	Label string
}

func scaleTicks() []tick {
	lo, hi, _ := survey.Likert5.Bounds()
	var out []tick
	for v := lo; v <= hi; v++ {
		out = append(out, tick{X: scaleX(float64(v)), Label: fmt.Sprint(v)})
	}
	return out
}

// chart is one SVG: its accessible title and description, its height and
// what is drawn.
type chart struct {
	ID, Title, Desc string
	// Rows say each row's figures (or why they are withheld) in words,
	// for the list beside the chart.
	Rows     []string
	Drawn    int // rows with figures, not withheld
	Height   float64
	Ticks    []tick
	Labels   []svgText
	Bars     []svgBar
	Whiskers []svgWhisker
	Dots     []svgDot
	Lines    []svgLine
}

type svgText struct {
	X, Y        float64
	Text, Class string
	Anchor      string // start, end, middle
}

type svgBar struct {
	X, Y, W, H float64
	Class      string
}

type svgWhisker struct {
	X1, X2, Y, Y1, Y2 float64 // the line at Y, caps from Y1 to Y2
}

type svgDot struct {
	X, Y  float64
	Class string
}

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

func (c *chart) text(x, y float64, s, class, anchor string) {
	c.Labels = append(c.Labels, svgText{X: r1(x), Y: r1(y), Text: fit(s, maxLabel), Class: class, Anchor: anchor})
}

// maxLabel is about what fits across the chart at its font size; longer
// labels are shortened in the drawing (the text beside it has them whole).
const maxLabel = 56

func fit(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// series is one bar of a group in a 1–5 chart: a role's mean with its
// confidence interval, or why it is not shown.
type series struct {
	Label, Class string
	Mean         *float64
	CI           *analytics.Interval
	N            int
	Withheld     string
}

// group is the bars of one dimension or item.
type group struct {
	Label  string
	Series []series
}

// barChart draws groups of horizontal bars on the 1–5 scale with 95 %
// whiskers: the dimension scores by role.
func barChart(lang, id, title string, groups []group) chart {
	c := chart{ID: id, Title: title, Ticks: scaleTicks()}
	y := headH
	var desc []string
	for _, g := range groups {
		c.text(0, y+13, g.Label, "glabel", "start")
		y += labelH
		var parts []string
		for _, s := range g.Series {
			c.text(plotX0-6, y+barH-2, s.Label, "slabel", "end")
			if s.Withheld != "" || s.Mean == nil {
				c.text(plotX0, y+barH-2, msg(lang, "withheld"), "withheld", "start")
				parts = append(parts, strings.TrimPrefix(s.Label+": "+s.Withheld, ": "))
				y += rowH
				continue
			}
			c.Drawn++
			c.Bars = append(c.Bars, svgBar{X: plotX0, Y: r1(y), W: r1(scaleX(*s.Mean) - plotX0), H: barH, Class: s.Class})
			if s.CI != nil {
				c.Whiskers = append(c.Whiskers, svgWhisker{X1: scaleX(s.CI[0]), X2: scaleX(s.CI[1]), Y: r1(y + barH/2), Y1: r1(y + 1), Y2: r1(y + barH - 1)})
			}
			c.text(valueX, y+barH-2, number(lang, s.Mean, 1), "value", "start")
			parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s%s (n = %d)", s.Label, number(lang, s.Mean, 1), ciText(lang, s.CI), s.N)))
			y += rowH
		}
		desc = append(desc, g.Label+": "+strings.Join(parts, "; "))
		y += groupGap
	}
	c.Height = r1(y)
	c.Rows, c.Desc = desc, strings.Join(desc, ". ")
	return c
}

func ciText(lang string, ci *analytics.Interval) string {
	if ci == nil {
		return ""
	}
	lo, hi := ci[0], ci[1]
	return fmt.Sprintf(" [%s–%s]", number(lang, &lo, 1), number(lang, &hi, 1))
}

// change is one row of a before/after chart.
type change struct {
	Label         string
	Before, After *float64
	Note          string // the n or test, said after the values
	Withheld      string
}

// dumbbellChart draws each row's two means on the 1–5 scale, joined:
// half-time → final, or kick-off → final knowledge.
func dumbbellChart(lang, id, title string, rows []change) chart {
	c := chart{ID: id, Title: title, Ticks: scaleTicks()}
	y := headH
	var desc []string
	for _, r := range rows {
		c.text(0, y+13, r.Label, "glabel", "start")
		y += labelH
		if r.Withheld != "" || r.Before == nil || r.After == nil {
			why := r.Withheld
			if why == "" {
				why = "–"
			}
			c.text(plotX0, y+12, msg(lang, "withheld"), "withheld", "start")
			desc = append(desc, r.Label+": "+why)
			y += dumbbellH + groupGap
			continue
		}
		c.Drawn++
		cy := r1(y + 8)
		x1, x2 := scaleX(*r.Before), scaleX(*r.After)
		c.Lines = append(c.Lines, svgLine{X1: x1, Y1: cy, X2: x2, Y2: cy, Class: "link"})
		c.Dots = append(c.Dots, svgDot{X: x1, Y: cy, Class: "before"}, svgDot{X: x2, Y: cy, Class: "after"})
		values := number(lang, r.Before, 1) + " → " + number(lang, r.After, 1)
		c.text(valueX, cy+4, values, "value", "start")
		line := r.Label + ": " + values
		if r.Note != "" {
			line += " (" + r.Note + ")"
		}
		desc = append(desc, line)
		y += dumbbellH + groupGap
	}
	c.Height = r1(y)
	c.Rows, c.Desc = desc, strings.Join(desc, ". ")
	return c
}

// segment is one part of a stacked bar.
type segment struct {
	X, W  float64
	Class string
	Label string // the count, when the segment is wide enough
	LX    float64
}

// stacked is a 100 % bar of counts: the answers to an item, 1 to 5.
type stacked struct {
	ID, Title, Desc string
	Segments        []segment
}

// stackedBar splits a bar of width chartW by counts; classes name the
// colour of each part and labels its value for the description.
func stackedBar(id, title string, counts []int, classes, labels []string) stacked {
	s := stacked{ID: id, Title: title}
	total := 0
	for _, n := range counts {
		total += n
	}
	x := 0.0
	var desc []string
	for i, n := range counts {
		desc = append(desc, fmt.Sprintf("%s: %d", labels[i], n))
		if total == 0 || n == 0 {
			continue
		}
		w := float64(n) / float64(total) * chartW
		seg := segment{X: r1(x), W: r1(w), Class: classes[i], LX: r1(x + w/2)}
		if w >= 18 {
			seg.Label = fmt.Sprint(n)
		}
		s.Segments = append(s.Segments, seg)
		x += w
	}
	s.Desc = strings.Join(desc, ", ")
	return s
}

// rank is one bar of a ranking: an option and its share of respondents.
type rankBar struct {
	Label, Value string
	W            float64 // of the bar area, 0..chartW-value space
}

// rankChart draws a ranking as bars proportional to the share.
func rankChart(lang, id, title string, r *analytics.RankingFigures, label func(string) string) chart {
	c := chart{ID: id, Title: title}
	y := 4.0
	var desc []string
	for _, o := range r.Ranking {
		c.text(0, y+13, label(o.Option), "glabel", "start")
		y += labelH
		w := 0.0
		if o.Share != nil {
			w = *o.Share * (plotX1 - 0)
		}
		c.Bars = append(c.Bars, svgBar{X: 0, Y: r1(y), W: r1(math.Max(w, 1)), H: barH, Class: "rank"})
		v := fmt.Sprintf("%d (%s)", o.Count, percent(lang, o.Share))
		c.text(r1(math.Max(w, 1))+6, y+barH-2, v, "value", "start")
		desc = append(desc, label(o.Option)+": "+v)
		y += rowH
	}
	c.Drawn = len(r.Ranking)
	c.Height = r1(y + 4)
	c.Rows, c.Desc = desc, strings.Join(desc, "; ")
	return c
}
