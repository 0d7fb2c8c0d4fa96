package hr

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// need is what a page requires of the account on a program.
type need int

const (
	// toView: results and downloads. Admins, and members in any role.
	toView need = iota + 1
	// toManage: setting up and running. Admins, and organisers who are
	// members.
	toManage
	// toAdminister: accounts and memberships. Admins only.
	toAdminister
)

// may reports whether the signed-in account may do what n requires on
// programID. A program the account is no member of does not exist for it
// (404); one it may only view refuses changes (403).
func (p *Pages) may(c *gin.Context, programID string, n need) (status int, err error) {
	a := current(c).account
	if a == nil {
		return http.StatusUnauthorized, nil
	}
	if a.Role == survey.AccountAdmin {
		return http.StatusOK, nil
	}
	if n == toAdminister {
		return http.StatusForbidden, nil
	}
	member, err := p.Store.MemberPrograms(c, a.ID)
	if err != nil {
		return 0, err
	}
	switch {
	case !member[programID]:
		return http.StatusNotFound, nil
	case n == toManage && a.Role != survey.AccountOrganiser:
		return http.StatusForbidden, nil
	}
	return http.StatusOK, nil
}

// allowed checks may and renders the refusal; it reports whether to go on.
func (p *Pages) allowed(c *gin.Context, programID string, n need) bool {
	status, err := p.may(c, programID, n)
	switch {
	case err != nil:
		p.fail(c, err)
	case status == http.StatusNotFound:
		p.message(c, http.StatusNotFound, "notfound")
	case status == http.StatusForbidden:
		p.message(c, http.StatusForbidden, "forbidden")
	case status != http.StatusOK:
		p.message(c, status, "forbidden")
	default:
		return true
	}
	return false
}

// canManage reports whether the account may change programID, for
// showing or hiding forms; the handlers check again.
func (p *Pages) canManage(c *gin.Context, programID string) bool {
	status, err := p.may(c, programID, toManage)
	return err == nil && status == http.StatusOK
}

// programFor loads the program id and checks the account's right to it.
func (p *Pages) programFor(c *gin.Context, id string, n need) (survey.Program, bool) {
	prog, err := p.Store.Program(c, id)
	if err != nil {
		p.fail(c, err)
		return prog, false
	}
	return prog, p.allowed(c, prog.ID, n)
}

// cohortFor loads the cohort id with its program and checks the right.
func (p *Pages) cohortFor(c *gin.Context, id string, n need) (survey.Cohort, survey.Program, bool) {
	co, err := p.Store.Cohort(c, id)
	if err != nil {
		p.fail(c, err)
		return co, survey.Program{}, false
	}
	prog, ok := p.programFor(c, co.ProgramID, n)
	return co, prog, ok
}

// surveyFor loads the survey id with its cohort and program and checks
// the right.
func (p *Pages) surveyFor(c *gin.Context, id string, n need) (survey.Survey, survey.Cohort, survey.Program, bool) {
	sv, err := p.Store.Survey(c, id)
	if err != nil {
		p.fail(c, err)
		return sv, survey.Cohort{}, survey.Program{}, false
	}
	co, prog, ok := p.cohortFor(c, sv.CohortID, n)
	return sv, co, prog, ok
}
