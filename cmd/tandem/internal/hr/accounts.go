package hr

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/survey"
)

type accountsPage struct {
	accountForm
	Accounts []survey.Account
	Roles    []survey.AccountRole
	// Created is the account just made and Password its password when it
	// was generated: shown this once.
	Created  *survey.Account
	Password string
}

func (p *Pages) accounts(c *gin.Context) {
	if !p.isAdmin(c) {
		return
	}
	v := accountsPage{accountForm: accountForm{base: p.page(c, "accounts.title"), NewAccount: true,
		Form: survey.AccountInput{Role: string(survey.AccountOrganiser)}}}
	p.renderAccounts(c, http.StatusOK, v)
}

func (p *Pages) isAdmin(c *gin.Context) bool {
	if a := current(c).account; a == nil || a.Role != survey.AccountAdmin {
		p.message(c, http.StatusForbidden, "forbidden")
		return false
	}
	return true
}

func (p *Pages) renderAccounts(c *gin.Context, status int, v accountsPage) {
	var err error
	if v.Accounts, err = p.Store.Accounts(c); err != nil {
		p.fail(c, err)
		return
	}
	v.Roles = survey.AccountRoles
	v.Nav = "accounts"
	v.Crumbs = []crumb{{Label: msg(v.Lang, "accounts.title")}}
	p.render(c, status, "accounts", v)
}

// createAccount makes an account; without a password one is generated and
// shown once, for the admin to pass on.
func (p *Pages) createAccount(c *gin.Context) {
	if !p.isAdmin(c) {
		return
	}
	in := survey.AccountInput{Email: c.PostForm("email"), Name: c.PostForm("name"), Role: c.PostForm("role"), Password: c.PostForm("password")}
	generated := in.Password == ""
	if generated {
		in.Password = NewPassword()
	}
	v := accountsPage{accountForm: accountForm{base: p.page(c, "accounts.title"), NewAccount: true, Form: in}}
	v.Form.Password = ""
	a, err := in.Account()
	if err == nil {
		a, err = p.Store.CreateAccount(c, a, HashPassword(in.Password))
	}
	v.Errors = formErrors(v.Lang, err, "f-", nil)
	if v.Errors == nil {
		v.Errors = conflictError(v.Lang, err, "email")
	}
	if v.Errors != nil {
		v.E = errMap(v.Errors)
		p.renderAccounts(c, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	v.Created = &a
	if generated {
		v.Password = in.Password
	}
	v.Form = survey.AccountInput{Role: string(survey.AccountOrganiser)}
	p.renderAccounts(c, http.StatusCreated, v)
}
