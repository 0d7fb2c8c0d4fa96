package hr

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tandem/survey"
)

// TestReasonsInGerman: the domain's rules reach a German page in German,
// from their codes and arguments, with participants named instead of
// their ids, and no English sentence slips through.
func TestReasonsInGerman(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	c.lang = "de"
	co := "/hr/cohorts/" + w.cohort

	tests := []struct {
		name           string
		send           func() response
		want, notWant  []string
		wantStatusCode int
	}{
		{"import", func() response {
			return c.upload(co+"/participants/preview", "teilnehmende.xlsx", xlsxOf(t, [][]any{
				{"Name", "E-Mail", "Rolle"},
				{"Kim", "not-an-address", "boss"},
				{"Jürgen again", "juergen@example.com", "mentee"},
				{"", "a@example.com", "mentor"},
				{"Ana", "a@example.com", "mentee"},
			}))
		}, []string{"ist keine E-Mail-Adresse", "muss mentor, mentee oder peer sein", "ist schon in dieser Runde", "fehlt", "wiederholt Zeile 4", `id="row-5"`},
			[]string{"is not an e-mail address", "must be mentor", "is already in this cohort", "is required", "repeats row"}, http.StatusUnprocessableEntity},
		{"tandem of a taken member", func() response {
			return c.post(co+"/tandems", url.Values{"member": {w.people[2], w.people[1]}})
		}, []string{"Zoë Brügger ist schon in einem Tandem dieser Runde"}, []string{w.people[1], "is already in a tandem"}, http.StatusUnprocessableEntity},
		{"tandem of one", func() response {
			return c.post(co+"/tandems", url.Values{"member": {w.people[2]}})
		}, []string{"braucht zwei oder drei Personen"}, []string{"participant ids"}, http.StatusUnprocessableEntity},
		{"account twice", func() response {
			return c.post("/hr/accounts", url.Values{"email": {"admin@example.com"}, "role": {"viewer"}})
		}, []string{"für diese E-Mail-Adresse gibt es schon ein Konto"}, []string{"exists already"}, http.StatusUnprocessableEntity},
		{"survey closing before it opens", func() response {
			return c.post(co+"/surveys", url.Values{"phase": {"midpoint"}, "opens_at": {"2026-06-14T09:00"}, "closes_at": {"2026-06-01T18:00"}})
		}, []string{"muss nach dem Öffnen liegen"}, []string{"must be after"}, http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.send()
			if r.status != tc.wantStatusCode {
				t.Fatalf("got %d, want %d:\n%.3000s", r.status, tc.wantStatusCode, r.body)
			}
			for _, s := range tc.want {
				if !strings.Contains(r.body, s) {
					t.Errorf("the page lacks %q", s)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(r.body, s) {
					t.Errorf("the page shows %q", s)
				}
			}
		})
	}
}
