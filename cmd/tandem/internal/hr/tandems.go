package hr

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

type tandemsPage struct {
	base
	Program survey.Program
	Cohort  survey.Cohort
	Tandems []tandemView
	// Free are the participants in no tandem yet, by role.
	Free     []roleGroup
	Errors   []fieldError
	Selected map[string]bool
}

type tandemView struct {
	Shape   string
	Members []string // "name (role)"
}

type roleGroup struct {
	Role, Label string
	People      []survey.Participant
}

func (p *Pages) tandems(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	p.renderTandems(c, http.StatusOK, tandemsPage{base: p.page(c, "tandems.title", co.Name), Program: prog, Cohort: co})
}

func (p *Pages) renderTandems(c *gin.Context, status int, v tandemsPage) {
	parts, ts, ok := p.people(c, v.Cohort.ID)
	if !ok {
		return
	}
	byID := map[string]survey.Participant{}
	for _, pt := range parts {
		byID[pt.ID] = pt
	}
	in := map[string]bool{}
	for _, t := range ts {
		tv := tandemView{Shape: msg(v.Lang, "shape."+t.Shape)}
		for _, m := range t.Members {
			in[m] = true
			pt := byID[m]
			tv.Members = append(tv.Members, pt.Name+" ("+pt.Role.Label(v.Lang)+")")
		}
		v.Tandems = append(v.Tandems, tv)
	}
	for _, r := range survey.Roles {
		g := roleGroup{Role: string(r), Label: r.Plural(v.Lang)}
		for _, pt := range parts {
			if pt.Role == r && !in[pt.ID] {
				g.People = append(g.People, pt)
			}
		}
		if len(g.People) > 0 {
			v.Free = append(v.Free, g)
		}
	}
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"},
		{Label: v.Program.Name, URL: "/hr/programs/" + v.Program.ID},
		{Label: v.Cohort.Name, URL: "/hr/cohorts/" + v.Cohort.ID}, {Label: msg(v.Lang, "tandems.crumb")}}
	p.render(c, status, "tandems", v)
}

// createTandem forms a tandem of the ticked people with the store method
// the API uses; the shape follows from their roles.
func (p *Pages) createTandem(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	members := c.PostFormArray("member")
	v := tandemsPage{base: p.page(c, "tandems.title", co.Name), Program: prog, Cohort: co, Selected: map[string]bool{}}
	for _, m := range members {
		v.Selected[m] = true
	}
	var err error
	if len(members) < 2 || len(members) > 3 {
		err = survey.Invalid("the tandem is not valid", survey.Fault("members", survey.RuleTandemSize))
	} else {
		_, err = p.Store.CreateTandem(c, co.ID, members)
	}
	if survey.ErrorCode(err) == survey.EInvalid {
		names, nerr := p.participantNames(c, co.ID)
		if nerr != nil {
			p.fail(c, nerr)
			return
		}
		v.Errors = formErrors(v.Lang, err, "", names)
		for i := range v.Errors {
			v.Errors[i].Anchor, v.Errors[i].Label = "pick", msg(v.Lang, "field.members")
		}
		p.renderTandems(c, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/cohorts/"+co.ID+"/tandems?done=tandem_created")
}

func (p *Pages) participantNames(c *gin.Context, cohortID string) (map[string]string, error) {
	parts, err := p.Store.Participants(c, cohortID)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, pt := range parts {
		out[pt.ID] = pt.Name
	}
	return out, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
