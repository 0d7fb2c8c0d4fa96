package analytics

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"

	"tandem/survey"
)

func TestSuppress(t *testing.T) {
	const small, comp = "small", CodeComplement
	tests := []struct {
		name      string
		ns        []int
		withheld  []bool
		threshold int
		want      []string
	}{
		{"all large", []int{5, 7, 9}, nil, 5, []string{"", "", ""}},
		{"one small takes the next smallest", []int{9, 2, 6, 7}, nil, 5, []string{"", small, comp, ""}},
		{"tie goes to the earlier cell", []int{6, 2, 6}, nil, 5, []string{comp, small, ""}},
		{"two small that hide enough together", []int{3, 4, 9}, nil, 5, []string{small, small, ""}},
		{"two small that stay below the threshold", []int{1, 2, 9, 7}, nil, 5, []string{small, small, "", comp}},
		{"zero cells are neither small nor a complement", []int{0, 8, 0, 6}, nil, 5, []string{"", "", "", ""}},
		{"zero cell next to a small one", []int{0, 3, 8, 6}, nil, 5, []string{"", small, "", comp}},
		{"only cell small", []int{3}, nil, 5, []string{small}},
		{"two cells, one small: both go", []int{3, 20}, nil, 5, []string{small, comp}},
		{"threshold 1 hides nothing", []int{1, 1, 0}, nil, 1, []string{"", "", ""}},
		{"withheld group counts as hidden", []int{4, 2, 9}, []bool{true, false, false}, 5, []string{comp, small, ""}},
		{"withheld group hides enough", []int{6, 2, 9}, []bool{true, false, false}, 5, []string{comp, small, ""}},
		{"withheld group with few answers needs a complement", []int{1, 7, 9}, []bool{true, false, false}, 5, []string{comp, comp, ""}},
		{"withheld empty group needs none", []int{0, 7, 9}, []bool{true, false, false}, 5, []string{comp, "", ""}},
		{"everything small", []int{1, 1, 1}, nil, 5, []string{small, small, small}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Suppress(tc.ns, tc.withheld, tc.threshold, small)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Suppress(%v, %v, %d): got %q, want %q", tc.ns, tc.withheld, tc.threshold, got, tc.want)
			}
		})
	}
}

// TestSuppressLeavesNoSmallRemainder checks the property the rule exists
// for, on every breakdown of up to five cells of 0..7 with threshold 5:
// what the shown cells leave of the total is 0 or at least the threshold
// (unless the total itself is below the threshold, and so not published).
func TestSuppressLeavesNoSmallRemainder(t *testing.T) {
	const threshold = 5
	var walk func(ns []int)
	walk = func(ns []int) {
		if len(ns) > 0 {
			rs := Suppress(ns, nil, threshold, "small")
			hidden, total := 0, 0
			for i, r := range rs {
				total += ns[i]
				if r != "" {
					hidden += ns[i]
				}
				if r == "" && ns[i] > 0 && ns[i] < threshold {
					t.Fatalf("%v: small cell %d shown", ns, i)
				}
			}
			if hidden > 0 && hidden < threshold && total >= threshold {
				t.Fatalf("%v: got %q, leaving %d responses to be worked out", ns, rs, hidden)
			}
		}
		if len(ns) == 5 {
			return
		}
		for n := 0; n <= 7; n++ {
			walk(append(slices.Clone(ns), n))
		}
	}
	walk(nil)
}

func TestReportOrder(t *testing.T) {
	tests := []struct {
		attr int
		keys []string
		want []string
	}{
		{attrRole, []string{"peer", Other, "mentee", "mentor"}, []string{"mentor", "mentee", "peer", Other}},
		{1, []string{"Vertrieb", Other, "", "IT", "Finanzen"}, []string{"Finanzen", "IT", "Vertrieb", "", Other}},
	}
	for _, tc := range tests {
		got := slices.Clone(tc.keys)
		slices.SortFunc(got, reportOrder(tc.attr))
		if !slices.Equal(got, tc.want) {
			t.Errorf("reportOrder(%d) of %q: got %q, want %q", tc.attr, tc.keys, got, tc.want)
		}
	}
}

func TestCountsValues(t *testing.T) {
	c := counts{5: 2, 1: 1, 3: 0, 2.5: 1}
	if got, want := c.values(), []float64{1, 2.5, 5, 5}; !slices.Equal(got, want) {
		t.Errorf("values: got %v, want %v", got, want)
	}
	if got, want := c.total(), 4; got != want {
		t.Errorf("total: got %d, want %d", got, want)
	}
}

func TestCheckBreakdown(t *testing.T) {
	for _, by := range []string{"", "role", "department", "generation", "region"} {
		if err := CheckBreakdown(by); err != nil {
			t.Errorf("CheckBreakdown(%q): got %v, want nil", by, err)
		}
	}
	for _, by := range []string{"name", "email", "Role", "role;DROP TABLE answers", "participant_id"} {
		if err := CheckBreakdown(by); err == nil {
			t.Errorf("CheckBreakdown(%q): got nil, want an error", by)
		}
	}
}

// TestWithheldWords: every code has its sentence in the catalog, in every
// language, and the JSON's reason is the English one with the threshold
// and the attribute (by name) filled in, while pages get its label.
func TestWithheldWords(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "suppress.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, spec := range g.Specs {
				if lit, ok := spec.(*ast.ValueSpec).Values[0].(*ast.BasicLit); ok {
					v, _ := strconv.Unquote(lit.Value)
					codes = append(codes, v)
				}
			}
		}
	}
	if len(codes) < 14 {
		t.Fatalf("found %d codes, want every one", len(codes))
	}
	for _, c := range codes {
		if !survey.Messages.Has("withheld." + c) {
			t.Errorf("code %s has no sentence", c)
		}
	}
	w := withhold(CodeNotOffered, 5, "department")
	if w.Reason != "the program does not publish results by department" {
		t.Errorf("reason: got %q", w.Reason)
	}
	if got := w.Why("de"); got != "das Programm weist keine Ergebnisse nach Abteilung aus" {
		t.Errorf("Why(de): got %q", got)
	}
	if got := withhold(CodeFewAnswers, 3, "").Why("de"); got != "weniger als 3 Antworten" {
		t.Errorf("Why(de): got %q", got)
	}
}
