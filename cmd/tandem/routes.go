package main

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/analytics/match"
	"tandem/api"
	"tandem/cmd/tandem/internal/hr"
	"tandem/exports"
	"tandem/survey/web"
)

// handlers are what the route table wires: one value per surface or
// feature, each built in router.go.
type handlers struct {
	ops       *ops
	pages     *web.Pages         // participant pages
	setup     *web.API           // programs, cohorts, participants, tandems, surveys
	results   *analytics.API     // results and summaries
	matching  *match.API         // proposals, exclusions, accepting, outcome
	downloads *exports.ReportAPI // workbook and raw data
	hr        *hr.Pages
	// adminTokenHash guards the admin API.
	adminTokenHash []byte
}

// routes lists every route of the service, surface by surface: method,
// path, handler. The HR pages keep their one list in hr/routes.go.
func routes(r *gin.Engine, h handlers) {
	// Operations: open, but /metrics needs the metrics or the admin token.
	r.GET("/healthz", h.ops.healthz)
	r.GET("/readyz", h.ops.readyz)
	r.GET("/metrics", h.ops.metricsAuth, h.ops.metrics)

	// Participant pages, behind the personal links (survey.Link).
	r.StaticFS("/static", web.Static())
	r.GET("/s/:token", h.pages.Show)
	r.POST("/s/:token", h.pages.Submit)
	r.GET("/s/:token/thanks", h.pages.Thanks)

	// Admin JSON API. Every route is described in api/openapi.yaml, which
	// is served without a token; a test checks the two against each other.
	r.GET("/api/v1/openapi.yaml", openAPIDocument)
	v1 := r.Group("/api/v1", api.RequireAdmin(h.adminTokenHash))

	v1.GET("/programs", h.setup.ListPrograms)
	v1.POST("/programs", h.setup.CreateProgram)
	v1.GET("/programs/:id", h.setup.GetProgram)
	v1.PATCH("/programs/:id", h.setup.SetPublication)
	v1.GET("/programs/:id/cohorts", h.setup.ListCohorts)
	v1.POST("/programs/:id/cohorts", h.setup.CreateCohort)

	v1.GET("/cohorts/:id", h.setup.GetCohort)
	v1.GET("/cohorts/:id/participants", h.setup.ListParticipants)
	v1.POST("/cohorts/:id/participants", h.setup.AddParticipants)
	v1.GET("/cohorts/:id/tandems", h.setup.ListTandems)
	v1.POST("/cohorts/:id/tandems", h.setup.CreateTandem)
	v1.GET("/cohorts/:id/surveys", h.setup.ListSurveys)
	v1.POST("/cohorts/:id/surveys", h.setup.CreateSurvey)
	v1.DELETE("/participants/:id", h.setup.EraseParticipant)

	v1.GET("/surveys/:id", h.setup.GetSurvey)
	v1.POST("/surveys/:id/close", h.setup.CloseSurvey)
	v1.POST("/surveys/:id/invitations", h.setup.Invite)
	v1.GET("/surveys/:id/invitations", h.setup.ListInvitations)

	v1.GET("/surveys/:id/results", h.results.Results)
	v1.GET("/cohorts/:id/summary", h.results.Summary)
	v1.GET("/programs/:id/summary", h.results.ProgramSummary)
	v1.GET("/programs/:id/report.xlsx", h.downloads.ProgramReport)

	v1.GET("/cohorts/:id/exclusions", h.matching.ListExclusions)
	v1.POST("/cohorts/:id/exclusions", h.matching.AddExclusions)
	v1.DELETE("/cohorts/:id/exclusions/:exclusion", h.matching.DeleteExclusion)
	v1.POST("/cohorts/:id/matching", h.matching.Propose)
	v1.POST("/cohorts/:id/matching/accept", h.matching.Accept)
	v1.GET("/cohorts/:id/matching/outcome", h.matching.Outcome)

	v1.GET("/cohorts/:id/report.xlsx", h.downloads.Report)
	v1.GET("/cohorts/:id/responses.csv", h.downloads.ResponsesCSV)
	v1.GET("/cohorts/:id/responses.parquet", h.downloads.ResponsesParquet)

	v1.GET("/backup", h.setup.Backup)

	// HR pages, for organisers in a browser.
	h.hr.Register(r)
}

// openAPIDocument answers GET /api/v1/openapi.yaml.
func openAPIDocument(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", api.OpenAPI)
}
