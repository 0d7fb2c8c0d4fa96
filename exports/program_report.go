package exports

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey/programs"
)

// WriteProgramReport writes the program workbook of programID to w: its
// rounds side by side (headline figures with the change from the round
// before, and charts), the dimensions and the learning per round, what the
// tandems connected, and the method. lang is a language of the catalog,
// or "" for the program's. An unknown program is an ENotFound error and
// an unknown language an EInvalid one; both come before anything is
// written to w.
func WriteProgramReport(ctx context.Context, w io.Writer, r *analytics.Reader, programID, lang string, now time.Time) error {
	_, err := writeProgramReport(ctx, w, r, programID, lang, now)
	return err
}

// writeProgramReport is WriteProgramReport, also returning the name the
// file is given.
func writeProgramReport(ctx context.Context, w io.Writer, r *analytics.Reader, programID, lang string, now time.Time) (string, error) {
	if err := CheckLanguage(lang); err != nil {
		return "", err
	}
	p, err := programs.Get(ctx, r.DB, programID)
	if err != nil {
		return "", err
	}
	sum, err := r.ProgramSummary(ctx, programID)
	if err != nil {
		return "", err
	}
	if lang == "" {
		lang = p.Language
	}
	info := cohortInfo{ID: p.ID, Name: p.Name, ProgramName: p.Name, Language: p.Language, Threshold: p.Threshold,
		Mode: p.Mode, RawRows: p.RawRows}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, tr{lang: lang, cat: r.Catalog, threshold: p.Threshold}, &reportData{cohort: info}, nil, now)
	if err != nil {
		return "", err
	}
	steps := []func() error{
		func() error { return b.writeRounds(sum) },
		func() error { return b.writeRoundDimensions(sum) },
		func() error { return b.writeRoundLearning(sum) },
		func() error { return b.writeReach(sum.Rounds) },
		b.writeMethod,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return "", fmt.Errorf("exports: program report: %w", err)
		}
	}
	if err := b.f.DeleteSheet("Sheet1"); err != nil {
		return "", err
	}
	b.f.SetActiveSheet(0)
	if err := b.f.SetDocProps(&excelize.DocProperties{Title: b.t("program.doc.title", p.Name), Subject: b.t("doc.subject"),
		Creator: "tandem", LastModifiedBy: "tandem", Created: now.UTC().Format(time.RFC3339),
		Modified: now.UTC().Format(time.RFC3339), Language: lang}); err != nil {
		return "", err
	}
	return p.Name, writeWorkbook(f, w)
}

// The rows of the Rounds sheet.
const (
	roundsHeader = 8 // header of the table of rounds
)

// writeRounds fills the first sheet: the program, one row per round with
// its headline figures and the change from the round before, and charts
// of satisfaction and NPS over the rounds.
func (b *book) writeRounds(sum analytics.ProgramSummary) error {
	s := b.sheet(b.t("sheet.rounds"))
	s.widths(24, 12, 12, 11, 11, 11, 11, 9, 9, 9, 11, 11, 11, 9, 9, 40)
	c, st := b.data.cohort, b.st
	s.set(1, 1, cell{b.t("program.title"), st.title})
	s.row(3, cell{b.t("program"), st.label}, cell{c.ProgramName, st.text})
	s.row(4, cell{b.t("as_of"), st.label}, cell{b.now, st.datetimeLeft})
	s.row(5, cell{b.t("threshold"), st.label}, cell{c.Threshold, st.intLeft})
	s.row(6, cell{b.t("mode"), st.label}, cell{c.Mode.Label(b.lang) + " (" + b.t("mode."+string(c.Mode)+".note") + ")", st.text})
	s.row(roundsHeader, b.headers("cohort", "starts", "ends", "invited", "submitted", "response_rate", "satisfaction.short",
		"ci_lo", "ci_hi", "n", "nps.short", "continuation.short", "change.short", "p", "g", "note")...)
	row := roundsHeader
	for _, rd := range sum.Rounds {
		row++
		s.row(row, b.roundRow(rd)...)
	}
	s.finish(roundsHeader, row, 16, true)
	if s.err == nil && len(sum.Rounds) > 0 {
		s.err = b.roundCharts(s.name, row)
	}
	return s.err
}

// roundRow is one round's line of the Rounds sheet.
func (b *book) roundRow(rd analytics.RoundJSON) []cell {
	out := make([]cell, 16)
	out[0] = cell{rd.Name, b.st.text}
	if t, err := time.Parse(time.DateOnly, rd.StartsOn); err == nil {
		out[1] = cell{t, b.st.date}
	}
	if t, err := time.Parse(time.DateOnly, rd.EndsOn); err == nil {
		out[2] = cell{t, b.st.date}
	}
	if p, ok := finalParticipation(rd); ok {
		out[3], out[4] = cell{p.Invited, b.st.int}, cell{p.Submitted, b.st.int}
		out[5] = num(p.ResponseRate, b.st.rate)
	}
	var why []string
	switch sat := rd.Satisfaction; {
	case sat == nil:
		why = append(why, b.t("no_final"))
	case sat.ItemFigures == nil:
		why = append(why, b.t("satisfaction.short")+": "+b.reason(sat.Withheld))
	default:
		out[6], out[9] = num(sat.Mean, b.st.mean), cell{sat.N, b.st.int}
		if sat.CI95 != nil {
			out[7], out[8] = cell{sat.CI95[0], b.st.mean}, cell{sat.CI95[1], b.st.mean}
		}
	}
	if n := rd.NPS; n != nil && n.NPSResult != nil {
		out[10] = num(n.Score, b.st.nps)
	}
	if c := rd.Continuation; c != nil && c.ContinuationFigures != nil {
		out[11] = num(c.Rate, b.st.rate)
	}
	if ch := rd.Change; ch != nil {
		if f := ch.Satisfaction.RoundContrastFigures; f != nil {
			out[12], out[14] = num(f.Difference, b.st.g), num(f.HedgesG, b.st.g)
			if f.Welch != nil {
				out[13] = cell{f.Welch.P, b.st.p}
			}
		} else if ch.Satisfaction.Suppressed {
			why = append(why, b.t("change.short")+": "+b.reason(ch.Satisfaction.Withheld))
		}
	}
	if len(why) > 0 {
		out[15] = b.words(joinWords(why))
	}
	return out
}

// finalParticipation is the participation in a round's final survey, or
// its last survey where it has no final one.
func finalParticipation(rd analytics.RoundJSON) (analytics.ParticipationJSON, bool) {
	for i := len(rd.Participation) - 1; i >= 0; i-- {
		if rd.Participation[i].Phase == "final" {
			return rd.Participation[i], true
		}
	}
	if n := len(rd.Participation); n > 0 {
		return rd.Participation[n-1], true
	}
	return analytics.ParticipationJSON{}, false
}

// roundCharts draws satisfaction and NPS per round beside each other
// under the table ending at row last.
func (b *book) roundCharts(name string, last int) error {
	cats := ref(name, 1, roundsHeader+1, 1, last)
	sat := &excelize.Chart{Type: excelize.Col, Title: chartTitle(b.t("chart.rounds.satisfaction")),
		Series: []excelize.ChartSeries{{Name: ref(name, 7, roundsHeader, 7, roundsHeader), Categories: cats,
			Values: ref(name, 7, roundsHeader+1, 7, last), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}}}},
		YAxis:     excelize.ChartAxis{Font: axisFont, Minimum: new(1.0), Maximum: new(5.0)},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 480, Height: 280},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
	}
	if err := b.f.AddChart(name, cellName(1, last+3), sat); err != nil {
		return err
	}
	nps := &excelize.Chart{Type: excelize.Line, Title: chartTitle(b.t("chart.rounds.nps")),
		Series: []excelize.ChartSeries{{Name: ref(name, 11, roundsHeader, 11, roundsHeader), Categories: cats,
			Values: ref(name, 11, roundsHeader+1, 11, last), Line: excelize.LineOptions{Width: 2.5},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 7}}},
		YAxis:     excelize.ChartAxis{Font: axisFont, Minimum: new(-100.0), Maximum: new(100.0)},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 480, Height: 280},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "+0;-0;0"}},
	}
	return b.f.AddChart(name, cellName(8, last+3), nps)
}

// writeRoundDimensions lists each dimension's mean score per round, a
// chart of them, and why a figure is withheld.
func (b *book) writeRoundDimensions(sum analytics.ProgramSummary) error {
	s := b.sheet(b.t("sheet.rounds.dimensions"))
	s.set(1, 1, cell{b.t("rounds.dimensions.title"), b.st.title})
	head := []cell{{b.t("dimension"), b.st.header}}
	widths := []float64{34}
	for _, rd := range sum.Rounds {
		head = append(head, cell{rd.Name, b.st.header}, cell{"n", b.st.header})
		widths = append(widths, 14, 7)
	}
	s.widths(widths...)
	const header = 3
	s.row(header, head...)
	row := header
	for _, key := range dimensionKeys(sum) {
		row++
		cs := []cell{{b.dimension(key), b.st.text}}
		for _, rd := range sum.Rounds {
			d, ok := findDimension(rd.Dimensions, key)
			switch {
			case !ok:
				cs = append(cs, cell{}, cell{})
			case d.DimensionFigures == nil:
				cs = append(cs, b.words(b.t("suppressed")), cell{})
				b.note(b.t("sheet.rounds.dimensions")+" · "+rd.Name, b.dimension(key), b.reason(d.Withheld))
			default:
				cs = append(cs, num(d.Mean, b.st.mean), cell{d.N, b.st.int})
			}
		}
		s.row(row, cs...)
	}
	s.finish(header, row, len(head), true)
	if s.err == nil && row > header && len(sum.Rounds) > 0 {
		var series []excelize.ChartSeries
		for i := range sum.Rounds {
			col := 2 + 2*i
			series = append(series, excelize.ChartSeries{Name: ref(s.name, col, header, col, header),
				Categories: ref(s.name, 1, header+1, 1, row), Values: ref(s.name, col, header+1, col, row)})
		}
		s.err = b.f.AddChart(s.name, cellName(1, row+3), &excelize.Chart{Type: excelize.Bar,
			Title: chartTitle(b.t("chart.rounds.dimensions")), Series: series,
			XAxis: excelize.ChartAxis{Font: axisFont, ReverseOrder: true}, YAxis: excelize.ChartAxis{Font: axisFont, Minimum: new(1.0), Maximum: new(5.0)},
			Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: excelize.ChartDimension{Width: 720, Height: uint(60 + 28*(row-header))}})
	}
	return s.err
}

// dimensionKeys are the dimensions any round shows, in reporting order.
func dimensionKeys(sum analytics.ProgramSummary) []string {
	var out []string
	for _, rd := range sum.Rounds {
		for _, d := range rd.Dimensions {
			if !contains(out, d.Key) {
				out = append(out, d.Key)
			}
		}
	}
	return out
}

func findDimension(ds []analytics.DimensionJSON, key string) (analytics.DimensionJSON, bool) {
	for _, d := range ds {
		if d.Key == key {
			return d, true
		}
	}
	return analytics.DimensionJSON{}, false
}

// writeRoundLearning lists the knowledge gain of every topic per round:
// paired where the pairs may be shown, otherwise unpaired, labelled.
func (b *book) writeRoundLearning(sum analytics.ProgramSummary) error {
	s := b.sheet(b.t("sheet.rounds.learning"))
	s.widths(18, 28, 34, 9, 9, 9, 9, 40)
	s.set(1, 1, cell{b.t("rounds.learning.title"), b.st.title})
	const header = 3
	s.row(header, b.headers("cohort", "topic", "method", "before", "after", "gain", "p", "note")...)
	row := header
	for _, rd := range sum.Rounds {
		if rd.Learning.Topics == nil {
			row++
			s.row(row, cell{rd.Name, b.st.text}, cell{}, b.words(b.reason(rd.Learning.Withheld)))
			continue
		}
		for _, tg := range rd.Learning.Topics {
			row++
			lead := []cell{{rd.Name, b.st.text}, {b.topic(tg.Topic), b.st.text}}
			switch {
			case tg.TopicGainFigures != nil:
				f := tg.TopicGainFigures
				cs := append(lead, cell{b.t("method.paired"), b.st.text}, num(f.BeforeMean, b.st.mean), num(f.AfterMean, b.st.mean),
					num(f.MeanDiff, b.st.g), cell{})
				if f.Test != nil {
					cs[6] = cell{f.Test.P, b.st.p}
				}
				s.row(row, cs...)
			case tg.Unpaired != nil:
				u := tg.Unpaired
				cs := append(lead, cell{b.t("method.unpaired"), b.st.text}, num(u.Before.Mean, b.st.mean), num(u.After.Mean, b.st.mean),
					num(u.Difference, b.st.g), cell{})
				if u.Welch != nil {
					cs[6] = cell{u.Welch.P, b.st.p}
				}
				s.row(row, cs...)
			default:
				s.row(row, append(lead, b.words(b.reason(tg.Withheld)))...)
			}
		}
	}
	s.finish(header, row, 8, false)
	return s.err
}

// writeReach lists what each round's tandems connected and who stays
// available, then each round's department matrix.
func (b *book) writeReach(rounds []analytics.RoundJSON) error {
	s := b.sheet(b.t("sheet.reach"))
	s.widths(30, 14, 14, 14, 14)
	s.set(1, 1, cell{b.t("reach.title"), b.st.title})
	s.set(1, 2, cell{b.t("reach.note"), b.st.note})
	const header = 4
	head := []cell{{b.t("figure"), b.st.header}}
	for _, rd := range rounds {
		head = append(head, cell{rd.Name, b.st.header})
	}
	s.row(header, head...)
	lines := []struct {
		key string
		val func(analytics.ReachJSON) cell
	}{
		{"reach.tandems", func(r analytics.ReachJSON) cell { return cell{r.Tandems, b.st.int} }},
		{"reach.departments", func(r analytics.ReachJSON) cell { return cell{r.Departments, b.st.int} }},
		{"reach.cross_department", func(r analytics.ReachJSON) cell { return cell{r.CrossDepartment, b.st.int} }},
		{"reach.regions", func(r analytics.ReachJSON) cell { return cell{r.Regions, b.st.int} }},
		{"reach.cross_region", func(r analytics.ReachJSON) cell { return cell{r.CrossRegion, b.st.int} }},
		{"reach.cross_generation", func(r analytics.ReachJSON) cell { return num(r.CrossShare, b.st.rate) }},
		{"reach.contact_persons", func(r analytics.ReachJSON) cell { return b.countCell(r.ContactPersons) }},
		{"reach.continuing", func(r analytics.ReachJSON) cell { return b.countCell(r.Continuing) }},
	}
	row := header
	for _, l := range lines {
		row++
		cs := []cell{{b.t(l.key), b.st.label}}
		for _, rd := range rounds {
			cs = append(cs, l.val(rd.Reach))
		}
		s.row(row, cs...)
	}
	last := row
	for _, rd := range rounds {
		if len(rd.Reach.Matrix) == 0 {
			continue
		}
		row += 2
		s.set(1, row, cell{b.t("reach.matrix", rd.Name), b.st.heading})
		row++
		s.row(row, b.headers("reach.from", "reach.to", "reach.tandems")...)
		for _, m := range rd.Reach.Matrix {
			row++
			s.row(row, cell{m.From, b.st.text}, cell{m.To, b.st.text}, cell{m.Tandems, b.st.int})
		}
	}
	s.finish(header, last, len(head), true)
	return s.err
}

// countCell shows "count of n", or why it is withheld.
func (b *book) countCell(c *analytics.CountOf) cell {
	switch {
	case c == nil:
		return cell{}
	case c.Count == nil || c.N == nil:
		return b.words(b.reason(c.Withheld))
	}
	return cell{b.t("count_of", *c.Count, *c.N), b.st.text}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func joinWords(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += "; "
		}
		out += w
	}
	return out
}
