package analytics

import (
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// The functions in this file and in compare.go are pure: no I/O, no rounding
// (figures keep full float64 precision; presentation rounds), and no filtering.
// Callers pass only valid answers: a skipped optional item is left out, never
// passed as 0 or NaN, so a NaN input yields NaN figures rather than being ignored.
//
// Figures that are undefined for the sample at hand are nil, which encoding/json
// writes as null, as the results JSON of CONTRACT.md requires.

// Interval is a closed interval [lo, hi]. It marshals as a two-element JSON
// array, the "ci95": [lo, hi] of the results JSON.
type Interval [2]float64

// Summary describes a set of answers to one item, or of respondents' scores on
// one dimension, by the rules of docs/methods.md, section 2.
type Summary struct {
	N int `json:"n"`
	// Mean, Median, Top2Box, Min and Max are nil when N is 0.
	Mean *float64 `json:"mean"`
	// SD is the sample standard deviation (divisor N−1); nil when N < 2.
	SD *float64 `json:"sd"`
	// CI95 is Mean ± t(0.975, N−1)·SD/√N with Student's t; nil when N < 2,
	// and [Mean, Mean] when SD is 0.
	CI95 *Interval `json:"ci95"`
	// Median of an even count is the mean of the two middle values.
	Median *float64 `json:"median"`
	// Top2Box is the share (0–1) of values ≥ 4, i.e. of answers 4 or 5 on a
	// 1–5 item; it means nothing for other scales.
	Top2Box *float64 `json:"top2box"`
	Min     *float64 `json:"min"`
	Max     *float64 `json:"max"`
}

// Describe summarises xs. It does not modify xs.
func Describe(xs []float64) Summary {
	s := Summary{N: len(xs)}
	if s.N == 0 {
		return s
	}
	sorted := slices.Sorted(slices.Values(xs))
	s.Min, s.Max = new(sorted[0]), new(sorted[s.N-1])
	s.Median = new(median(sorted))
	s.Top2Box = new(top2Box(xs))
	mean, variance := meanVariance(xs)
	s.Mean = new(mean)
	if s.N < 2 {
		return s
	}
	sd := math.Sqrt(variance)
	s.SD = new(sd)
	s.CI95 = new(ci95(mean, sd, s.N))
	return s
}

// median of an already sorted, non-empty slice.
func median(sorted []float64) float64 {
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

func top2Box(xs []float64) float64 {
	var top int
	for _, x := range xs {
		if x >= 4 {
			top++
		}
	}
	return float64(top) / float64(len(xs))
}

// ci95 is mean ± t(0.975, n−1)·sd/√n; n must be at least 2.
func ci95(mean, sd float64, n int) Interval {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	h := t * sd / math.Sqrt(float64(n))
	return Interval{mean - h, mean + h}
}

// meanVariance returns the mean and the sample variance (divisor n−1) of xs.
// The variance of identical values is exactly 0: a computed mean can be one ulp
// off the common value, and a tiny positive variance would then turn "undefined"
// figures (alpha, t, r) into huge nonsense instead of nil.
func meanVariance(xs []float64) (mean, variance float64) {
	mean, variance = stat.MeanVariance(xs, nil)
	if allEqual(xs) {
		variance = 0
	}
	return mean, variance
}

func allEqual(xs []float64) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// Distribution counts the values lo..hi of an item's answers, keyed by the
// value in decimal ("1", "2", …), with every key from lo to hi present, zeros
// included. Values that are not whole numbers in lo..hi are not counted; callers
// pass only valid answers, so the counts add up to len(xs).
func Distribution(xs []float64, lo, hi int) map[string]int {
	counts := make(map[string]int, max(hi-lo+1, 0))
	for v := lo; v <= hi; v++ {
		counts[strconv.Itoa(v)] = 0
	}
	for _, x := range xs {
		if x == math.Trunc(x) && x >= float64(lo) && x <= float64(hi) {
			counts[strconv.Itoa(int(x))]++
		}
	}
	return counts
}

// CronbachAlpha returns Cronbach's alpha of a dimension,
// k/(k−1)·(1 − Σ item variances / variance of the row sums), with sample
// variances. Each row holds one respondent's answers to the dimension's k
// items, in the same order; callers pass only complete rows (respondents who
// answered all k items, docs/methods.md, section 2). It returns nil where
// alpha is undefined: k < 2, fewer than 2 rows, or a variance of the sums of
// 0. It panics if the rows differ in length.
func CronbachAlpha(rows [][]float64) *float64 {
	if len(rows) < 2 || len(rows[0]) < 2 {
		return nil
	}
	k := len(rows[0])
	sums := make([]float64, len(rows))
	for i, row := range rows {
		if len(row) != k {
			panic("analytics: CronbachAlpha: rows differ in length")
		}
		sums[i] = floats.Sum(row)
	}
	_, sumVariance := meanVariance(sums)
	if sumVariance == 0 {
		return nil
	}
	var itemVariances float64
	item := make([]float64, len(rows))
	for j := range k {
		for i, row := range rows {
			item[i] = row[j]
		}
		_, v := meanVariance(item)
		itemVariances += v
	}
	kf := float64(k)
	return new(kf / (kf - 1) * (1 - itemVariances/sumVariance))
}

// NPSResult is the Net Promoter Score of 0–10 answers.
type NPSResult struct {
	N int `json:"n"`
	// Score is 100·(Promoters − Detractors)/N, from −100 to 100; nil when N is 0.
	Score      *float64 `json:"score"`
	Promoters  int      `json:"promoters"`  // answers 9–10
	Passives   int      `json:"passives"`   // answers 7–8
	Detractors int      `json:"detractors"` // answers 0–6
}

// NPS computes the Net Promoter Score of xs, answers on the 0–10 scale.
func NPS(xs []float64) NPSResult {
	r := NPSResult{N: len(xs)}
	for _, x := range xs {
		switch {
		case x >= 9:
			r.Promoters++
		case x > 6:
			r.Passives++
		default:
			r.Detractors++
		}
	}
	if r.N > 0 {
		r.Score = new(100 * float64(r.Promoters-r.Detractors) / float64(r.N))
	}
	return r
}
