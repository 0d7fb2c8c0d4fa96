package hr

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Register adds every route of the HR pages to r: this is their one list.
// Everything under /hr first finds who is asking and checks the CSRF
// token of a POST; all but signing in, the first account and the language
// need a signed-in account. Which programs an account may see or manage
// each handler checks (access.go).
func (p *Pages) Register(r gin.IRouter) {
	r.StaticFS("/hr/static", staticFS())
	g := r.Group("/hr", p.session, p.csrf)
	g.GET("", func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/hr/programs") })
	g.GET("/signin", p.signinPage)
	g.POST("/signin", p.signin)
	g.GET("/setup", p.setupPage)
	g.POST("/setup", p.setup)
	g.POST("/language", p.language)

	in := g.Group("", p.signedIn)
	in.POST("/signout", p.signout)

	// Programs and accounts
	in.GET("/programs", p.programs)
	in.POST("/programs", p.createProgram)
	in.GET("/programs/:id", p.program)
	in.POST("/programs/:id/cohorts", p.createCohort)
	in.POST("/programs/:id/publication", p.setPublication)
	in.POST("/programs/:id/members", p.addMember)
	in.POST("/programs/:id/members/remove", p.removeMember)
	in.GET("/accounts", p.accounts)
	in.POST("/accounts", p.createAccount)

	// Cohorts: participants, tandems, results and downloads
	in.GET("/cohorts/:id", p.cohort)
	in.POST("/cohorts/:id/surveys", p.createSurvey)
	in.GET("/cohorts/:id/participants", p.participants)
	in.POST(importPreviewPath, p.previewImport) // /cohorts/:id/participants/preview
	in.POST("/cohorts/:id/participants", p.confirmImport)
	in.GET("/cohorts/:id/tandems", p.tandems)
	in.POST("/cohorts/:id/tandems", p.createTandem)
	in.GET("/cohorts/:id/results", p.cohortResults)
	in.GET("/cohorts/:id/report.xlsx", p.downloadReport)
	in.GET("/cohorts/:id/responses.csv", p.downloadResponses)

	// Surveys: opening and closing, links, e-mail, results
	in.GET("/surveys/:id", p.surveyPage)
	in.POST("/surveys/:id/open", p.openSurvey)
	in.POST("/surveys/:id/close", p.closeSurvey)
	in.POST("/surveys/:id/links", p.createLinks)
	in.POST("/surveys/:id/links/renew", p.renewLinks)
	in.POST("/surveys/:id/mail/invite", p.mailInvitations)
	in.POST("/surveys/:id/mail/remind", p.mailReminders)
	in.GET("/surveys/:id/results", p.surveyResults)
}
