package exports

import (
	"fmt"
	"github.com/xuri/excelize/v2"

	"tandem/analytics"
)

// changeHeader is the header row of the first table of the Change sheet.
const changeHeader = 4

// chartBlock is a range of means for a chart: categories in the first
// column, one series per further column. The chart reads this block rather
// than the table above it, because a withheld mean must be an empty cell
// here: the words in the table would be drawn as zero bars.
type chartBlock struct {
	title  string
	series []string
	rows   []chartRow
}

type chartRow struct {
	label  string
	values []*float64
}

// writeChange shows half-time → final, mentors vs mentees and the
// knowledge gain per topic, with charts of the means.
func (b *book) writeChange() error {
	s := b.sheet(b.t("sheet.change"))
	s.widths(36, 12, 14, 12, 14, 12, 10, 10, 40)
	s.set(1, 1, cell{b.t("change.title"), b.st.title})
	sum := b.data.summary
	where := b.t("sheet.change")

	s.set(1, changeHeader-1, cell{b.t("change.mid"), b.st.heading})
	s.row(changeHeader, b.headers("dimension", "midpoint_n", "midpoint_mean", "final_n", "final_mean", "difference", "p", "g", "note")...)
	row := changeHeader
	mid := chartBlock{title: b.t("chart.change"), series: []string{b.phase("midpoint"), b.phase("final")}}
	if sum.Surveys.Midpoint == nil || sum.Surveys.Final == nil {
		row++
		s.set(1, row, b.words(b.t("needs_mid_final")))
	}
	for _, c := range sum.MidpointToFinal {
		row++
		lead := cell{b.dimension(c.Dimension), b.st.text}
		if c.Suppressed {
			s.row(row, b.withheldRow(lead, where, c.Withheld, 7)...)
			mid.rows = append(mid.rows, chartRow{label: b.dimension(c.Dimension), values: []*float64{nil, nil}})
			continue
		}
		s.row(row, append([]cell{lead}, b.contrastCells(c.Midpoint, c.Final, c.Contrast)...)...)
		mid.rows = append(mid.rows, chartRow{b.dimension(c.Dimension), []*float64{c.Midpoint.Mean, c.Final.Mean}})
	}
	firstLast := row

	row += 3
	s.set(1, row-1, cell{b.t("change.roles"), b.st.heading})
	s.row(row, b.headers("dimension", "mentor_n", "mentor_mean", "mentee_n", "mentee_mean", "difference", "p", "g", "note")...)
	if sum.Surveys.Final == nil {
		row++
		s.set(1, row, b.words(b.t("no_final")))
	}
	for _, c := range sum.MentorVsMentee {
		row++
		lead := cell{b.dimension(c.Dimension), b.st.text}
		if c.Suppressed {
			s.row(row, b.withheldRow(lead, where, c.Withheld, 7)...)
			continue
		}
		s.row(row, append([]cell{lead}, b.contrastCells(c.Mentor, c.Mentee, c.Contrast)...)...)
	}

	row += 3
	know := chartBlock{title: b.t("chart.knowledge"), series: []string{b.t("before"), b.t("after")}}
	row = b.knowledgeTable(s, row, &know)

	row = b.chart(s, row+4, 1, mid, excelize.Bar)
	b.chart(s, row+4, 1, know, excelize.Bar)
	s.finish(0, 0, 0, false)
	if s.err == nil && firstLast > changeHeader {
		s.err = b.f.AutoFilter(s.name, rangeRef(1, changeHeader, 9, firstLast), nil)
		if s.err == nil {
			s.err = printSetup(b.f, s.name)
		}
	}
	return s.err
}

// knowledgeTable writes the knowledge gain per topic from row (the row
// above its header) and returns its last row.
func (b *book) knowledgeTable(s *sheet, row int, block *chartBlock) int {
	kg := b.data.summary.KnowledgeGain
	s.set(1, row-1, cell{b.t("change.knowledge"), b.st.heading})
	s.row(row, b.headers("topic", "method", "n", "before", "after", "gain", "ci_lo", "ci_hi", "p", "note")...)
	if kg.Topics == nil {
		row++
		s.set(1, row, b.words(b.reason(kg.Withheld)))
		return row
	}
	for _, tg := range kg.Topics {
		row++
		lead := cell{b.topic(tg.Topic), b.st.text}
		switch {
		case tg.TopicGainFigures != nil:
			f := tg.TopicGainFigures
			cs := []cell{lead, {b.t("method." + tg.Method), b.st.text}, {fmt.Sprint(f.N), b.st.text},
				num(f.BeforeMean, b.st.mean), num(f.AfterMean, b.st.mean), num(f.MeanDiff, b.st.g), {}, {}, {}}
			if f.CI95 != nil {
				cs[6], cs[7] = cell{f.CI95[0], b.st.g}, cell{f.CI95[1], b.st.g}
			}
			if f.Test != nil {
				cs[8] = cell{f.Test.P, b.st.p}
			}
			s.row(row, cs...)
			block.rows = append(block.rows, chartRow{b.topic(tg.Topic), []*float64{f.BeforeMean, f.AfterMean}})
		case tg.Unpaired != nil:
			u := tg.Unpaired
			cs := []cell{lead, {b.t("method." + tg.Method), b.st.text}, {fmt.Sprintf("%d / %d", u.Before.N, u.After.N), b.st.text},
				num(u.Before.Mean, b.st.mean), num(u.After.Mean, b.st.mean), num(u.Difference, b.st.g), {}, {}, {}}
			if u.Welch != nil {
				cs[8] = cell{u.Welch.P, b.st.p}
			}
			if tg.PairedWithheld != nil {
				cs = append(cs, b.words(b.t("unpaired.because")+" "+b.reason(*tg.PairedWithheld)))
			}
			s.row(row, cs...)
			block.rows = append(block.rows, chartRow{b.topic(tg.Topic), []*float64{u.Before.Mean, u.After.Mean}})
		default:
			s.row(row, b.withheldRow(lead, b.t("sheet.change"), tg.Withheld, 8)...)
			block.rows = append(block.rows, chartRow{b.topic(tg.Topic), []*float64{nil, nil}})
		}
	}
	return row
}

// contrastCells are n and mean of both sides, then difference, p and g.
func (b *book) contrastCells(a, c analytics.Side, k analytics.Contrast) []cell {
	out := []cell{{a.N, b.st.int}, num(a.Mean, b.st.mean), {c.N, b.st.int}, num(c.Mean, b.st.mean),
		num(k.Difference, b.st.g), {}, num(k.HedgesG, b.st.g)}
	if k.Welch != nil {
		out[5] = cell{k.Welch.P, b.st.p}
	}
	return out
}

// chart writes block from row top at column col with a chart of type typ
// beside it, and returns the last row either covers. A block without any
// value gets no chart.
func (b *book) chart(s *sheet, top, col int, block chartBlock, typ excelize.ChartType) int {
	if !block.hasValues() {
		return top
	}
	s.set(col, top-1, cell{b.t("chart.data"), b.st.note})
	s.set(col, top, cell{"", b.st.header})
	for j, name := range block.series {
		s.set(col+1+j, top, cell{name, b.st.header})
	}
	for i, r := range block.rows {
		s.set(col, top+1+i, cell{r.label, b.st.text})
		for j, v := range r.values {
			s.set(col+1+j, top+1+i, num(v, b.st.mean))
		}
	}
	last := top + len(block.rows)
	var series []excelize.ChartSeries
	for j := range block.series {
		series = append(series, excelize.ChartSeries{Name: ref(s.name, col+1+j, top, col+1+j, top),
			Categories: ref(s.name, col, top+1, col, last), Values: ref(s.name, col+1+j, top+1, col+1+j, last)})
	}
	height := uint(120 + 28*len(block.rows))
	if s.err == nil {
		s.err = b.f.AddChart(s.name, cellName(col+len(block.series)+2, top-1), &excelize.Chart{Type: typ, Title: chartTitle(block.title),
			Series: series, XAxis: excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			YAxis:     excelize.ChartAxis{Font: axisFont, Minimum: new(1.0), Maximum: new(5.0), MajorGridLines: true},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 720, Height: height}})
	}
	return max(last, top-1+int(height)/lineHeightPx)
}

func (c chartBlock) hasValues() bool {
	for _, r := range c.rows {
		for _, v := range r.values {
			if v != nil {
				return true
			}
		}
	}
	return false
}
