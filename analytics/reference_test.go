package analytics

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// tolerance is the largest absolute or relative difference accepted between a
// figure and its reference value.
const tolerance = 1e-9

type (
	vectorCase struct {
		Name string    `json:"name"`
		XS   []float64 `json:"xs"`
	}
	alphaCase struct {
		Name string       `json:"name"`
		Rows [][]*float64 `json:"rows"` // null marks a skipped item
	}
	twoSampleCase struct {
		Name string    `json:"name"`
		A    []float64 `json:"a"`
		B    []float64 `json:"b"`
	}
	pairedCase struct {
		Name   string    `json:"name"`
		Before []float64 `json:"before"`
		After  []float64 `json:"after"`
	}
	pearsonCase struct {
		Name string    `json:"name"`
		X    []float64 `json:"x"`
		Y    []float64 `json:"y"`
	}
	inputs struct {
		Describe  []vectorCase    `json:"describe"`
		Alpha     []alphaCase     `json:"alpha"`
		NPS       []vectorCase    `json:"nps"`
		TwoSample []twoSampleCase `json:"two_sample"`
		Paired    []pairedCase    `json:"paired"`
		Pearson   []pearsonCase   `json:"pearson"`
	}
	alphaRef struct {
		NComplete int      `json:"n_complete"`
		Alpha     *float64 `json:"alpha"`
	}
	twoSampleRef struct {
		Welch   *TTest   `json:"welch"`
		HedgesG *float64 `json:"hedges_g"`
	}
	pearsonRef struct {
		N int      `json:"n"`
		R *float64 `json:"r"`
		P *float64 `json:"p"`
	}
	references struct {
		Describe  map[string]Summary      `json:"describe"`
		Alpha     map[string]alphaRef     `json:"alpha"`
		NPS       map[string]NPSResult    `json:"nps"`
		TwoSample map[string]twoSampleRef `json:"two_sample"`
		Paired    map[string]Paired       `json:"paired"`
		Pearson   map[string]pearsonRef   `json:"pearson"`
	}
)

// loadReference reads the input vectors and scipy's figures for them, and
// fails if a case lacks its reference (reference.py was not rerun).
func loadReference(tb testing.TB) (inputs, references) {
	tb.Helper()
	var in inputs
	var ref references
	mustReadJSON(tb, "stats_input.json", &in)
	mustReadJSON(tb, "stats_reference.json", &ref)
	requireRefs(tb, "describe", in.Describe, func(c vectorCase) string { return c.Name }, ref.Describe)
	requireRefs(tb, "alpha", in.Alpha, func(c alphaCase) string { return c.Name }, ref.Alpha)
	requireRefs(tb, "nps", in.NPS, func(c vectorCase) string { return c.Name }, ref.NPS)
	requireRefs(tb, "two_sample", in.TwoSample, func(c twoSampleCase) string { return c.Name }, ref.TwoSample)
	requireRefs(tb, "paired", in.Paired, func(c pairedCase) string { return c.Name }, ref.Paired)
	requireRefs(tb, "pearson", in.Pearson, func(c pearsonCase) string { return c.Name }, ref.Pearson)
	return in, ref
}

func mustReadJSON(tb testing.TB, name string, v any) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("decode %s: %v", name, err)
	}
}

func requireRefs[C, R any](tb testing.TB, kind string, cases []C, name func(C) string, refs map[string]R) {
	tb.Helper()
	for _, c := range cases {
		if _, ok := refs[name(c)]; !ok {
			tb.Fatalf("%s case %q has no reference value; rerun testdata/reference.py", kind, name(c))
		}
	}
}

func near(got, want float64) bool {
	d := math.Abs(got - want)
	return d <= tolerance || d <= tolerance*math.Abs(want)
}

func checkFloat(t *testing.T, field string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s: got %.17g, want %.17g", field, got, want)
	}
}

// checkNullable compares a figure that may be undefined (nil, JSON null).
func checkNullable(t *testing.T, field string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s: got %s, want %s", field, show(got), show(want))
	default:
		checkFloat(t, field, *got, *want)
	}
}

func checkInterval(t *testing.T, field string, got, want *Interval) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Errorf("%s: got %v, want %v", field, got, want)
		return
	}
	if got != nil {
		checkFloat(t, field+"[lo]", got[0], want[0])
		checkFloat(t, field+"[hi]", got[1], want[1])
	}
}

func checkTTest(t *testing.T, field string, got, want *TTest) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Errorf("%s: got %+v, want %+v", field, got, want)
		return
	}
	if got != nil {
		checkFloat(t, field+".t", got.T, want.T)
		checkFloat(t, field+".df", got.DF, want.DF)
		checkFloat(t, field+".p", got.P, want.P)
	}
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	b, _ := json.Marshal(*p)
	return string(b)
}
