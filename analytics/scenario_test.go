package analytics

// The reference check of the results: testdata/scenario.json is a final
// survey answered by 31 of 35 participants (made by scenario_make.py), and
// testdata/scenario_reference.json holds the results JSON that numpy and
// scipy give for it without breakdown, by role and by department, for a
// program publishing by role and for one publishing by role and
// department, with the publication rules written out independently
// (scenario_reference.py).
// TestScenarioReference loads the scenario through the real store and
// compares every field of the results within 1e-4. After changing the
// scenario, regenerate the reference with
//
//	cd analytics/testdata && /usr/bin/python3 scenario_reference.py

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"

	"tandem/survey"
)

type scenario struct {
	Phase        survey.Phase `json:"phase"`
	Threshold    int          `json:"threshold"`
	Mode         survey.Mode  `json:"mode"`
	Participants []struct {
		Role       survey.Role `json:"role"`
		Department string      `json:"department"`
		Generation string      `json:"generation"`
		Region     string      `json:"region"`
		Answers    url.Values  `json:"answers"` // null: invited, not submitted
		Opened     bool        `json:"opened"`
	} `json:"participants"`
}

// scenarioTolerance is the largest difference accepted from the reference.
const scenarioTolerance = 1e-4

func TestScenarioReference(t *testing.T) {
	var sc scenario
	var refs map[string]map[string]any
	mustReadJSON(t, "scenario.json", &sc)
	mustReadJSON(t, "scenario_reference.json", &refs)
	people := make([]person, len(sc.Participants))
	answers := map[int]url.Values{}
	var opened []int
	for i, p := range sc.Participants {
		people[i] = person{Role: p.Role, Department: p.Department, Generation: p.Generation, Region: p.Region}
		switch {
		case p.Answers != nil:
			answers[i] = p.Answers
		case p.Opened:
			opened = append(opened, i)
		}
	}
	for _, policy := range []string{"role", "role,department"} {
		ref := refs[policy]
		w := newWorldPublishing(t, sc.Threshold, sc.Mode, people, strings.Split(policy, ","), false)
		id := w.runOpened(sc.Phase, answers, opened)
		checkScenario(t, policy, w, id, ref)
	}
}

// checkScenario compares the results of survey id of w, published by
// policy, with the reference ref.
func checkScenario(t *testing.T, policy string, w *world, id string, ref map[string]any) {
	for _, by := range []string{"", "role", "department"} {
		t.Run(policy+"/by="+by, func(t *testing.T) {
			want, ok := ref[by]
			if !ok {
				t.Fatalf("no reference for by=%q; rerun scenario_reference.py", by)
			}
			b, err := json.Marshal(mustResults(t, w, id, by))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			delete(got, "survey_id")
			delete(got, "cohort_id")
			var diffs []string
			compareJSON("", got, want, &diffs)
			if len(diffs) > 0 {
				t.Errorf("%d differences from the reference:\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 40)], "\n"))
			}
			if parts := mustResults(t, w, id, by); by != "" && !parts.Suppressed {
				checkNoSmallRemainder(t, mustResults(t, w, id, ""), parts)
			}
		})
	}
}

// compareJSON records every difference between decoded JSON values got and
// want at path: missing or extra keys, types, lengths, strings, and numbers
// further apart than scenarioTolerance.
func compareJSON(path string, got, want any, diffs *[]string) {
	add := func(format string, args ...any) { *diffs = append(*diffs, path+": "+fmt.Sprintf(format, args...)) }
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			add("got %v, want an object", got)
			return
		}
		for _, k := range slices.Sorted(mapKeys(w, g)) {
			gv, gok := g[k]
			wv, wok := w[k]
			switch {
			case !gok:
				add("missing %q (want %v)", k, wv)
			case !wok:
				add("extra %q (%v)", k, gv)
			default:
				compareJSON(path+"."+k, gv, wv, diffs)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			add("got %v, want %v", got, want)
			return
		}
		for i := range w {
			compareJSON(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], diffs)
		}
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > scenarioTolerance {
			add("got %v, want %v", got, w)
		}
	default:
		if got != want {
			add("got %v, want %v", got, want)
		}
	}
}

func mapKeys(a, b map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range a {
			if !yield(k) {
				return
			}
		}
		for k := range b {
			if _, dup := a[k]; !dup && !yield(k) {
				return
			}
		}
	}
}
