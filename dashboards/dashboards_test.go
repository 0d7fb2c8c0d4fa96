package dashboards

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

func TestCommittedJSONIsGenerated(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			want, err := Render(name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is not what the code generates; run `go generate ./dashboards`", name)
			}
		})
	}
}

func TestStrictDecode(t *testing.T) {
	plugins.RegisterDefaultPlugins()
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var d dashboard.Dashboard
			if err := strictErr(d.UnmarshalJSONStrict(raw)); err != nil {
				t.Fatalf("strict decode: %v", err)
			}
			if err := d.Validate(); err != nil {
				t.Errorf("validate: %v", err)
			}
		})
	}
}

// strictErr turns the strict decoder's empty error list (its success) into
// nil.
func strictErr(err error) error {
	var list cog.BuildErrors
	if errors.As(err, &list) && len(list) == 0 {
		return nil
	}
	return err
}

// rawDashboard is the part of Grafana's JSON these checks read.
type rawDashboard struct {
	Templating struct {
		List []struct {
			Type, Name string
			Query      any
			Datasource *dsRef
		}
	}
	Panels []rawPanel
}

type rawPanel struct {
	Type        string
	Title       string
	Description string
	Datasource  *dsRef
	Panels      []rawPanel
	FieldConfig struct {
		Defaults struct{ Unit string }
	}
	Targets []struct {
		Expr       string
		Datasource *dsRef
	}
}

type dsRef struct{ Type, UID string }

func loadRaw(t *testing.T, name string) rawDashboard {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var d rawDashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDashboardConventions checks what the SDK cannot: the data source is
// always the $datasource variable, every panel says what it shows and in
// which unit, and the participation dashboard filters by program and
// cohort.
func TestDashboardConventions(t *testing.T) {
	wantVars := map[string][]string{
		"participation.json": {"datasource", "program", "cohort"},
		"service.json":       {"datasource", "job", "instance"},
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			d := loadRaw(t, name)
			var vars []string
			for _, v := range d.Templating.List {
				vars = append(vars, v.Name)
				if v.Name == "datasource" && v.Type != "datasource" {
					t.Errorf("variable datasource: got type %q, want datasource", v.Type)
				}
				if v.Datasource != nil && v.Datasource.UID != "${datasource}" {
					t.Errorf("variable %s: data source %q, want ${datasource}", v.Name, v.Datasource.UID)
				}
			}
			if got, want := strings.Join(vars, ","), strings.Join(wantVars[name], ","); got != want {
				t.Errorf("got variables %s, want %s", got, want)
			}
			for _, p := range flatten(d.Panels) {
				checkPanel(t, p)
			}
		})
	}
}

func checkPanel(t *testing.T, p rawPanel) {
	t.Helper()
	if p.Type == "row" {
		return
	}
	if p.Description == "" {
		t.Errorf("panel %q has no description", p.Title)
	}
	if p.FieldConfig.Defaults.Unit == "" {
		t.Errorf("panel %q has no unit", p.Title)
	}
	if p.Datasource == nil || p.Datasource.UID != "${datasource}" {
		t.Errorf("panel %q: data source %+v, want ${datasource}", p.Title, p.Datasource)
	}
	if len(p.Targets) == 0 {
		t.Errorf("panel %q has no query", p.Title)
	}
	for _, q := range p.Targets {
		if q.Datasource == nil || q.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: query data source %+v, want ${datasource}", p.Title, q.Datasource)
		}
		if strings.Contains(q.Expr, "tandem_survey") && !strings.Contains(q.Expr, `cohort=~"$cohort"`) {
			t.Errorf("panel %q: %s ignores the cohort variable", p.Title, q.Expr)
		}
	}
}

func flatten(ps []rawPanel) []rawPanel {
	var out []rawPanel
	for _, p := range ps {
		out = append(out, p)
		out = append(out, flatten(p.Panels)...)
	}
	return out
}
