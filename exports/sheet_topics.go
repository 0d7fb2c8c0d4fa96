package exports

import (
	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// topicsHeader is the header row of the topic vote.
const topicsHeader = 4

// writeTopics ranks the kick-off topic vote and the final top benefits,
// each with a bar chart.
func (b *book) writeTopics() error {
	s := b.sheet(b.t("sheet.topics"))
	s.widths(8, 40, 10, 20)
	s.set(1, 1, cell{b.t("topics.title"), b.st.title})
	sum := b.data.summary
	votesLast, bottom := b.ranking(s, topicsHeader, b.t("topics.votes"), "topic", sum.TopicVotes, survey.PhaseKickoff,
		b.t("no_kickoff"), b.t("chart.votes"))
	b.ranking(s, bottom+4, b.t("topics.benefits"), "benefit", sum.TopBenefits, survey.PhaseFinal,
		b.t("no_final"), b.t("chart.benefits"))
	s.finish(0, 0, 0, false)
	if s.err == nil && votesLast > topicsHeader {
		s.err = b.f.AutoFilter(s.name, rangeRef(1, topicsHeader, 4, votesLast), nil)
		if s.err == nil {
			s.err = printSetup(b.f, s.name)
		}
	}
	return s.err
}

// ranking writes one ranking with its header at row header and its chart
// to the right, and returns the ranking's last row and the last row the
// chart covers.
func (b *book) ranking(s *sheet, header int, title, labelKey string, r *analytics.RankingJSON, p survey.Phase,
	missing, chart string) (last, bottom int) {
	s.set(1, header-1, cell{title, b.st.heading})
	s.row(header, b.headers("rank", labelKey, "votes", "share")...)
	switch {
	case r == nil:
		s.set(1, header+1, b.words(missing))
		return header + 1, header + 1
	case r.Suppressed:
		why := b.withhold(b.t("sheet.topics"), title, r.Withheld)
		s.row(header+1, b.words(b.t("suppressed")), b.words(why), b.words(b.t("suppressed")), b.words(b.t("suppressed")))
		return header + 1, header + 1
	case r.RankingFigures == nil:
		return header, header
	}
	for i, rk := range r.Ranking {
		s.row(header+1+i, cell{rk.Rank, b.st.int}, cell{b.option(p, r.Item, rk.Option), b.st.text},
			cell{rk.Count, b.st.int}, num(rk.Share, b.st.rate))
	}
	last = header + len(r.Ranking)
	s.set(1, last+1, cell{b.t("respondents", r.N), b.st.note})
	if s.err == nil && len(r.Ranking) > 0 {
		s.err = b.f.AddChart(s.name, cellName(6, header-1), &excelize.Chart{
			Type: excelize.Bar, Title: chartTitle(chart),
			Series: []excelize.ChartSeries{{Name: ref(s.name, 3, header, 3, header),
				Categories: ref(s.name, 2, header+1, 2, last), Values: ref(s.name, 3, header+1, 3, last),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}}}},
			XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			YAxis:     excelize.ChartAxis{Font: axisFont, Minimum: new(0.0), MajorGridLines: true},
			Legend:    excelize.ChartLegend{Position: "none"},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
			Dimension: excelize.ChartDimension{Width: 560, Height: uint(100 + 26*len(r.Ranking))},
		})
	}
	// The chart stands beside the table; leave room below for its height.
	return last, max(last+1, header-1+(100+26*len(r.Ranking))/20)
}
