package hr

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/exports"
	"tandem/survey"
)

// upload posts a file to the import preview.
func (c *client) upload(path, name string, data []byte) response {
	c.e.t.Helper()
	if c.csrf == "" {
		c.get("/hr/programs")
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var hiddenRows = regexp.MustCompile(`name="rows" value="([^"]*)"`)

func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImportPreviewThenConfirm(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	path := "/hr/cohorts/" + w.cohort + "/participants"

	// A file with errors: a preview naming each row of the file, nothing stored.
	bad := xlsxOf(t, [][]any{
		{"Name", "E-Mail", "Rolle", "Abteilung"},
		{"Ömer Yıldız", "oemer@example.com", "mentor", "IT"},
		{},
		{"Kim", "not-an-address", "boss", ""},
		{"Jürgen again", "juergen@example.com", "mentee", ""},
	})
	r := c.upload(path+"/preview", "teilnehmende.xlsx", bad).must(t, http.StatusUnprocessableEntity, "preview with errors")
	for _, want := range []string{`id="row-4"`, "is not an e-mail address", "must be mentor, mentee or peer", `id="row-5"`, "is already in this cohort", "Ömer Yıldız"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if strings.Contains(r.body, `name="rows"`) {
		t.Error("a preview with errors offers to store")
	}
	n, _ := e.store.Participants(t.Context(), w.cohort)

	// A good CSV (German spreadsheet: semicolons): preview, then confirm.
	good := "\ufeffname;email;role;department;generation;region\nÖmer Yıldız;oemer@example.com;mentor;IT;gen z;Köln\nSam Peer;sam@example.com;peer;;;\n"
	r = c.upload(path+"/preview", "liste.csv", []byte(good)).must(t, http.StatusOK, "preview")
	if got, _ := e.store.Participants(t.Context(), w.cohort); len(got) != len(n) {
		t.Fatalf("the preview stored %d participants", len(got)-len(n))
	}
	m := hiddenRows.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no confirmation in the preview:\n%s", r.body)
	}
	rows := strings.ReplaceAll(strings.ReplaceAll(m[1], "&#34;", `"`), "&amp;", "&")
	r = c.post(path, url.Values{"rows": {rows}}).must(t, http.StatusSeeOther, "confirm")
	got, _ := e.store.Participants(t.Context(), w.cohort)
	if len(got) != len(n)+2 {
		t.Fatalf("got %d participants, want %d", len(got), len(n)+2)
	}
	// Confirming twice stores nothing more: the rows are checked again.
	c.post(path, url.Values{"rows": {rows}}).must(t, http.StatusUnprocessableEntity, "confirm again")
	if again, _ := e.store.Participants(t.Context(), w.cohort); len(again) != len(got) {
		t.Errorf("the second confirmation stored %d more", len(again)-len(got))
	}
	c.upload(path+"/preview", "liste.pdf", []byte("%PDF")).must(t, http.StatusUnprocessableEntity, "a PDF")
}

func TestTandemsAndSurveys(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	co := "/hr/cohorts/" + w.cohort
	// people[2] is a mentor, people[3] a mentee: 1:1. Two mentors: refused.
	r := c.post(co+"/tandems", url.Values{"member": {w.people[2]}}).must(t, http.StatusUnprocessableEntity, "one member")
	if !strings.Contains(r.body, "two or three") {
		t.Errorf("no reason for a one-person tandem")
	}
	r = c.post(co+"/tandems", url.Values{"member": {w.people[2], w.people[1]}}).must(t, http.StatusUnprocessableEntity, "taken member")
	if !strings.Contains(r.body, "Zoë Brügger is already in a tandem") {
		t.Errorf("the refusal does not name the person:\n%s", r.body)
	}
	c.post(co+"/tandems", url.Values{"member": {w.people[2], w.people[3]}}).must(t, http.StatusSeeOther, "1:1")
	r = c.get(co + "/tandems")
	if !strings.Contains(r.body, "1 : 1") || !strings.Contains(r.body, "Lea Schäfer") {
		t.Errorf("the tandem page does not show the new tandem")
	}

	// Scheduling: times in the pages' zone; bad input re-renders with errors.
	r = c.post(co+"/surveys", url.Values{"phase": {"midpoint"}, "opens_at": {"2026-06-14T09:00"}, "closes_at": {"2026-06-01T18:00"}}).
		must(t, http.StatusUnprocessableEntity, "closes before it opens")
	if !strings.Contains(r.body, `id="err-closes_at"`) {
		t.Errorf("no error next to closes_at")
	}
	later := time.Now().Add(48 * time.Hour).Format(localInput)
	end := time.Now().Add(96 * time.Hour).Format(localInput)
	r = c.post(co+"/surveys", url.Values{"phase": {"midpoint"}, "opens_at": {later}, "closes_at": {end}}).must(t, http.StatusSeeOther, "schedule")
	sv := strings.TrimSuffix(strings.TrimPrefix(r.header.Get("Location"), "/hr/surveys/"), "?done=survey_created")
	page := c.get("/hr/surveys/"+sv).must(t, http.StatusOK, "survey page")
	if !strings.Contains(page.body, "badge-scheduled") || !strings.Contains(page.body, "/open") {
		t.Errorf("a scheduled survey does not offer to open now")
	}
	c.post("/hr/surveys/"+sv+"/open", nil).must(t, http.StatusSeeOther, "open now")
	got, _ := e.store.Survey(t.Context(), sv)
	if got.StatusAt(time.Now()) != survey.StatusOpen {
		t.Errorf("after opening: %s", got.StatusAt(time.Now()))
	}
	c.post("/hr/surveys/"+sv+"/close", nil).must(t, http.StatusSeeOther, "close")
	got, _ = e.store.Survey(t.Context(), sv)
	if got.StatusAt(time.Now()) != survey.StatusClosed {
		t.Errorf("after closing: %s", got.StatusAt(time.Now()))
	}
	c.post("/hr/surveys/"+sv+"/links", url.Values{"format": {"csv"}}).must(t, http.StatusConflict, "links of a closed survey")
}

func TestLinksDownloadOnceAndRenew(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountOrganiser, "org@example.com", w.program)
	c := e.signedIn("org@example.com")
	// A survey of its own, nobody invited yet.
	co := "/hr/cohorts/" + w.cohort
	r := c.post(co+"/surveys", url.Values{"phase": {"kickoff"}, "opens_at": {time.Now().Add(-time.Hour).In(time.UTC).Format(localInput)},
		"closes_at": {time.Now().Add(72 * time.Hour).In(time.UTC).Format(localInput)}}).must(t, http.StatusSeeOther, "schedule")
	sv := strings.TrimSuffix(strings.TrimPrefix(r.header.Get("Location"), "/hr/surveys/"), "?done=survey_created")

	r = c.post("/hr/surveys/"+sv+"/links", url.Values{"format": {"csv"}}).must(t, http.StatusOK, "links as CSV")
	if ct := r.header.Get("Content-Type"); ct != exports.MediaCSV || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") ||
		r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers: %v", r.header)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || strings.Join(recs[0], ",") != "name,email,role,link,survey,closes" {
		t.Fatalf("got %d rows: %v", len(recs), recs)
	}
	links := map[string]string{}
	for _, rec := range recs[1:] {
		tok := strings.TrimPrefix(rec[3], "http://tandem.test/s/")
		if _, err := e.store.FormByToken(t.Context(), tok); err != nil {
			t.Errorf("the link of %s opens nothing: %v", rec[0], err)
		}
		links[rec[1]] = tok
	}
	// Everyone has a link now: a second request makes none (the tokens are
	// not kept, so they cannot be shown again).
	r = c.post("/hr/surveys/"+sv+"/links", url.Values{"format": {"xlsx"}}).must(t, http.StatusSeeOther, "no more links")
	if !strings.Contains(r.header.Get("Location"), "done=no_links") {
		t.Errorf("got redirect %q", r.header.Get("Location"))
	}
	// Lost links: renew, as XLSX; the old ones stop working.
	r = c.post("/hr/surveys/"+sv+"/links/renew", url.Values{"format": {"xlsx"}}).must(t, http.StatusOK, "renew as XLSX")
	if r.header.Get("Content-Type") != exports.MediaXLSX {
		t.Errorf("content type %q", r.header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Links")
	if len(rows) != 5 {
		t.Fatalf("renewed %d rows", len(rows)-1)
	}
	for _, row := range rows[1:] {
		tok := strings.TrimPrefix(row[3], "http://tandem.test/s/")
		if tok == links[row[1]] {
			t.Errorf("%s kept the old link", row[0])
		}
		if _, err := e.store.FormByToken(t.Context(), links[row[1]]); survey.ErrorCode(err) != survey.ENotFound {
			t.Errorf("the old link of %s still works", row[0])
		}
		if _, err := e.store.FormByToken(t.Context(), tok); err != nil {
			t.Errorf("the new link of %s opens nothing", row[0])
		}
	}
}
