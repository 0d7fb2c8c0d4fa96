package analytics

// The reference check of the program summary: testdata/program.json is a
// program of three rounds (made by program_make.py), and
// testdata/program_reference.json holds the figures numpy and scipy give
// for it, with the publication rules written out independently
// (program_reference.py). TestProgramReference loads the program through
// the real store and compares every figure the reference holds within
// 1e-4. After changing the scenario, regenerate the reference with
//
//	cd analytics/testdata && /usr/bin/python3 program_reference.py

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/survey"
)

type programFile struct {
	Name      string      `json:"name"`
	Language  string      `json:"language"`
	Threshold int         `json:"threshold"`
	Mode      survey.Mode `json:"mode"`
	Rounds    []struct {
		Name     string `json:"name"`
		StartsOn string `json:"starts_on"`
		EndsOn   string `json:"ends_on"`
		People   []struct {
			survey.ParticipantInput
			Answers map[survey.Phase]url.Values `json:"answers"`
		} `json:"people"`
		Tandems [][]int `json:"tandems"`
	} `json:"rounds"`
}

func TestProgramReference(t *testing.T) {
	var pf programFile
	var ref map[string]any
	mustReadJSON(t, "program.json", &pf)
	mustReadJSON(t, "program_reference.json", &ref)
	ctx := context.Background()
	w := &world{tb: t, st: mustOpenStore(t), cat: mustCatalog(t)}
	prog, err := w.st.CreateProgram(ctx, survey.Program{Name: pf.Name, Language: pf.Language, Threshold: pf.Threshold, Mode: pf.Mode})
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range pf.Rounds {
		co, err := w.st.CreateCohort(ctx, prog.ID, survey.Cohort{Name: rd.Name, StartsOn: rd.StartsOn, EndsOn: rd.EndsOn})
		if err != nil {
			t.Fatal(err)
		}
		w.cohort, w.people = co, nil
		in := make([]survey.ParticipantInput, len(rd.People))
		for i, p := range rd.People {
			in[i] = p.ParticipantInput
			w.people = append(w.people, person{Role: survey.Role(p.Role)})
		}
		if w.ids, err = w.st.AddParticipants(ctx, co.ID, in); err != nil {
			t.Fatal(err)
		}
		for _, tm := range rd.Tandems {
			var members []string
			for _, i := range tm {
				members = append(members, w.ids[i])
			}
			if _, err := w.st.CreateTandem(ctx, co.ID, members); err != nil {
				t.Fatal(err)
			}
		}
		w.opens, _ = time.Parse(time.DateOnly, rd.StartsOn)
		for _, phase := range []survey.Phase{survey.PhaseKickoff, survey.PhaseFinal} {
			answers := map[int]url.Values{}
			for i, p := range rd.People {
				if v, ok := p.Answers[phase]; ok {
					answers[i] = v
				}
			}
			w.run(phase, answers)
		}
	}
	r := &Reader{DB: w.st.DB(), Catalog: w.cat, Now: func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }}
	sum, err := r.ProgramSummary(ctx, prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(sum)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	// The reference lists a round's topics as "learning".
	for _, rd := range got["rounds"].([]any) {
		m := rd.(map[string]any)
		m["learning"] = flattenLearning(m["learning"].(map[string]any)["topics"])
	}
	var diffs []string
	compareSubset("", got, ref, &diffs)
	if len(diffs) > 0 {
		t.Errorf("%d differences from the reference:\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 40)], "\n"))
	}
	if _, err := r.ProgramSummary(ctx, "nope"); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unknown program: got %v, want not_found", err)
	}
}

// flattenLearning puts a paired topic's figures where the reference
// has them: n, mean_diff and test beside the method.
func flattenLearning(topics any) []any {
	out := []any{}
	for _, tp := range topics.([]any) {
		m := tp.(map[string]any)
		if m["method"] == MethodPaired && m["test"] == nil {
			delete(m, "test")
		}
		out = append(out, m)
	}
	return out
}

// compareSubset records every difference between got and want at path,
// for the keys want holds only (got may hold more).
func compareSubset(path string, got, want any, diffs *[]string) {
	add := func(format string, args ...any) { *diffs = append(*diffs, path+": "+fmt.Sprintf(format, args...)) }
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			add("got %v, want an object", got)
			return
		}
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range w {
				if !yield(k) {
					return
				}
			}
		}) {
			gv, ok := g[k]
			if !ok {
				if w[k] != nil && w[k] != false {
					add("missing %q (want %v)", k, w[k])
				}
				continue
			}
			compareSubset(path+"."+k, gv, w[k], diffs)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			add("got %v, want %v", got, want)
			return
		}
		for i := range w {
			compareSubset(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], diffs)
		}
	default:
		compareJSON(path, got, want, diffs)
	}
}
