package hr

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/survey"
)

// headline is one of the figures organisers quote.
type headline struct {
	Label, Value, Detail string
}

type cohortResultsPage struct {
	base
	Program       survey.Program
	Cohort        survey.Cohort
	CanManage     bool
	Threshold     int
	Anonymous     bool
	Surveys       []surveyView
	Headlines     []headline
	Dimensions    *chart
	DimTable      []dimRow
	DimNote       string
	Change        *chart
	ChangeNote    string
	Knowledge     *chart
	KnowledgeNote string
	Topics        *chart
	Benefits      *chart
	Downloads     downloads
}

// dimRow is a row of the table beside the dimension chart.
type dimRow struct {
	Dimension string
	Cells     []string // per role
}

// cohortResults shows a cohort at a glance: participation, the headline
// figures and the charts, every figure withheld as analytics withholds it.
func (p *Pages) cohortResults(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toView)
	if !ok {
		return
	}
	sum, err := p.Reader.CohortSummary(c, co.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	v := cohortResultsPage{base: p.page(c, "results.title", co.Name), Program: prog, Cohort: co, Threshold: sum.Threshold,
		Anonymous: sum.Mode == survey.ModeAnonymous, CanManage: p.canManage(c, prog.ID)}
	parts, err := p.Store.Participants(c, co.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	if v.Surveys, err = p.participationViews(c, v.Lang, co.ID, prog.Threshold, len(parts)); err != nil {
		p.fail(c, err)
		return
	}
	v.Headlines = p.headlines(v.Lang, sum)
	p.dimensionChart(&v, sum)
	p.changeChart(&v, sum)
	p.knowledgeChart(&v, sum)
	v.Topics = p.ranking(v.Lang, "chart-topics", msg(v.Lang, "results.topics"), sum.TopicVotes, survey.PhaseKickoff)
	v.Benefits = p.ranking(v.Lang, "chart-benefits", msg(v.Lang, "results.benefits"), sum.TopBenefits, survey.PhaseFinal)
	v.Downloads = p.downloads(prog, co.ID)
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"},
		{Label: prog.Name, URL: "/hr/programs/" + prog.ID}}
	if v.CanManage {
		v.Crumbs = append(v.Crumbs, crumb{Label: co.Name, URL: "/hr/cohorts/" + co.ID})
	} else {
		v.Crumbs = append(v.Crumbs, crumb{Label: co.Name})
	}
	v.Crumbs = append(v.Crumbs, crumb{Label: msg(v.Lang, "results.crumb")})
	p.render(c, http.StatusOK, "results", v)
}

// participationViews are the surveys with their bars, without the list of
// who has not answered (a viewer sees figures, not people).
func (p *Pages) participationViews(c *gin.Context, lang, cohortID string, threshold, participants int) ([]surveyView, error) {
	svs, err := p.Store.Surveys(c, cohortID)
	if err != nil {
		return nil, err
	}
	var out []surveyView
	for _, sv := range svs {
		v, err := p.surveyView(c, lang, sv, threshold, participants, false)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (p *Pages) headlines(lang string, sum analytics.SummaryJSON) []headline {
	var out []headline
	if s := sum.Satisfaction; s != nil {
		h := headline{Label: msg(lang, "results.satisfaction")}
		if s.Suppressed || s.ItemFigures == nil {
			h.Value, h.Detail = "–", withheldText(lang, s.Withheld)
		} else {
			h.Value = number(lang, s.Mean, 1) + " / 5"
			h.Detail = msg(lang, "results.n", s.N) + ciText(lang, s.CI95)
		}
		out = append(out, h)
	}
	if n := sum.NPS; n != nil {
		h := headline{Label: msg(lang, "results.nps")}
		if n.Suppressed || n.NPSResult == nil {
			h.Value, h.Detail = "–", withheldText(lang, n.Withheld)
		} else {
			h.Value = number(lang, n.Score, 0)
			h.Detail = msg(lang, "results.nps.detail", n.Promoters, n.Passives, n.Detractors)
		}
		out = append(out, h)
	}
	if k := sum.Continuation; k != nil {
		h := headline{Label: msg(lang, "results.continue")}
		if k.Suppressed || k.ContinuationFigures == nil {
			h.Value, h.Detail = "–", withheldText(lang, k.Withheld)
		} else {
			h.Value = percent(lang, k.Rate)
			h.Detail = msg(lang, "results.continue.detail", k.Counts["yes"], k.Counts["undecided"], k.Counts["no"])
		}
		out = append(out, h)
	}
	return out
}

var roleClass = map[survey.Role]string{survey.RoleMentor: "mentor", survey.RoleMentee: "mentee", survey.RolePeer: "peer",
	analytics.Other: "other"}

// dimensionChart draws the final survey's dimension scores by role.
func (p *Pages) dimensionChart(v *cohortResultsPage, sum analytics.SummaryJSON) {
	lang := v.Lang
	if sum.ByRole.Suppressed && sum.ByRole.Code != analytics.CodeNeedsSurveys {
		v.DimNote = withheldText(lang, sum.ByRole)
		return
	}
	if len(sum.DimensionsByRole) == 0 {
		v.DimNote = msg(lang, "results.nofinal")
		return
	}
	var groups []group
	for _, d := range survey.Dimensions {
		g := group{Label: survey.DimensionLabel(lang, d)}
		row := dimRow{Dimension: g.Label}
		for _, r := range sum.DimensionsByRole {
			s := series{Label: r.Role.Plural(lang), Class: roleClass[r.Role]}
			if r.Suppressed {
				s.Withheld = withheldText(lang, r.Withheld)
			} else {
				i := slices.IndexFunc(r.Dimensions, func(x analytics.DimensionJSON) bool { return x.Key == d })
				if i < 0 {
					continue // not asked of this role
				}
				dj := r.Dimensions[i]
				if dj.Suppressed || dj.DimensionFigures == nil {
					s.Withheld = withheldText(lang, dj.Withheld)
				} else if dj.N > 0 {
					s.Mean, s.CI, s.N = dj.Mean, dj.CI95, dj.N
				} else {
					continue
				}
			}
			g.Series = append(g.Series, s)
		}
		if len(g.Series) == 0 {
			continue
		}
		for _, s := range g.Series {
			cell := s.Label + ": " + s.Withheld
			if s.Withheld == "" {
				cell = fmt.Sprintf("%s: %s%s, n = %d", s.Label, number(lang, s.Mean, 2), ciText(lang, s.CI), s.N)
			}
			row.Cells = append(row.Cells, cell)
		}
		groups = append(groups, g)
		v.DimTable = append(v.DimTable, row)
	}
	if len(groups) == 0 {
		v.DimNote = msg(lang, "results.noanswers")
		return
	}
	ch := barChart(lang, "chart-dimensions", msg(lang, "results.dimensions"), groups)
	v.Dimensions = &ch
}

// changeChart draws each dimension's mean at half-time and at the end.
func (p *Pages) changeChart(v *cohortResultsPage, sum analytics.SummaryJSON) {
	lang := v.Lang
	if sum.Surveys.Midpoint == nil || sum.Surveys.Final == nil {
		v.ChangeNote = msg(lang, "results.nochange")
		return
	}
	var rows []change
	for _, ch := range sum.MidpointToFinal {
		r := change{Label: survey.DimensionLabel(lang, ch.Dimension)}
		if ch.Suppressed || ch.ChangeFigures == nil {
			r.Withheld = withheldText(lang, ch.Withheld)
		} else {
			r.Before, r.After = ch.Midpoint.Mean, ch.Final.Mean
			r.Note = fmt.Sprintf("n = %d → %d", ch.Midpoint.N, ch.Final.N)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		v.ChangeNote = msg(lang, "results.noanswers")
		return
	}
	c := dumbbellChart(lang, "chart-change", msg(lang, "results.change"), rows)
	v.Change = &c
}

// knowledgeChart draws each topic's knowledge at kick-off and at the end,
// over the respondents who answered both.
func (p *Pages) knowledgeChart(v *cohortResultsPage, sum analytics.SummaryJSON) {
	lang := v.Lang
	k := sum.KnowledgeGain
	if k.Topics == nil {
		switch {
		case sum.Mode == survey.ModeAnonymous:
			v.KnowledgeNote = msg(lang, "results.knowledge.anonymous")
		default:
			v.KnowledgeNote = msg(lang, "results.knowledge.needs")
		}
		return
	}
	var rows []change
	for _, t := range k.Topics {
		r := change{Label: survey.TopicLabel(lang, t.Topic)}
		switch {
		case t.TopicGainFigures != nil:
			r.Before, r.After = t.BeforeMean, t.AfterMean
			r.Note = msg(lang, "results.pairs", t.N)
		case t.Unpaired != nil:
			// Before and after over everyone who answered each phase:
			// labelled as such, so nobody reads it as the same people.
			r.Before, r.After = t.Unpaired.Before.Mean, t.Unpaired.After.Mean
			r.Note = msg(lang, "results.unpaired", t.Unpaired.Before.N, t.Unpaired.After.N)
		default:
			r.Withheld = withheldText(lang, t.Withheld)
		}
		rows = append(rows, r)
	}
	c := dumbbellChart(lang, "chart-knowledge", msg(lang, "results.knowledge"), rows)
	v.Knowledge = &c
}

func (p *Pages) ranking(lang, id, title string, r *analytics.RankingJSON, phase survey.Phase) *chart {
	if r == nil {
		return nil
	}
	if r.Suppressed || r.RankingFigures == nil {
		c := chart{ID: id, Title: title, Desc: withheldText(lang, r.Withheld)}
		return &c
	}
	c := rankChart(lang, id, title, r.RankingFigures, func(o string) string { return p.optionLabel(lang, phase, r.Item, o) })
	return &c
}

// optionLabel is the label of an option of a questionnaire's item.
func (p *Pages) optionLabel(lang string, phase survey.Phase, key, value string) string {
	if it, ok := p.Catalog.Phase(phase).Item(key); ok {
		for _, o := range it.Options {
			if o.Value == value {
				return o.Label.In(lang)
			}
		}
	}
	return value
}
