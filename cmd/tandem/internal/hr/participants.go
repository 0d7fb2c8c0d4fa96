package hr

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/survey"
	"tandem/survey/roster"
)

type participantsPage struct {
	base
	Program      survey.Program
	Cohort       survey.Cohort
	Participants []participantView
	Errors       []fieldError
	// Preview of an upload: the rows as read, and the rows again as JSON
	// for the confirmation when none is at fault.
	File    string
	Preview []previewRow
	More    int // rows not shown in the preview
	Rows    string
	Valid   bool
}

type participantView struct {
	survey.Participant
	RoleName string
	InTandem bool
}

// previewRow is one row of an upload as it will be stored, with what is
// wrong with it.
type previewRow struct {
	Line                                              int
	Name, Email, Role, Department, Generation, Region string
	Problems                                          []string
}

// importPreviewPath is the route of the import form, under /hr.
const importPreviewPath = "/cohorts/:id/participants/preview"

// maxPreview bounds the rows a preview shows; rows at fault are always shown.
const maxPreview = 300

func (p *Pages) participants(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	p.renderParticipants(c, http.StatusOK, participantsPage{base: p.page(c, "participants.title", co.Name), Program: prog, Cohort: co})
}

func (p *Pages) renderParticipants(c *gin.Context, status int, v participantsPage) {
	parts, ts, ok := p.people(c, v.Cohort.ID)
	if !ok {
		return
	}
	in := map[string]bool{}
	for _, t := range ts {
		for _, m := range t.Members {
			in[m] = true
		}
	}
	for _, pt := range parts {
		v.Participants = append(v.Participants, participantView{Participant: pt, RoleName: pt.Role.Label(v.Lang), InTandem: in[pt.ID]})
	}
	v.Crumbs = []crumb{{Label: msg(v.Lang, "programs.title"), URL: "/hr/programs"},
		{Label: v.Program.Name, URL: "/hr/programs/" + v.Program.ID},
		{Label: v.Cohort.Name, URL: "/hr/cohorts/" + v.Cohort.ID}, {Label: msg(v.Lang, "participants.crumb")}}
	p.render(c, status, "participants", v)
}

// previewImport reads an uploaded CSV or XLSX with the API's parsers and
// checks every row with the domain's rules, storing nothing: the page
// shows the rows and what is wrong, and offers to confirm when nothing is.
func (p *Pages) previewImport(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	v := participantsPage{base: p.page(c, "participants.title", co.Name), Program: prog, Cohort: co}
	fh, err := c.FormFile("file")
	if err != nil {
		v.Errors = []fieldError{{Field: "file", Anchor: "f-file", Label: fieldLabel(v.Lang, "file"), Message: msg(v.Lang, "import.nofile")}}
		p.renderParticipants(c, http.StatusUnprocessableEntity, v)
		return
	}
	v.File = fh.Filename
	f, err := fh.Open()
	if err != nil {
		p.fail(c, err)
		return
	}
	defer f.Close()
	rows, lines, err := roster.ParseFile(fh.Filename, f)
	if survey.ErrorCode(err) == survey.ETooLarge {
		p.importTooLarge(c, v)
		return
	}
	if err != nil {
		if v.Errors = formErrors(v.Lang, err, "f-", nil); v.Errors == nil {
			p.fail(c, err)
			return
		}
		p.renderParticipants(c, http.StatusUnprocessableEntity, v)
		return
	}
	p.preview(c, v, rows, lines)
}

// importTooLarge shows the import form again, saying that the file is over
// the limit: none of it is previewed, so none of it can be stored.
func (p *Pages) importTooLarge(c *gin.Context, v participantsPage) {
	v.Errors = []fieldError{{Field: "file", Anchor: "f-file", Label: fieldLabel(v.Lang, "file"),
		Message: msg(v.Lang, "import.toolarge", roster.MaxFileSize>>20)}}
	p.renderParticipants(c, http.StatusRequestEntityTooLarge, v)
}

// tooLarge answers a post whose body is over maxPostBody, before any of it
// is used. To the import form, which is where a large body comes from, it
// shows that form again with the reason (reading the cohort only, after the
// same access check as the form itself); to any other post a page saying so.
func (p *Pages) tooLarge(c *gin.Context) {
	if c.FullPath() != "/hr"+importPreviewPath || current(c).account == nil {
		p.message(c, http.StatusRequestEntityTooLarge, "toolarge")
		return
	}
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	p.importTooLarge(c, participantsPage{base: p.page(c, "participants.title", co.Name), Program: prog, Cohort: co})
}

// preview checks rows against the cohort and renders the preview.
func (p *Pages) preview(c *gin.Context, v participantsPage, rows []survey.ParticipantInput, lines []int) {
	parts, err := p.Store.Participants(c, v.Cohort.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	existing := map[string]bool{}
	for _, pt := range parts {
		existing[strings.ToLower(pt.Email)] = true
	}
	_, err = survey.Participants(rows, existing)
	roster.RowsInFile(err, lines)
	problems := map[int][]string{}
	v.Errors = formErrors(v.Lang, err, "", nil)
	for i := range v.Errors {
		e := &v.Errors[i]
		if e.Row > 0 {
			problems[e.Row] = append(problems[e.Row], e.Label+": "+e.Message)
			e.Anchor = rowAnchor(e.Row)
		}
	}
	if v.Errors == nil && err != nil {
		p.fail(c, err)
		return
	}
	for i, r := range rows {
		line := lines[i]
		if len(v.Preview) >= maxPreview && problems[line] == nil {
			v.More++
			continue
		}
		v.Preview = append(v.Preview, previewRow{Line: line, Name: r.Name, Email: r.Email, Role: r.Role, Department: r.Department,
			Generation: r.Generation, Region: r.Region, Problems: problems[line]})
	}
	v.Valid = v.Errors == nil
	status := http.StatusOK
	if v.Valid {
		b, _ := json.Marshal(importRows{Rows: rows, Lines: lines})
		v.Rows = string(b)
	} else {
		status = http.StatusUnprocessableEntity
	}
	p.renderParticipants(c, status, v)
}

func rowAnchor(line int) string { return "row-" + itoa(line) }

// importRows is what the confirmation sends back: the previewed rows and
// their rows in the file.
type importRows struct {
	Rows  []survey.ParticipantInput `json:"rows"`
	Lines []int                     `json:"lines"`
}

// confirmImport stores the previewed rows, all or none, with the same
// store method as the API; they are checked again on the way.
func (p *Pages) confirmImport(c *gin.Context) {
	co, prog, ok := p.cohortFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	var in importRows
	if err := json.Unmarshal([]byte(c.PostForm("rows")), &in); err != nil || len(in.Lines) != len(in.Rows) {
		p.message(c, http.StatusBadRequest, "badrequest")
		return
	}
	ids, err := p.Store.AddParticipants(c, co.ID, in.Rows)
	if survey.ErrorCode(err) == survey.EInvalid {
		v := participantsPage{base: p.page(c, "participants.title", co.Name), Program: prog, Cohort: co, File: c.PostForm("file")}
		p.preview(c, v, in.Rows, in.Lines)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/hr/cohorts/"+co.ID+"/participants?done=imported&n="+itoa(len(ids)))
}
