package hr

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tandem/survey"
)

// world is a program with a cohort, its participants, a tandem and an open
// survey with invitations, plus a second program nobody but admins sees.
type world struct {
	program, other, cohort, otherCohort, survey string
	people                                      []string
}

func (e *env) world() world {
	e.t.Helper()
	ctx := context.Background()
	var w world
	mk := func(name string) (string, string) {
		p, err := e.store.CreateProgram(ctx, survey.Program{Name: name, Language: "de", Threshold: 3, Mode: survey.ModeConfidential})
		if err != nil {
			e.t.Fatal(err)
		}
		c, err := e.store.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Runde 1", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
		if err != nil {
			e.t.Fatal(err)
		}
		return p.ID, c.ID
	}
	w.program, w.cohort = mk("Reverse Mentoring 2026")
	w.other, w.otherCohort = mk("Other program")
	ids, err := e.store.AddParticipants(ctx, w.cohort, []survey.ParticipantInput{
		{Name: "Jürgen Weiß", Email: "juergen@example.com", Role: "mentee"},
		{Name: "Zoë Brügger", Email: "zoe@example.com", Role: "mentor"},
		{Name: "Lea Schäfer", Email: "lea@example.com", Role: "mentor"},
		{Name: "Dagmar Köhler", Email: "dagmar@example.com", Role: "mentee"},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	w.people = ids
	if _, err := e.store.CreateTandem(ctx, w.cohort, ids[:2]); err != nil {
		e.t.Fatal(err)
	}
	now := time.Now().UTC()
	sv, err := e.store.CreateSurvey(ctx, w.cohort, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(48 * time.Hour)})
	if err != nil {
		e.t.Fatal(err)
	}
	w.survey = sv.ID
	if _, err := e.store.Invite(ctx, sv.ID); err != nil {
		e.t.Fatal(err)
	}
	return w
}

// route is one request of the HR pages and the form it sends.
type route struct {
	method, path string
	form         url.Values
	// kind says who may: "view" (every member), "manage" (organisers
	// and admins), "admin".
	kind string
}

func routes(w world) []route {
	co, sv := "/hr/cohorts/"+w.cohort, "/hr/surveys/"+w.survey
	return []route{
		{"GET", "/hr/programs/" + w.program, nil, "view"},
		{"GET", co + "/results", nil, "view"},
		{"GET", sv + "/results", nil, "view"},
		{"GET", sv + "/results?by=role", nil, "view"},
		{"GET", co + "/report.xlsx", nil, "view"},
		{"GET", co + "/responses.csv", nil, "view"},
		{"GET", co, nil, "manage"},
		{"GET", co + "/participants", nil, "manage"},
		{"GET", co + "/tandems", nil, "manage"},
		{"GET", sv, nil, "manage"},
		{"POST", "/hr/programs/" + w.program + "/cohorts", url.Values{"name": {"Runde 2"}, "starts_on": {"2027-01-01"}, "ends_on": {"2027-06-30"}}, "manage"},
		{"POST", co + "/surveys", url.Values{"phase": {"midpoint"}, "opens_at": {"2026-06-01T09:00"}, "closes_at": {"2026-06-14T18:00"}}, "manage"},
		{"POST", co + "/participants", url.Values{"rows": {`{"rows":[{"name":"Neu","email":"neu@example.com","role":"peer"}],"lines":[2]}`}}, "manage"},
		{"POST", co + "/tandems", url.Values{"member": {w.people[2], w.people[3]}}, "manage"},
		{"POST", sv + "/links", url.Values{"format": {"csv"}}, "manage"},
		{"POST", sv + "/links/renew", url.Values{"format": {"csv"}}, "manage"},
		{"POST", sv + "/open", nil, "manage"},
		{"POST", sv + "/close", nil, "manage"},
		{"GET", "/hr/accounts", nil, "admin"},
		{"POST", "/hr/accounts", url.Values{"email": {"new@example.com"}, "role": {"viewer"}}, "admin"},
		{"POST", "/hr/programs/" + w.program + "/members", url.Values{"account": {"x"}}, "admin"},
	}
}

// TestPermissions checks that each role reaches exactly what it should:
// an admin everything, an organiser their programs, a viewer the results
// and downloads of theirs, and nobody a program they are not a member of.
func TestPermissions(t *testing.T) {
	stub := func(ctx context.Context, w io.Writer, cohortID, lang string) error {
		_, err := w.Write([]byte("file"))
		return err
	}
	type who struct {
		role survey.AccountRole
		may  map[string]bool // kinds allowed
		// refusal is the status of a kind not allowed: 403 for a member,
		// 404 where the program does not exist for the account.
		refusal int
		member  bool
	}
	for name, u := range map[string]who{
		"viewer":    {survey.AccountViewer, map[string]bool{"view": true}, http.StatusForbidden, true},
		"stranger":  {survey.AccountOrganiser, map[string]bool{}, http.StatusNotFound, false},
		"organiser": {survey.AccountOrganiser, map[string]bool{"view": true, "manage": true}, http.StatusForbidden, true},
		"admin":     {survey.AccountAdmin, map[string]bool{"view": true, "manage": true, "admin": true}, 0, false},
	} {
		t.Run(name, func(t *testing.T) {
			// A world of its own: what one role changes must not decide
			// what the next may do.
			e := newEnv(t, func(c *Config) { c.Report, c.Responses = stub, stub })
			w := e.world()
			programs := []string{w.other}
			if u.member {
				programs = []string{w.program}
			}
			e.account(u.role, name+"@example.com", programs...)
			other := e.account(survey.AccountViewer, "someone@example.com")
			c := e.signedIn(name + "@example.com")
			for _, r := range routes(w) {
				var res response
				form := url.Values{}
				for k, v := range r.form {
					form[k] = v
				}
				if strings.HasSuffix(r.path, "/members") {
					form.Set("account", other.ID)
				}
				if r.method == "GET" {
					res = c.get(r.path)
				} else {
					res = c.post(r.path, form)
				}
				allowed := u.may[r.kind]
				switch {
				case allowed && res.status >= 400:
					t.Errorf("%s %s (%s): got %d, want it allowed:\n%.400s", r.method, r.path, r.kind, res.status, res.body)
				case !allowed:
					want := u.refusal
					if r.kind == "admin" {
						want = http.StatusForbidden // no program involved: simply not allowed
					}
					if res.status != want {
						t.Errorf("%s %s (%s): got %d, want %d", r.method, r.path, r.kind, res.status, want)
					}
				}
			}
		})
	}
}

func TestProgramsListed(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountAdmin, "admin@example.com")
	e.account(survey.AccountOrganiser, "stranger@example.com", w.other)
	e.account(survey.AccountViewer, "viewer@example.com", w.program)
	// The programs list shows each account its own programs only.
	for email, want := range map[string][]string{
		"viewer@example.com":   {"Reverse Mentoring 2026"},
		"stranger@example.com": {"Other program"},
		"admin@example.com":    {"Reverse Mentoring 2026", "Other program"},
	} {
		body := e.signedIn(email).get("/hr/programs").must(t, http.StatusOK, email+" programs").body
		for _, name := range []string{"Reverse Mentoring 2026", "Other program"} {
			if got, should := strings.Contains(body, ">"+name+"<"), contains(want, name); got != should {
				t.Errorf("%s sees %q: %v, want %v", email, name, got, should)
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestViewerChangesNothing posts every changing form as a viewer and
// checks that the database is as it was.
func TestViewerChangesNothing(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountViewer, "viewer@example.com", w.program)
	before := e.snapshot()
	c := e.signedIn("viewer@example.com")
	for _, r := range routes(w) {
		if r.method == "POST" {
			form := url.Values{}
			for k, v := range r.form {
				form[k] = v
			}
			c.post(r.path, form)
		}
	}
	c.post("/hr/programs", url.Values{"name": {"Viewer's program"}, "language": {"de"}}).must(t, http.StatusForbidden, "viewer creates a program")
	if after := e.snapshot(); after != before {
		t.Errorf("the viewer's posts changed the database:\nbefore %s\nafter  %s", before, after)
	}
	sv, _ := e.store.Survey(t.Context(), w.survey)
	if sv.ClosedAt != nil {
		t.Error("the viewer closed the survey")
	}
}

// snapshot sums up everything a form could change: the rows of each table,
// the tokens, the survey times, the accounts and memberships.
func (e *env) snapshot() string {
	e.t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT count(*) FROM programs`, `SELECT count(*) FROM cohorts`, `SELECT count(*) FROM participants`,
		`SELECT count(*) FROM tandems`, `SELECT count(*) FROM accounts`, `SELECT count(*) FROM program_members`,
		`SELECT coalesce(string_agg(hex(token_hash), ',' ORDER BY id), '') FROM invitations`,
		`SELECT coalesce(string_agg(opens_at::TEXT || '/' || coalesce(closed_at::TEXT, '-'), ',' ORDER BY id), '') FROM surveys`,
	} {
		var v string
		if err := e.store.DB().QueryRow(q).Scan(&v); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
		out = append(out, v)
	}
	return strings.Join(out, " | ")
}
