package hr

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

// publicationView says on the program page what the program publishes,
// and whether (and by whom) that can still be changed.
type publicationView struct {
	Breakdowns []string // chosen, in the order of survey.Attributes
	Attributes []string // all that could be chosen
	RawRows    bool
	Fixed      bool // a response has arrived: nothing can change
	// CanChoose: an organiser or admin may change the breakdowns, and
	// CanRows: only an admin may release rows.
	CanChoose, CanRows bool
}

func (p *Pages) publicationView(c *gin.Context, prog survey.Program, canManage, isAdmin bool) (publicationView, error) {
	fixed, err := p.Store.ProgramAnswered(c, prog.ID)
	if err != nil {
		return publicationView{}, err
	}
	return publicationView{Breakdowns: prog.Breakdowns, Attributes: survey.Attributes, RawRows: prog.RawRows, Fixed: fixed,
		CanChoose: canManage && !fixed, CanRows: isAdmin && !fixed}, nil
}

// setPublication changes the program's breakdowns (organisers and admins)
// and whether it releases rows (admins only), before its first response.
func (p *Pages) setPublication(c *gin.Context) {
	prog, ok := p.programFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	if err := c.Request.ParseForm(); err != nil {
		p.message(c, http.StatusBadRequest, "badrequest")
		return
	}
	chosen := []string{}
	for _, b := range c.Request.PostForm["breakdown"] {
		if !slices.Contains(chosen, b) {
			chosen = append(chosen, b)
		}
	}
	in := survey.PublicationInput{Breakdowns: &chosen}
	if current(c).account.Role == survey.AccountAdmin {
		rows := c.PostForm("raw_rows") == "on"
		in.RawRows = &rows
	}
	next, err := in.Apply(prog)
	if err == nil {
		err = p.Store.SetPublication(c, prog.ID, next.Breakdowns, next.RawRows)
	}
	var e *survey.Error
	switch {
	case errors.As(err, &e) && e.Code == survey.EConflict:
		p.message(c, http.StatusConflict, "publication.fixed")
		return
	case errors.As(err, &e) && e.Code == survey.EInvalid:
		p.message(c, http.StatusUnprocessableEntity, "badrequest")
		return
	case err != nil:
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/programs/"+prog.ID+"?done=publication_saved")
}
