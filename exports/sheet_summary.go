package exports

import (
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// The rows of the Summary sheet that tests and readers rely on.
const (
	summaryHeadlineHeader = 12 // header of the headline figures
	summarySatisfaction   = 13 // overall satisfaction: value in column B
	summaryNPS            = 14
	summaryContinuation   = 15
	summaryParticipation  = 18 // header of the participation table
)

// writeSummary fills the first sheet: the cohort, the headline figures and
// the participation, with a chart of the response rates.
func (b *book) writeSummary() error {
	s := b.sheet(b.t("sheet.summary"))
	s.widths(40, 18, 12, 12, 13, 14, 14, 14, 14)
	c, st := b.data.cohort, b.st
	s.set(1, 1, cell{b.t("title"), st.title})
	meta := []struct {
		key string
		v   cell
	}{
		{"program", cell{c.ProgramName, st.text}},
		{"cohort", cell{c.Name, st.text}},
		{"starts", cell{c.StartsOn, st.dateLeft}},
		{"ends", cell{c.EndsOn, st.dateLeft}},
		{"as_of", cell{b.now, st.datetimeLeft}},
		{"threshold", cell{c.Threshold, st.intLeft}},
		{"mode", cell{c.Mode.Label(b.lang) + " (" + b.t("mode."+string(c.Mode)+".note") + ")", st.text}},
	}
	for i, m := range meta {
		s.row(3+i, cell{b.t(m.key), st.label}, m.v)
	}
	s.set(1, summaryHeadlineHeader-1, cell{b.t("headline"), st.heading})
	s.row(summaryHeadlineHeader, b.headers("figure", "value", "ci_lo", "ci_hi", "n", "note")...)
	sum := b.data.summary
	s.row(summarySatisfaction, b.satisfactionRow(sum.Satisfaction)...)
	s.row(summaryNPS, b.npsRow(sum.NPS)...)
	s.row(summaryContinuation, b.continuationRow(sum.Continuation)...)

	s.set(1, summaryParticipation-1, cell{b.t("participation"), st.heading})
	roles := participationRoles(sum.Participation)
	head := b.headers("phase", "opened_on", "invited", "opened", "submitted", "response_rate")
	for _, r := range roles {
		head = append(head, cell{b.t("rate_of", b.role(string(r))), st.header})
	}
	s.row(summaryParticipation, head...)
	last := summaryParticipation
	var why roleNotes
	for _, p := range sum.Participation {
		last++
		s.row(last, b.participationRow(p, roles, &why)...)
	}
	// Why role figures are withheld: one line per role and reason.
	for i, n := range why.lines(b.tr) {
		s.set(1, last+2+i, b.words(n))
	}
	s.finish(summaryParticipation, last, len(head), false)
	if s.err == nil && len(sum.Participation) > 0 {
		s.err = b.responseRateChart(s.name, last, last+len(why)+3)
	}
	if s.err == nil { // the summary is one page, to be forwarded as it is
		s.err = b.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{FitToHeight: new(1)})
	}
	return s.err
}

// responseRateChart draws the response rate of each survey, the
// participation table ending at row last, with its top at row at.
func (b *book) responseRateChart(name string, last, at int) error {
	pct := excelize.ChartNumFmt{CustomNumFmt: "0%"}
	return b.f.AddChart(name, cellName(1, at), &excelize.Chart{
		Type: excelize.Col, Title: chartTitle(b.t("chart.response_rate")),
		Series: []excelize.ChartSeries{{Name: ref(name, 6, summaryParticipation, 6, summaryParticipation),
			Categories: ref(name, 1, summaryParticipation+1, 1, last),
			Values:     ref(name, 6, summaryParticipation+1, 6, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}}}},
		YAxis:     excelize.ChartAxis{Font: axisFont, Minimum: new(0.0), Maximum: new(1.0), NumFmt: pct},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 300},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: pct},
	})
}

func (b *book) satisfactionRow(it *analytics.ItemJSON) []cell {
	label := cell{b.t("satisfaction"), b.st.label}
	switch {
	case it == nil:
		return []cell{label, b.words(b.t("no_final"))}
	case it.Suppressed:
		return b.withheldRow(label, b.t("sheet.summary"), it.Withheld, 4)
	case it.ItemFigures == nil || it.Mean == nil:
		return []cell{label, b.words(b.t("no_answers"))}
	}
	out := []cell{label, {*it.Mean, b.st.headline}, {}, {}, {it.N, b.st.int}}
	if it.CI95 != nil {
		out[2], out[3] = cell{it.CI95[0], b.st.mean}, cell{it.CI95[1], b.st.mean}
	}
	return out
}

func (b *book) npsRow(n *analytics.NPSJSON) []cell {
	label := cell{b.t("nps"), b.st.label}
	switch {
	case n == nil:
		return []cell{label, b.words(b.t("no_final"))}
	case n.Suppressed:
		return b.withheldRow(label, b.t("sheet.summary"), n.Withheld, 4)
	case n.NPSResult == nil || n.N == 0 || n.Score == nil:
		return []cell{label, b.words(b.t("no_answers"))}
	}
	return []cell{label, {*n.Score, b.st.nps}, {}, {}, {n.N, b.st.int},
		{b.t("nps.note", n.Promoters, n.Passives, n.Detractors), b.st.indent}}
}

func (b *book) continuationRow(c *analytics.ContinuationJSON) []cell {
	label := cell{b.t("continuation"), b.st.label}
	switch {
	case c == nil:
		return []cell{label, b.words(b.t("no_final"))}
	case c.Suppressed:
		return b.withheldRow(label, b.t("sheet.summary"), c.Withheld, 4)
	case c.ContinuationFigures == nil || c.Rate == nil:
		return []cell{label, b.words(b.t("no_answers"))}
	}
	return []cell{label, {*c.Rate, b.st.rate}, {}, {}, {c.N, b.st.int},
		{b.t("continuation.note", c.Counts["yes"], c.Counts["no"], c.Counts["undecided"]), b.st.indent}}
}

// withheldRow is label, "suppressed" in the figure cells and the reason in
// the note after them, recorded for the Method sheet as where.
func (b *book) withheldRow(label cell, where string, w analytics.Withheld, figures int) []cell {
	why := b.withhold(where, label.v.(string), w)
	return append(append([]cell{label}, b.suppressedCells(figures)...), b.words(why))
}

// roleNotes collect why role figures of the participation are withheld.
type roleNotes []struct{ role, why, phase string }

// lines are the notes grouped by role and reason, the phases listed.
func (ns roleNotes) lines(t tr) []string {
	var keys []string
	phases := map[string][]string{}
	for _, n := range ns {
		k := t.role(n.role) + ": " + n.why
		if phases[k] == nil {
			keys = append(keys, k)
		}
		phases[k] = append(phases[k], n.phase)
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.Join(phases[k], ", ") + " · " + k
	}
	return out
}

func (b *book) participationRow(p analytics.ParticipationJSON, roles []survey.Role, notes *roleNotes) []cell {
	opened := cell{}
	for _, s := range b.data.cohort.Surveys {
		if s.ID == p.SurveyID {
			opened = cell{s.OpensAt, b.st.date}
		}
	}
	out := []cell{{b.phase(p.Phase), b.st.text}, opened, {p.Invited, b.st.int}, {p.Opened, b.st.int},
		{p.Submitted, b.st.int}, b.rateCell(p.ResponseRate)}
	for _, r := range roles {
		i := slices.IndexFunc(p.Roles, func(x analytics.RoleParticipation) bool { return x.Role == r })
		switch {
		case i < 0:
			out = append(out, b.words(b.t("no_invitations")))
		case p.Roles[i].Suppressed:
			why := b.withhold(b.t("sheet.summary")+" · "+b.phase(p.Phase), b.t("rate_of", b.role(string(r))), p.Roles[i].Withheld)
			*notes = append(*notes, struct{ role, why, phase string }{string(r), why, b.phase(p.Phase)})
			out = append(out, b.words(b.t("suppressed")))
		default:
			out = append(out, b.rateCell(p.Roles[i].ResponseRate))
		}
	}
	return out
}

func (b *book) rateCell(r *float64) cell {
	if r == nil {
		return b.words(b.t("no_invitations"))
	}
	return cell{*r, b.st.rate}
}

// participationRoles are the roles invited to any survey, in reporting
// order (an empty role, of erased participants, is left out).
func participationRoles(ps []analytics.ParticipationJSON) []survey.Role {
	var out []survey.Role
	for _, r := range survey.Roles {
		for _, p := range ps {
			if slices.ContainsFunc(p.Roles, func(x analytics.RoleParticipation) bool { return x.Role == r }) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
