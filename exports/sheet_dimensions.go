package exports

import (
	"slices"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// dimensionsHeader is the header row of the Dimensions table.
const dimensionsHeader = 4

// dimGroup is one column group of the Dimensions sheet: all respondents,
// or one role.
type dimGroup struct {
	label string
	role  survey.Role // "" for all respondents
	w     analytics.Withheld
	dims  []analytics.DimensionJSON
}

// writeDimensions shows the final survey's dimension scores for all
// respondents and by role, with a bar chart of the means.
func (b *book) writeDimensions() error {
	s := b.sheet(b.t("sheet.dimensions"))
	s.widths(36, 10, 10, 12, 12, 12, 10, 10, 12, 12, 10, 10, 12, 12, 10, 10, 12, 12)
	s.set(1, 1, cell{b.t("dimensions.title"), b.st.title})
	s.set(1, 2, cell{b.t("dimensions.note"), b.st.note})
	final, ok := b.data.surveyByPhase(b.data.summary.Surveys.Final)
	if !ok {
		s.set(1, dimensionsHeader, b.words(b.t("no_final")))
		s.finish(0, 0, 0, false)
		return s.err
	}
	groups := b.dimensionGroups(final.ID)
	dims := questionnaireDimensions(b.cat, survey.PhaseFinal)
	head := []cell{{b.t("dimension"), b.st.header}}
	for i, g := range groups {
		for _, k := range []string{"n", "mean", "ci_lo", "ci_hi"} {
			head = append(head, cell{g.label + ": " + b.t(k), b.st.header})
		}
		if i == 0 {
			head = append(head, cell{g.label + ": " + b.t("alpha"), b.st.header})
		}
	}
	s.row(dimensionsHeader, head...)
	for i, d := range dims {
		row := []cell{{b.dimension(d), b.st.text}}
		for j, g := range groups {
			row = append(row, b.dimensionCells(g, d, j == 0)...)
		}
		s.row(dimensionsHeader+1+i, row...)
	}
	last := dimensionsHeader + len(dims)
	// Why figures are withheld, under the table (the cells say "suppressed").
	for i, n := range b.notes {
		s.set(1, last+2+i, b.words(n))
	}
	block := chartBlock{title: b.t("chart.dimensions")}
	for _, g := range groups {
		block.series = append(block.series, g.label)
	}
	for _, d := range dims {
		r := chartRow{label: b.dimension(d)}
		for _, g := range groups {
			r.values = append(r.values, meanOf(g, d))
		}
		block.rows = append(block.rows, r)
	}
	b.chart(s, last+len(b.notes)+4, 1, block, excelize.Bar)
	b.notes = nil
	s.finish(dimensionsHeader, last, len(head), true)
	return s.err
}

// dimensionGroups are all respondents of survey id, then each role of the
// summary's dimensions by role.
func (b *book) dimensionGroups(id string) []dimGroup {
	all := dimGroup{label: b.t("all")}
	if r := b.data.overall[id]; len(r.Groups) > 0 {
		g := r.Groups[0]
		all.w = g.Withheld
		if g.GroupFigures != nil {
			all.dims = g.Dimensions
		}
	}
	out := []dimGroup{all}
	for _, rd := range b.data.summary.DimensionsByRole {
		if rd.Role == "" {
			continue // responses of erased participants keep no role
		}
		out = append(out, dimGroup{label: b.role(string(rd.Role)), role: rd.Role, w: rd.Withheld, dims: rd.Dimensions})
	}
	return out
}

// dimensionCells are n, mean and CI (and alpha for all respondents) of
// dimension d in group g, or words saying why not.
func (b *book) dimensionCells(g dimGroup, d string, alpha bool) []cell {
	width := 4
	if alpha {
		width = 5
	}
	where := b.t("sheet.dimensions") + " · " + g.label
	if g.w.Suppressed {
		b.addNote(g.label + ": " + b.withhold(where, b.dimension(d), g.w))
		return b.suppressedCells(width)
	}
	if g.role != "" && !askedOf(b.cat, survey.PhaseFinal, d, g.role) {
		return padCells([]cell{b.words(b.t("not_asked"))}, width)
	}
	i := slices.IndexFunc(g.dims, func(x analytics.DimensionJSON) bool { return x.Key == d })
	if i < 0 {
		return padCells([]cell{b.words(b.t("not_asked"))}, width)
	}
	dj := g.dims[i]
	if dj.Suppressed {
		b.addNote(g.label + " · " + b.dimension(d) + ": " + b.withhold(where, b.dimension(d), dj.Withheld))
		return b.suppressedCells(width)
	}
	f := dj.DimensionFigures
	out := []cell{{f.N, b.st.int}, num(f.Mean, b.st.mean), {}, {}}
	if f.CI95 != nil {
		out[2], out[3] = cell{f.CI95[0], b.st.mean}, cell{f.CI95[1], b.st.mean}
	}
	if alpha {
		out = append(out, num(f.Alpha, b.st.g))
	}
	return out
}

// meanOf is the mean of dimension d in g for the chart, nil when withheld
// or missing.
func meanOf(g dimGroup, d string) *float64 {
	if g.w.Suppressed {
		return nil
	}
	for _, dj := range g.dims {
		if dj.Key == d && dj.DimensionFigures != nil {
			return dj.Mean
		}
	}
	return nil
}

// withhold records a withheld figure for the Method sheet and returns why
// it is withheld, in words.
func (b *book) withhold(where, what string, w analytics.Withheld) string {
	why := b.reason(w)
	b.note(where, what, why)
	return why
}

// suppressedCells are width cells saying "suppressed": a withheld figure
// is said in words, never left blank; the reason goes in a note.
func (b *book) suppressedCells(width int) []cell {
	out := make([]cell, width)
	for i := range out {
		out[i] = b.words(b.t("suppressed"))
	}
	return out
}

func padCells(cs []cell, width int) []cell {
	for len(cs) < width {
		cs = append(cs, cell{})
	}
	return cs
}

// questionnaireDimensions are the dimensions phase p asks, in reporting
// order.
func questionnaireDimensions(cat *survey.Catalog, p survey.Phase) []string {
	q := cat.Phase(p)
	var out []string
	for _, d := range survey.Dimensions {
		if q != nil && slices.ContainsFunc(q.Items(), func(it survey.Item) bool { return it.Dimension == d }) {
			out = append(out, d)
		}
	}
	return out
}

// askedOf reports whether phase p asks role any item of dimension d.
func askedOf(cat *survey.Catalog, p survey.Phase, d string, role survey.Role) bool {
	q := cat.Phase(p)
	return q != nil && slices.ContainsFunc(q.Items(), func(it survey.Item) bool { return it.Dimension == d && it.AskedOf(role) })
}
