package analytics

// Benchmarks of the results and the summary on generated data of about 1 M
// and 10 M answers (benchgen_test.go), next to the bare DuckDB aggregation
// a results page needs at the least. Run one size at a time, e.g.
//
//	go test ./analytics -run '^$' -bench '1M$' -benchtime 20x
//	go test ./analytics -run '^$' -bench '10M$' -benchtime 10x
//
// The data is generated once per size and process, in a child process so
// that its memory does not count: set TANDEM_BENCH_DIR to keep the files
// between runs (otherwise they go to a temporary folder removed at the
// end). Each benchmark reports ms/op and the peak resident memory of the
// process while it ran ("peak-MB", VmHWM after a reset); then, from rounds
// that run the operation and the two bare queries over the same surveys
// (qBareNumeric, qBareAll) side by side, the median of each ("med-ms",
// "bare-num-ms", "bare-all-ms") and the ratios ("x-bare-num", "x-bare-all").

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// The bare queries the benchmarks compare with, over the same surveys as
// the operation: qBareNumeric is the least a results page must aggregate
// (per item: count, mean and sd of the numbers); qBareAll reads every
// column the results show (numbers, choices and comments), in one
// aggregation, without linking answers to respondents or groups.
const (
	qBareNumeric = `SELECT item_key, count(num), avg(num), stddev_samp(num)
FROM answers WHERE survey_id IN ({{surveys}}) GROUP BY item_key`
	qBareAll = `SELECT item_key, choice, count(*), avg(num), stddev_samp(num), count(text)
FROM answers WHERE survey_id IN ({{surveys}}) GROUP BY item_key, choice`
)

var bench struct {
	sync.Mutex
	dir   string
	temp  bool
	paths map[int]string
}

// TestMain runs the test binary as the child process that writes
// benchmark data when benchData started it so (TANDEM_BENCH_PATH set), and
// as the tests otherwise.
func TestMain(m *testing.M) {
	if path := os.Getenv("TANDEM_BENCH_PATH"); path != "" {
		if err := generateBenchChild(path, os.Getenv("TANDEM_BENCH_ANSWERS")); err != nil {
			fmt.Fprintln(os.Stderr, "generate benchmark data:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if bench.temp {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// generateBenchChild writes benchmark data of about answers answers to
// path, in the child process benchData starts.
func generateBenchChild(path, answers string) error {
	n, err := strconv.Atoi(answers)
	if err != nil {
		return fmt.Errorf("TANDEM_BENCH_ANSWERS: %w", err)
	}
	start := time.Now()
	got, err := generateBenchData(context.Background(), path, n)
	if err != nil {
		return err
	}
	fmt.Printf("generated %d answers in %s\n", got, time.Since(start).Round(time.Second))
	return nil
}

// benchData returns the path of a database of about answers answers.
func benchData(b *testing.B, answers int) string {
	b.Helper()
	if testing.Short() {
		b.Skip("benchmark data is large")
	}
	bench.Lock()
	defer bench.Unlock()
	if p, ok := bench.paths[answers]; ok {
		return p
	}
	if bench.dir == "" {
		bench.dir = os.Getenv("TANDEM_BENCH_DIR")
		if bench.dir == "" {
			dir, err := os.MkdirTemp("", "tandem-bench-")
			if err != nil {
				b.Fatal(err)
			}
			bench.dir, bench.temp = dir, true
		}
		bench.paths = map[int]string{}
	}
	path := filepath.Join(bench.dir, fmt.Sprintf("bench-%d-v1.duckdb", answers))
	if _, err := os.Stat(path); err != nil {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "TANDEM_BENCH_PATH="+path, "TANDEM_BENCH_ANSWERS="+strconv.Itoa(answers))
		out, err := cmd.CombinedOutput()
		if err != nil {
			os.Remove(path)
			b.Fatalf("generate benchmark data: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "generated") {
				b.Log(strings.TrimSpace(l))
			}
		}
	}
	bench.paths[answers] = path
	return path
}

// benchSetup opens the data of size answers and picks the cohort in the
// middle of it, its final survey, and the surveys it reads (all three).
func benchSetup(b *testing.B, answers int) (st *store.Store, cat *survey.Catalog, final, cohort string, all []string) {
	b.Helper()
	path := benchData(b, answers)
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	err = st.DB().QueryRow(`SELECT s.id, s.cohort_id FROM surveys s WHERE s.phase = 'final'
		ORDER BY s.id LIMIT 1 OFFSET ?`, benchPrograms*benchCohorts/2).Scan(&final, &cohort)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := st.DB().Query(`SELECT id FROM surveys WHERE cohort_id = ?`, cohort)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		all = append(all, id)
	}
	return st, mustCatalog(b), final, cohort, all
}

// bareQuery fills the survey placeholders of a bare query.
func bareQuery(q string, surveys []string) string {
	return strings.Replace(q, "{{surveys}}", strings.TrimSuffix(strings.Repeat("?, ", len(surveys)), ", "), 1)
}

// interleaved times op, qBareNumeric and qBareAll one after the other,
// rounds times, and returns the median ms of each: run side by side, the
// three see the same load of a shared machine, so their ratios hold even
// when the absolute times drift.
func interleaved(b *testing.B, st *store.Store, surveys []string, op func() error, rounds int) (opMs, numMs, allMs float64) {
	b.Helper()
	num, all := bareQuery(qBareNumeric, surveys), bareQuery(qBareAll, surveys)
	var ts [3][]float64
	for range rounds {
		for i, f := range []func() error{op, func() error { return drain(st, num, anys(surveys)...) },
			func() error { return drain(st, all, anys(surveys)...) }} {
			start := time.Now()
			if err := f(); err != nil {
				b.Fatal(err)
			}
			ts[i] = append(ts[i], float64(time.Since(start).Microseconds())/1000)
		}
	}
	med := func(xs []float64) float64 { slices.Sort(xs); return xs[len(xs)/2] }
	return med(ts[0]), med(ts[1]), med(ts[2])
}

func drain(st *store.Store, q string, args ...any) error {
	rows, err := st.DB().Query(q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	return rows.Err()
}

// runBench times op after a warm-up and reports ms/op and the peak memory;
// then, from rounds that interleave op with the bare queries over the same
// surveys, the medians of each and the ratios of op to them.
func runBench(b *testing.B, st *store.Store, surveys []string, op func() error) {
	b.Helper()
	if err := op(); err != nil { // warm-up, and a check that it works
		b.Fatal(err)
	}
	resetPeakRSS()
	start := time.Now()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
	b.ReportMetric(peakRSSMB(), "peak-MB")
	opMs, numMs, allMs := interleaved(b, st, surveys, op, 11)
	b.ReportMetric(opMs, "med-ms")
	b.ReportMetric(numMs, "bare-num-ms")
	b.ReportMetric(opMs/numMs, "x-bare-num")
	b.ReportMetric(allMs, "bare-all-ms")
	b.ReportMetric(opMs/allMs, "x-bare-all")
}

// resetPeakRSS makes VmHWM start again from the current resident size.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB reads the peak resident size (VmHWM) in MiB.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func benchResults(b *testing.B, answers int, by string) {
	st, cat, final, _, _ := benchSetup(b, answers)
	r := benchReader(st, cat)
	runBench(b, st, []string{final}, func() error {
		_, err := r.Results(context.Background(), final, by)
		return err
	})
}

func benchSummary(b *testing.B, answers int) {
	st, cat, _, cohort, all := benchSetup(b, answers)
	r := benchReader(st, cat)
	runBench(b, st, all, func() error {
		_, err := r.CohortSummary(context.Background(), cohort)
		return err
	})
}

// benchReader reads the benchmark's figures as of a moment after its
// surveys closed.
func benchReader(st *store.Store, cat *survey.Catalog) *Reader {
	return &Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return time.Now().AddDate(10, 0, 0) }}
}

// benchBare times the bare numeric query on the final survey alone.
func benchBare(b *testing.B, answers int) {
	st, _, final, _, _ := benchSetup(b, answers)
	q := bareQuery(qBareNumeric, []string{final})
	runBench(b, st, []string{final}, func() error { return drain(st, q, final) })
}

func BenchmarkBareQuery1M(b *testing.B)      { benchBare(b, 1_000_000) }
func BenchmarkResults1M(b *testing.B)        { benchResults(b, 1_000_000, "") }
func BenchmarkResultsByRole1M(b *testing.B)  { benchResults(b, 1_000_000, "role") }
func BenchmarkSummary1M(b *testing.B)        { benchSummary(b, 1_000_000) }
func BenchmarkBareQuery10M(b *testing.B)     { benchBare(b, 10_000_000) }
func BenchmarkResults10M(b *testing.B)       { benchResults(b, 10_000_000, "") }
func BenchmarkResultsByRole10M(b *testing.B) { benchResults(b, 10_000_000, "role") }
func BenchmarkSummary10M(b *testing.B)       { benchSummary(b, 10_000_000) }
