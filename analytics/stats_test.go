package analytics

// Reference values: testdata/stats_reference.json holds scipy/numpy's figures
// for the vectors in testdata/stats_input.json, and the *Reference tests
// compare every figure within 1e-9 (absolute or relative), null included.
// The tests read only those committed files and need no Python. After
// changing stats_input.json, regenerate the reference with
//
//	apt-get install -y python3-scipy python3-numpy
//	cd analytics/testdata && /usr/bin/python3 reference.py
//
// (Debian's /usr/bin/python3: a pyenv python3 cannot see Debian's scipy.)

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestDescribeReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.Describe {
		t.Run(c.Name, func(t *testing.T) {
			got, want := Describe(c.XS), ref.Describe[c.Name]
			if got.N != want.N {
				t.Errorf("n: got %d, want %d", got.N, want.N)
			}
			checkNullable(t, "mean", got.Mean, want.Mean)
			checkNullable(t, "sd", got.SD, want.SD)
			checkInterval(t, "ci95", got.CI95, want.CI95)
			checkNullable(t, "median", got.Median, want.Median)
			checkNullable(t, "top2box", got.Top2Box, want.Top2Box)
			checkNullable(t, "min", got.Min, want.Min)
			checkNullable(t, "max", got.Max, want.Max)
		})
	}
}

func TestCronbachAlphaReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.Alpha {
		t.Run(c.Name, func(t *testing.T) {
			rows := completeRows(c.Rows)
			want := ref.Alpha[c.Name]
			if len(rows) != want.NComplete {
				t.Errorf("complete rows: got %d, want %d", len(rows), want.NComplete)
			}
			checkNullable(t, "alpha", CronbachAlpha(rows), want.Alpha)
		})
	}
}

// completeRows does what a caller of CronbachAlpha must: keep only the
// respondents who answered every item of the dimension.
func completeRows(rows [][]*float64) [][]float64 {
	var out [][]float64
next:
	for _, row := range rows {
		vals := make([]float64, len(row))
		for i, v := range row {
			if v == nil {
				continue next
			}
			vals[i] = *v
		}
		out = append(out, vals)
	}
	return out
}

func TestNPSReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.NPS {
		t.Run(c.Name, func(t *testing.T) {
			got, want := NPS(c.XS), ref.NPS[c.Name]
			if got.N != want.N || got.Promoters != want.Promoters ||
				got.Passives != want.Passives || got.Detractors != want.Detractors {
				t.Errorf("counts: got %+v, want %+v", got, want)
			}
			checkNullable(t, "score", got.Score, want.Score)
		})
	}
}

func TestDistribution(t *testing.T) {
	tests := []struct {
		name   string
		xs     []float64
		lo, hi int
		want   map[string]int
	}{
		{"likert with gaps", []float64{5, 4, 4, 1, 5, 4}, 1, 5,
			map[string]int{"1": 1, "2": 0, "3": 0, "4": 3, "5": 2}},
		{"empty", nil, 1, 5,
			map[string]int{"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}},
		{"nps scale", []float64{0, 10, 10, 7}, 0, 10,
			map[string]int{"0": 1, "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 1, "8": 0, "9": 0, "10": 2}},
		{"outside the scale or not whole is not counted", []float64{0, 6, 3.5, 3}, 1, 5,
			map[string]int{"1": 0, "2": 0, "3": 1, "4": 0, "5": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distribution(tt.xs, tt.lo, tt.hi); !maps.Equal(got, tt.want) {
				t.Errorf("Distribution(%v, %d, %d) = %v, want %v", tt.xs, tt.lo, tt.hi, got, tt.want)
			}
		})
	}
}

func TestDescribeKeepsInputOrder(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3}
	orig := slices.Clone(xs)
	Describe(xs)
	if !slices.Equal(xs, orig) {
		t.Errorf("Describe reordered its input: got %v, want %v", xs, orig)
	}
}

// TestResultsJSON checks the shape CONTRACT.md asks of undefined figures:
// null, and ci95 as a [lo, hi] array.
func TestResultsJSON(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"no answers", Describe(nil),
			`{"n":0,"mean":null,"sd":null,"ci95":null,"median":null,"top2box":null,"min":null,"max":null}`},
		{"one answer", Describe([]float64{4}),
			`{"n":1,"mean":4,"sd":null,"ci95":null,"median":4,"top2box":1,"min":4,"max":4}`},
		{"all equal", Describe([]float64{3, 3, 3}),
			`{"n":3,"mean":3,"sd":0,"ci95":[3,3],"median":3,"top2box":0,"min":3,"max":3}`},
		{"nps empty", NPS(nil),
			`{"n":0,"score":null,"promoters":0,"passives":0,"detractors":0}`},
		{"alpha undefined", CronbachAlpha([][]float64{{1, 2}}), `null`},
		{"paired single", PairedT([]float64{2}, []float64{4}),
			`{"n":1,"mean_diff":2,"ci95":null,"test":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCronbachAlphaPanicsOnRaggedRows(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("CronbachAlpha accepted rows of different lengths")
		}
	}()
	CronbachAlpha([][]float64{{1, 2, 3}, {1, 2}})
}

// likertAnswers returns n answers 1–5, the same on every run.
func likertAnswers(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(1 + rng.IntN(5))
	}
	return xs
}

func BenchmarkDescribe(b *testing.B) {
	xs := likertAnswers(10_000)
	for b.Loop() {
		Describe(xs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
}

func BenchmarkCronbachAlpha(b *testing.B) {
	const respondents, items = 1000, 3
	answers := likertAnswers(respondents * items)
	rows := make([][]float64, respondents)
	for i := range rows {
		rows[i] = answers[i*items : (i+1)*items]
	}
	for b.Loop() {
		CronbachAlpha(rows)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*respondents), "ns/respondent")
}
