package analytics

import "testing"

func TestWelchTAndHedgesGReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.TwoSample {
		t.Run(c.Name, func(t *testing.T) {
			want := ref.TwoSample[c.Name]
			checkTTest(t, "welch", WelchT(c.A, c.B), want.Welch)
			checkNullable(t, "hedges_g", HedgesG(c.A, c.B), want.HedgesG)
		})
	}
}

func TestPairedTReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.Paired {
		t.Run(c.Name, func(t *testing.T) {
			got, want := PairedT(c.Before, c.After), ref.Paired[c.Name]
			if got.N != want.N {
				t.Errorf("n: got %d, want %d", got.N, want.N)
			}
			checkNullable(t, "mean_diff", got.MeanDiff, want.MeanDiff)
			checkInterval(t, "ci95", got.CI95, want.CI95)
			checkTTest(t, "test", got.Test, want.Test)
		})
	}
}

func TestPearsonReference(t *testing.T) {
	in, ref := loadReference(t)
	for _, c := range in.Pearson {
		t.Run(c.Name, func(t *testing.T) {
			got, want := Pearson(c.X, c.Y), ref.Pearson[c.Name]
			if (got == nil) != (want.R == nil) {
				t.Fatalf("got %+v, want r %s", got, show(want.R))
			}
			if got == nil {
				return
			}
			if got.N != want.N {
				t.Errorf("n: got %d, want %d", got.N, want.N)
			}
			checkFloat(t, "r", got.R, *want.R)
			checkNullable(t, "p", &got.P, want.P)
		})
	}
}

func TestLengthMismatchPanics(t *testing.T) {
	tests := []struct {
		name string
		call func()
	}{
		{"PairedT", func() { PairedT([]float64{1, 2, 3}, []float64{1, 2}) }},
		{"Pearson", func() { Pearson([]float64{1, 2, 3}, []float64{1, 2}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s accepted slices of different lengths", tt.name)
				}
			}()
			tt.call()
		})
	}
}
