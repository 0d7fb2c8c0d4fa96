package hr

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/survey"
)

type surveyResultsPage struct {
	base
	Program survey.Program
	Cohort  survey.Cohort
	Survey  surveyView
	Results analytics.ResultsJSON
	By      string
	Bys     []string
	// NotOffered says, for each breakdown not offered, why.
	NotOffered []string
	// Withheld says why the results show no groups at all.
	Withheld  string
	Groups    []resultGroup
	Scale     []legendEntry
	Threshold int
	CanManage bool
}

// resultGroup is one group of a breakdown (or everyone) as shown.
type resultGroup struct {
	Label, Withheld string
	N               int
	Dimensions      *chart
	Items           []itemChart
	NPS             *stacked
	NPSText         string
	Choices         []*chart
	Comments        []commentList
}

type itemChart struct {
	Question, Summary, Withheld string
	Bar                         stacked
}

type commentList struct {
	Question, Withheld string
	Texts              []string
}

type legendEntry struct{ Class, Label string }

var likertClasses = []string{"d1", "d2", "d3", "d4", "d5"}

// surveyResults shows one survey's figures, overall or by an attribute:
// dimension scores with whiskers, the distribution of each item, the NPS,
// choices and comments; suppressed groups and figures say why in words.
func (p *Pages) surveyResults(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toView)
	if !ok {
		return
	}
	by := c.Query("by")
	if analytics.CheckBreakdown(by) != nil {
		by = ""
	}
	res, err := p.Reader.Results(c, sv.ID, by)
	if err != nil {
		p.fail(c, err)
		return
	}
	pub, err := p.Reader.Publication(c, sv.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	v := surveyResultsPage{base: p.page(c, "sresults.title", sv.Phase.Label(lang), co.Name), Program: prog, Cohort: co,
		Results: res, By: by, Bys: pub.Offered(), Threshold: res.Threshold, CanManage: p.canManage(c, prog.ID)}
	if res.Suppressed {
		v.Withheld = res.Withheld.Why(lang)
	}
	// While the survey runs, its respondents do not decide yet which of
	// the program's breakdowns it can offer: list the program's.
	if !pub.Published() {
		v.Bys = prog.Breakdowns
	}
	for _, a := range analytics.Breakdowns {
		ok, w := pub.Offers(a)
		if !pub.Published() && slices.Contains(prog.Breakdowns, a) {
			ok = true
		}
		if !ok {
			v.NotOffered = append(v.NotOffered, fieldLabel(lang, a)+": "+w.Why(lang))
		}
	}
	v.Survey = surveyView{Survey: sv, Name: sv.Phase.Label(lang), Status: string(sv.StatusAt(p.Now())),
		Total: bar(lang, "bar-"+sv.ID, msg(lang, "bar.all"), res.Submitted, res.Opened, res.Invited, "")}
	q := p.Catalog.Phase(sv.Phase)
	for i, g := range res.Groups {
		v.Groups = append(v.Groups, p.resultGroup(lang, q, i, g))
	}
	for i, cl := range likertClasses {
		v.Scale = append(v.Scale, legendEntry{Class: cl, Label: strconv.Itoa(i + 1)})
	}
	v.Crumbs = []crumb{{Label: msg(lang, "programs.title"), URL: "/hr/programs"},
		{Label: prog.Name, URL: "/hr/programs/" + prog.ID}, {Label: co.Name, URL: "/hr/cohorts/" + co.ID + "/results"},
		{Label: v.Survey.Name}}
	p.render(c, http.StatusOK, "surveyresults", v)
}

func (p *Pages) resultGroup(lang string, q *survey.Questionnaire, i int, g analytics.GroupJSON) resultGroup {
	rg := resultGroup{Label: groupLabel(lang, g.By, g.Includes)}
	if g.Suppressed || g.GroupFigures == nil {
		rg.Withheld = g.Withheld.Why(lang)
		return rg
	}
	rg.N = g.N
	id := "g" + strconv.Itoa(i)
	var dims []group
	for _, d := range g.Dimensions {
		s := series{Class: "all"} // one series: the group's label says whose
		if d.Suppressed || d.DimensionFigures == nil {
			s.Withheld = withheldText(lang, d.Withheld)
		} else if d.N > 0 {
			s.Mean, s.CI, s.N = d.Mean, d.CI95, d.N
		} else {
			continue
		}
		dims = append(dims, group{Label: survey.DimensionLabel(lang, d.Key), Series: []series{s}})
	}
	if len(dims) > 0 {
		ch := barChart(lang, id+"-dims", msg(lang, "results.dimensions.survey"), dims)
		rg.Dimensions = &ch
	}
	for _, it := range g.Items {
		if it.Type != survey.Likert5 {
			continue
		}
		rg.Items = append(rg.Items, p.itemChart(lang, q, id, it))
	}
	if g.NPS != nil {
		if g.NPS.Suppressed || g.NPS.NPSResult == nil {
			rg.NPSText = msg(lang, "results.nps") + ": " + withheldText(lang, g.NPS.Withheld)
		} else if g.NPS.N > 0 {
			n := g.NPS
			bar := stackedBar(id+"-nps", msg(lang, "results.nps"), []int{n.Detractors, n.Passives, n.Promoters},
				[]string{"nps-d", "nps-p", "nps-pro"}, []string{msg(lang, "nps.detractors"), msg(lang, "nps.passives"), msg(lang, "nps.promoters")})
			rg.NPS = &bar
			rg.NPSText = fmt.Sprintf("%s: %s (n = %d) – %s", msg(lang, "results.nps"), number(lang, n.Score, 0), n.N, bar.Desc)
		}
	}
	for _, ch := range g.Choices {
		rg.Choices = append(rg.Choices, p.choiceChart(lang, q, id, ch))
	}
	for _, cm := range g.Comments {
		switch {
		case cm.Suppressed:
			rg.Comments = append(rg.Comments, commentList{Question: p.question(lang, q, cm.Key),
				Withheld: msg(lang, "results.comments.withheld", cm.Withheld.Why(lang))})
		case len(cm.Texts) > 0:
			rg.Comments = append(rg.Comments, commentList{Question: p.question(lang, q, cm.Key), Texts: cm.Texts})
		}
	}
	return rg
}

func (p *Pages) itemChart(lang string, q *survey.Questionnaire, id string, it analytics.ItemJSON) itemChart {
	ic := itemChart{Question: p.question(lang, q, it.Key)}
	if it.Suppressed || it.ItemFigures == nil {
		ic.Withheld = withheldText(lang, it.Withheld)
		return ic
	}
	counts := make([]int, 5)
	labels := make([]string, 5)
	for k := range 5 {
		counts[k] = it.Distribution[strconv.Itoa(k+1)]
		labels[k] = strconv.Itoa(k + 1)
	}
	ic.Bar = stackedBar(id+"-"+it.Key, ic.Question, counts, likertClasses, labels)
	ic.Summary = msg(lang, "results.item", it.N, number(lang, it.Mean, 1), percent(lang, it.Top2Box))
	return ic
}

// choiceChart ranks the options of a choice item by how many ticked them.
func (p *Pages) choiceChart(lang string, q *survey.Questionnaire, id string, ch analytics.ChoiceJSON) *chart {
	title := p.question(lang, q, ch.Key)
	if ch.Suppressed || ch.ChoiceFigures == nil {
		c := chart{ID: id + "-" + ch.Key, Title: title, Desc: withheldText(lang, ch.Withheld)}
		return &c
	}
	it, _ := q.Item(ch.Key)
	r := &analytics.RankingFigures{N: ch.N}
	for _, o := range it.Options {
		n := ch.Counts[o.Value]
		var share *float64
		if ch.N > 0 {
			s := float64(n) / float64(ch.N)
			share = &s
		}
		r.Ranking = append(r.Ranking, analytics.Rank{Option: o.Value, Count: n, Share: share})
	}
	slices.SortStableFunc(r.Ranking, func(a, b analytics.Rank) int { return b.Count - a.Count })
	c := rankChart(lang, id+"-"+ch.Key, title, r, func(o string) string { return p.optionLabel(lang, q.Phase, ch.Key, o) })
	return &c
}

// question is the text of an item in lang.
func (p *Pages) question(lang string, q *survey.Questionnaire, key string) string {
	if it, ok := q.Item(key); ok {
		return it.Text.In(lang)
	}
	return key
}

// groupLabel names a group of a breakdown: "everyone", "Role: Mentors",
// or "Department: other (HR, Legal)".
func groupLabel(lang string, by map[string]string, includes []string) string {
	if len(by) == 0 {
		return msg(lang, "results.everyone")
	}
	for k, v := range by {
		switch {
		case v == analytics.Other:
			names := make([]string, len(includes))
			for i, x := range includes {
				switch {
				case k == "role":
					names[i] = survey.Role(x).Plural(lang)
				case x == "":
					names[i] = msg(lang, "results.unknown")
				default:
					names[i] = x
				}
			}
			label := fieldLabel(lang, k) + ": " + msg(lang, "other")
			if len(names) > 0 {
				label += " (" + strings.Join(names, ", ") + ")"
			}
			return label
		case k == "role":
			return fieldLabel(lang, "role") + ": " + survey.Role(v).Plural(lang)
		case v == "":
			return fieldLabel(lang, k) + ": " + msg(lang, "results.unknown")
		default:
			return fieldLabel(lang, k) + ": " + v
		}
	}
	return ""
}
