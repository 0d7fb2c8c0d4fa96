package hr

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

type programsPage struct {
	base
	Programs  []survey.Program
	CanCreate bool
	Errors    []fieldError
	E         map[string]string
	Form      programForm
	Languages []string // the languages a program can have
}

// programForm is the form that creates a program, as typed.
type programForm struct {
	Name, Language, Threshold, Mode string
}

func (p *Pages) programs(c *gin.Context) {
	v := programsPage{base: p.page(c, "programs.title"), Form: programForm{Language: p.lang(c), Threshold: "5", Mode: "confidential"}}
	p.renderPrograms(c, http.StatusOK, v)
}

func (p *Pages) renderPrograms(c *gin.Context, status int, v programsPage) {
	v.Languages = survey.Languages()
	all, err := p.Store.Programs(c)
	if err != nil {
		p.fail(c, err)
		return
	}
	a := current(c).account
	if a.Role == survey.AccountAdmin {
		v.Programs = all
	} else {
		member, err := p.Store.MemberPrograms(c, a.ID)
		if err != nil {
			p.fail(c, err)
			return
		}
		for _, pr := range all {
			if member[pr.ID] {
				v.Programs = append(v.Programs, pr)
			}
		}
	}
	v.CanCreate = a.Role != survey.AccountViewer
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title")}}
	p.render(c, status, "programs", v)
}

// createProgram makes a program; an organiser who makes one becomes its
// member, so that it is theirs.
func (p *Pages) createProgram(c *gin.Context) {
	a := current(c).account
	if a.Role == survey.AccountViewer {
		p.message(c, http.StatusForbidden, "forbidden")
		return
	}
	f := programForm{Name: c.PostForm("name"), Language: c.PostForm("language"), Threshold: strings.TrimSpace(c.PostForm("threshold")), Mode: c.PostForm("mode")}
	in := survey.ProgramInput{Name: f.Name, Language: f.Language, Mode: survey.Mode(f.Mode)}
	v := programsPage{base: p.page(c, "programs.title"), Form: f}
	if n, err := strconv.Atoi(f.Threshold); err == nil {
		in.Threshold = &n
	} else if f.Threshold != "" {
		in.Threshold = new(0) // out of range: the domain says why
	}
	prog, err := in.Program()
	if err == nil {
		prog, err = p.Store.CreateProgram(c, prog)
	}
	if err == nil && a.Role != survey.AccountAdmin {
		err = p.Store.AddProgramMember(c, prog.ID, a.ID)
	}
	if v.Errors = formErrors(v.Lang, err, "f-", nil); v.Errors != nil {
		v.E = errMap(v.Errors)
		p.renderPrograms(c, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/programs/"+prog.ID+"?done=program_created")
}

type programPage struct {
	base
	Program   survey.Program
	Cohorts   []survey.Cohort
	CanManage bool
	Errors    []fieldError
	E         map[string]string
	Form      survey.CohortInput
	// For admins: the members and the accounts that could become members.
	Members, Others []survey.Account
	Publication     publicationView
}

func (p *Pages) program(c *gin.Context) {
	prog, ok := p.programFor(c, c.Param("id"), toView)
	if !ok {
		return
	}
	p.renderProgram(c, http.StatusOK, programPage{base: p.page(c, "program.title", prog.Name), Program: prog})
}

func (p *Pages) renderProgram(c *gin.Context, status int, v programPage) {
	var err error
	if v.Cohorts, err = p.Store.Cohorts(c, v.Program.ID); err != nil {
		p.fail(c, err)
		return
	}
	v.CanManage = p.canManage(c, v.Program.ID)
	if v.Publication, err = p.publicationView(c, v.Program, v.CanManage, v.IsAdmin); err != nil {
		p.fail(c, err)
		return
	}
	if v.IsAdmin {
		if v.Members, v.Others, err = p.membership(c, v.Program.ID); err != nil {
			p.fail(c, err)
			return
		}
	}
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"}, {Label: v.Program.Name}}
	p.render(c, status, "program", v)
}

// membership splits the non-admin accounts into members of programID and
// the others.
func (p *Pages) membership(c *gin.Context, programID string) (members, others []survey.Account, err error) {
	members, err = p.Store.ProgramMembers(c, programID)
	if err != nil {
		return nil, nil, err
	}
	all, err := p.Store.Accounts(c)
	if err != nil {
		return nil, nil, err
	}
	in := map[string]bool{}
	for _, m := range members {
		in[m.ID] = true
	}
	for _, a := range all {
		if !in[a.ID] && a.Role != survey.AccountAdmin {
			others = append(others, a)
		}
	}
	return members, others, nil
}

func (p *Pages) createCohort(c *gin.Context) {
	prog, ok := p.programFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	in := survey.CohortInput{Name: c.PostForm("name"), StartsOn: c.PostForm("starts_on"), EndsOn: c.PostForm("ends_on")}
	co, err := in.Cohort()
	if err == nil {
		co, err = p.Store.CreateCohort(c, prog.ID, co)
	}
	v := programPage{base: p.page(c, "program.title", prog.Name), Program: prog, Form: in}
	if v.Errors = formErrors(v.Lang, err, "f-", nil); v.Errors != nil {
		v.E = errMap(v.Errors)
		p.renderProgram(c, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/cohorts/"+co.ID+"?done=cohort_created")
}

func (p *Pages) addMember(c *gin.Context) {
	p.changeMember(c, p.Store.AddProgramMember, "member_added")
}

func (p *Pages) removeMember(c *gin.Context) {
	p.changeMember(c, p.Store.RemoveProgramMember, "member_removed")
}

func (p *Pages) changeMember(c *gin.Context, change func(ctx context.Context, programID, accountID string) error, done string) {
	prog, ok := p.programFor(c, c.Param("id"), toAdminister)
	if !ok {
		return
	}
	if err := change(c, prog.ID, c.PostForm("account")); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/programs/"+prog.ID+"?done="+done)
}
