package hr

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
)

// createLinks invites every participant not invited yet and answers with
// their personal links as a file for a mail merge: tokens exist only in
// this response, so the file is the one chance to keep them.
func (p *Pages) createLinks(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	invs, err := p.Store.Invite(c, sv.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.sendLinks(c, sv, co, prog, invs, "links")
}

// renewLinks gives everyone who has not answered a new link (the old ones
// stop working) and answers with the new links as a file: for links that
// were lost.
func (p *Pages) renewLinks(c *gin.Context) {
	sv, co, prog, ok := p.surveyFor(c, c.Param("id"), toManage)
	if !ok {
		return
	}
	invs, err := p.Store.Reissue(c, sv.ID, nil)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.sendLinks(c, sv, co, prog, invs, "new-links")
}

func (p *Pages) sendLinks(c *gin.Context, sv survey.Survey, co survey.Cohort, prog survey.Program, invs []store.NewInvitation, name string) {
	if len(invs) == 0 {
		c.Redirect(http.StatusSeeOther, "/hr/surveys/"+sv.ID+"?done=no_links")
		return
	}
	parts, err := p.Store.Participants(c, co.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	byID := map[string]survey.Participant{}
	for _, pt := range parts {
		byID[pt.ID] = pt
	}
	lang := prog.Language
	title := p.Catalog.Phase(sv.Phase).Title.In(lang)
	closes := p.when(lang, sv.ClosesAt)
	rows := [][]string{{"name", "email", "role", "link", "survey", "closes"}}
	for _, inv := range invs {
		pt := byID[inv.ParticipantID]
		rows = append(rows, []string{pt.Name, pt.Email, string(pt.Role), survey.Link(p.BaseURL, inv.Token), title, closes})
	}
	file := fmt.Sprintf("tandem-%s-%s-%s", name, sv.Phase, p.Now().In(p.Location).Format("2006-01-02"))
	var body []byte
	media := exports.MediaCSV
	if c.PostForm("format") == "xlsx" {
		body, err = linksXLSX(rows)
		media, file = exports.MediaXLSX, file+".xlsx"
	} else {
		body, err = linksCSV(rows)
		file += ".csv"
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	// The links are secrets: no cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `attachment; filename="`+file+`"`)
	c.Data(http.StatusOK, media, body)
}

// linksCSV writes rows as CSV with a byte-order mark, so that Excel and
// mail-merge tools read umlauts right. Cells that a spreadsheet would run
// as a formula are neutralised as every CSV of the service is.
func linksCSV(rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, s := range r {
			safe[i] = exports.Neutralise(s)
		}
		if err := w.Write(safe); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// linksXLSX writes rows as a workbook of one sheet, every cell text.
func linksXLSX(rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Links"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, s := range r {
			cells[j] = s
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, ref, &cells); err != nil {
			return nil, err
		}
	}
	for col, width := range []float64{28, 32, 10, 60, 28, 24} {
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := f.SetColWidth(sheet, name, name, width); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
