package analytics

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TTest is the outcome of a t test: the statistic, its degrees of freedom and
// the two-sided p-value.
type TTest struct {
	T  float64 `json:"t"`
	DF float64 `json:"df"`
	P  float64 `json:"p"`
}

// WelchT compares the means of two independent samples with Welch's t test
// (unequal variances, Welch–Satterthwaite degrees of freedom). T is positive
// when a's mean is the larger. It returns nil where the test is undefined:
// either sample has fewer than 2 values, or both have a variance of 0.
func WelchT(a, b []float64) *TTest {
	if len(a) < 2 || len(b) < 2 {
		return nil
	}
	na, nb := float64(len(a)), float64(len(b))
	meanA, varA := meanVariance(a)
	meanB, varB := meanVariance(b)
	if varA == 0 && varB == 0 {
		return nil
	}
	sa, sb := varA/na, varB/nb // squared standard errors of the means
	t := (meanA - meanB) / math.Sqrt(sa+sb)
	df := (sa + sb) * (sa + sb) / (sa*sa/(na-1) + sb*sb/(nb-1))
	return &TTest{T: t, DF: df, P: twoSidedP(t, df)}
}

// HedgesG returns the standardised difference of means a − b as Hedges' g:
// Cohen's d with the pooled sample standard deviation,
// sqrt(((n1−1)·s1² + (n2−1)·s2²)/(n1+n2−2)), times the usual approximate
// small-sample correction J = 1 − 3/(4(n1+n2) − 9) (Hedges & Olkin 1985), not
// the exact gamma-function form. It returns nil where g is undefined: either
// sample has fewer than 2 values, or the pooled standard deviation is 0.
func HedgesG(a, b []float64) *float64 {
	n1, n2 := len(a), len(b)
	if n1 < 2 || n2 < 2 {
		return nil
	}
	meanA, varA := meanVariance(a)
	meanB, varB := meanVariance(b)
	pooled := (float64(n1-1)*varA + float64(n2-1)*varB) / float64(n1+n2-2)
	if pooled == 0 {
		return nil
	}
	d := (meanA - meanB) / math.Sqrt(pooled)
	j := 1 - 3/float64(4*(n1+n2)-9)
	return new(d * j)
}

// Paired is the comparison of paired answers, such as one respondent's score
// before and after a program.
type Paired struct {
	N int `json:"n"` // pairs
	// MeanDiff is the mean of after − before; nil when N is 0.
	MeanDiff *float64 `json:"mean_diff"`
	// CI95 is MeanDiff ± t(0.975, N−1)·sd/√N over the differences; nil when
	// N < 2, and [MeanDiff, MeanDiff] when every difference is the same.
	CI95 *Interval `json:"ci95"`
	// Test is the paired t test with N−1 degrees of freedom; nil when N < 2 or
	// when every difference is the same (the t statistic has no finite value).
	Test *TTest `json:"test"`
}

// PairedT runs the paired t test of after − before, where before[i] and
// after[i] belong to the same respondent. It panics if the slices differ in
// length.
func PairedT(before, after []float64) Paired {
	if len(before) != len(after) {
		panic("analytics: PairedT: before and after differ in length")
	}
	diffs := make([]float64, len(before))
	for i := range before {
		diffs[i] = after[i] - before[i]
	}
	s := Describe(diffs)
	p := Paired{N: s.N, MeanDiff: s.Mean, CI95: s.CI95}
	if s.SD == nil || *s.SD == 0 {
		return p
	}
	t := *s.Mean / (*s.SD / math.Sqrt(float64(s.N)))
	df := float64(s.N - 1)
	p.Test = &TTest{T: t, DF: df, P: twoSidedP(t, df)}
	return p
}

// Correlation is Pearson's r of N pairs with its two-sided p-value.
type Correlation struct {
	N int     `json:"n"`
	R float64 `json:"r"`
	P float64 `json:"p"`
}

// Pearson returns Pearson's correlation of x and y, x[i] and y[i] belonging to
// the same respondent, with the two-sided p-value of t = r·√((n−2)/(1−r²)) on
// n−2 degrees of freedom (0 when |r| is 1). It returns nil for fewer than 3
// pairs or when x or y has a variance of 0. It panics if the slices differ in
// length.
func Pearson(x, y []float64) *Correlation {
	if len(x) != len(y) {
		panic("analytics: Pearson: x and y differ in length")
	}
	n := len(x)
	if n < 3 || allEqual(x) || allEqual(y) {
		return nil
	}
	// Rounding can push |r| a hair past 1 for perfectly linear data.
	r := max(-1, min(1, stat.Correlation(x, y, nil)))
	df := float64(n - 2)
	p := 0.0
	if math.Abs(r) < 1 {
		p = twoSidedP(r*math.Sqrt(df/(1-r*r)), df)
	}
	return &Correlation{N: n, R: r, P: p}
}

// twoSidedP is P(|T| ≥ |t|) for Student's t with df degrees of freedom. It
// uses the survival function rather than 1 − CDF so that small p-values keep
// their precision.
func twoSidedP(t, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
}
