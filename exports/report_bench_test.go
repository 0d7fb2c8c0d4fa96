package exports

// Benchmarks of the workbook on generated cohorts of 10 k and 100 k
// responses to 40 items (plus ticked benefits and a few comments). Run one
// size at a time:
//
//	go test ./exports -run '^$' -bench 'Report10k' -benchtime 3x
//	go test ./exports -run '^$' -bench 'Report100k' -benchtime 3x
//
// Each size has two parts: "full" writes the whole workbook (WriteReport,
// analytics' queries included); "responses" writes a workbook of the
// Responses sheet alone, the part whose size grows with the cohort, to show
// that its memory stays flat.
//
// The data is generated in DuckDB with INSERT ... SELECT FROM range(), once
// per size and process (TANDEM_BENCH_DIR keeps the files between runs).
// Each round writes the workbook in a child process, so that the peak
// resident memory it reports (VmHWM, "peak-MB") belongs to the report
// alone and the sizes compare: the child opens the store, writes the
// workbook to a file and exits. "s/report" is the median time of writing,
// "MB/file" the workbook's size.

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/store"
)

// benchReportCohort is the cohort the generated data holds.
const benchReportCohort = "bench-cohort"

var reportBench struct {
	sync.Mutex
	paths map[int]string
	temp  string // a folder of generated data to remove at the end
}

// TestMain runs the test binary as the child of a benchmark round when
// the benchmark started it so (see reportBenchChild), and as the tests
// otherwise.
func TestMain(m *testing.M) {
	if os.Getenv("TANDEM_REPORT_BENCH_DB") != "" {
		if err := reportBenchChild(); err != nil {
			fmt.Fprintln(os.Stderr, "report-bench child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if reportBench.temp != "" {
		os.RemoveAll(reportBench.temp)
	}
	os.Exit(code)
}

func BenchmarkReport10k(b *testing.B)  { benchReportParts(b, 10_000) }
func BenchmarkReport100k(b *testing.B) { benchReportParts(b, 100_000) }

func benchReportParts(b *testing.B, responses int) {
	for _, part := range []string{"full", "responses"} {
		b.Run(part, func(b *testing.B) { benchReport(b, responses, part) })
	}
}

func benchReport(b *testing.B, responses int, part string) {
	db := reportBenchData(b, responses)
	var secs []float64
	var peak, size float64
	b.ResetTimer()
	for range b.N {
		out := filepath.Join(b.TempDir(), "report.xlsx")
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "TANDEM_REPORT_BENCH_DB="+db, "TANDEM_REPORT_BENCH_OUT="+out,
			"TANDEM_REPORT_BENCH_PART="+part)
		got, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, got)
		}
		var s, kb float64
		if _, err := fmt.Sscanf(lineWith(string(got), "report-bench:"), "report-bench: seconds=%g peak_kb=%g", &s, &kb); err != nil {
			b.Fatalf("child said %q: %v", got, err)
		}
		secs = append(secs, s)
		peak = max(peak, kb/1024)
		if fi, err := os.Stat(out); err == nil {
			size = float64(fi.Size()) / (1 << 20)
		}
	}
	b.StopTimer()
	slices.Sort(secs)
	b.ReportMetric(secs[len(secs)/2], "s/report")
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(size, "MB/file")
}

func lineWith(s, prefix string) string {
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, prefix) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// reportBenchChild writes the workbook of the generated cohort in the
// child process a benchmark round starts (TANDEM_REPORT_BENCH_DB, _OUT
// and _PART say which database, where to and which part), and prints the
// time and the peak resident memory.
func reportBenchChild() error {
	path, out := os.Getenv("TANDEM_REPORT_BENCH_DB"), os.Getenv("TANDEM_REPORT_BENCH_OUT")
	ctx := context.Background()
	cat, err := survey.LoadCatalog()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, path, store.WithMemoryLimit(os.Getenv("TANDEM_DB_MEMORY_LIMIT")))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer st.Close()
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create the workbook: %w", err)
	}
	defer f.Close()
	start := time.Now()
	write := WriteReport
	if os.Getenv("TANDEM_REPORT_BENCH_PART") == "responses" {
		write = writeResponsesOnly
	}
	r := &analytics.Reader{DB: st.DB(), Catalog: cat, Now: func() time.Time { return start.AddDate(10, 0, 0) }}
	if err := write(ctx, f, r, benchReportCohort, "", start); err != nil {
		return fmt.Errorf("write the workbook: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close the workbook: %w", err)
	}
	elapsed := time.Since(start)
	kb, err := vmHWM()
	if err != nil {
		return err
	}
	fmt.Printf("report-bench: seconds=%.3f peak_kb=%d\n", elapsed.Seconds(), kb)
	return nil
}

// writeResponsesOnly writes a workbook of the Responses sheet alone.
func writeResponsesOnly(ctx context.Context, w io.Writer, r *analytics.Reader, cohortID, _ string, now time.Time) error {
	c, err := loadCohort(ctx, r.DB, cohortID)
	if err != nil {
		return err
	}
	src, err := newResponseSource(ctx, r, c)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, tr{lang: "de", cat: r.Catalog}, &reportData{cohort: c}, src, now)
	if err != nil {
		return err
	}
	if err := b.writeResponses(ctx); err != nil {
		return err
	}
	return writeWorkbook(f, w)
}

// vmHWM is the process's peak resident set size in kB.
func vmHWM() (int, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.Fields(rest)[0])
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

// reportBenchData returns the path of a database with the benchmark cohort
// of the given number of responses, generating it the first time.
func reportBenchData(b *testing.B, responses int) string {
	reportBench.Lock()
	defer reportBench.Unlock()
	if p, ok := reportBench.paths[responses]; ok {
		return p
	}
	dir := cmpOr(os.Getenv("TANDEM_BENCH_DIR"), reportBench.temp)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "tandem-report-bench-"); err != nil {
			b.Fatal(err)
		}
		reportBench.temp = dir // removed by TestMain
	}
	path := filepath.Join(dir, fmt.Sprintf("report-%d.duckdb", responses))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := generateReportBench(context.Background(), path, responses); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d responses in %s", responses, time.Since(start).Round(time.Second))
	}
	if reportBench.paths == nil {
		reportBench.paths = map[int]string{}
	}
	reportBench.paths[responses] = path
	return path
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The generated cohort: one program (threshold 5, German), one cohort with a
// final survey put to n participants (45% mentors, 45% mentees, 10% peers,
// twelve departments, four generations, six regions), all of whom answer:
// each of the 40 scale and single-choice items of the final questionnaire,
// each top benefit with probability 4/10, and one of 50 comments with
// probability 1/20.
var qReportBench = []string{
	`INSERT INTO programs (id, name, language, threshold, mode, created_at, erasure)
     VALUES ('bench-program', 'Bench', 'de', 5, 'confidential', TIMESTAMP '2026-01-01', 'anonymise')`,
	`INSERT INTO cohorts (id, program_id, name, starts_on, ends_on, created_at)
     VALUES ('bench-cohort', 'bench-program', 'Bench round', DATE '2026-01-15', DATE '2026-06-30', TIMESTAMP '2026-01-01')`,
	`INSERT INTO surveys (id, cohort_id, phase, opens_at, closes_at, closed_at, created_at)
     VALUES ('bench-final', 'bench-cohort', 'final', TIMESTAMP '2026-06-01', TIMESTAMP '2026-06-30', NULL, TIMESTAMP '2026-01-01')`,
	`INSERT INTO participants (id, cohort_id, name, email, role, department, generation, region, created_at)
     SELECT 'p' || i, 'bench-cohort', 'Person ' || i, 'p' || i || '@example.com',
        CASE WHEN i % 20 < 9 THEN 'mentor' WHEN i % 20 < 18 THEN 'mentee' ELSE 'peer' END,
        ['IT', 'HR', 'Sales', 'Finance', 'Legal', 'Marketing', 'Production', 'Logistics', 'Research', 'Service',
         'Purchasing', 'Controlling'][1 + (hash('d' || i) % 12)::BIGINT],
        ['Gen Z', 'Gen Y', 'Gen X', 'Baby Boomer'][1 + (hash('g' || i) % 4)::BIGINT],
        ['DE', 'AT', 'CH', 'UK', 'FR', 'PL'][1 + (hash('r' || i) % 6)::BIGINT], TIMESTAMP '2026-01-01'
     FROM range($1) t(i)`,
	`INSERT INTO invitations (id, survey_id, participant_id, token_hash, created_at, opened_at, submitted_at)
     SELECT 'inv' || i, 'bench-final', 'p' || i, unhex(md5('token' || i)), TIMESTAMP '2026-06-01',
        TIMESTAMP '2026-06-02', TIMESTAMP '2026-06-02' + INTERVAL (i) SECOND
     FROM range($1) t(i)`,
	`INSERT INTO responses (id, survey_id, cohort_id, phase, respondent_key, role, department, generation, region,
        language, submitted_at)
     SELECT substr(md5('response' || p.id), 1, 16), 'bench-final', 'bench-cohort', 'final', md5('key' || p.id),
        p.role, p.department, p.generation, p.region, CASE WHEN hash(p.id) % 10 = 0 THEN 'en' ELSE 'de' END,
        TIMESTAMP '2026-06-02' + INTERVAL (CAST(substr(p.id, 2) AS INTEGER)) SECOND
     FROM participants p WHERE p.cohort_id = 'bench-cohort'
     ORDER BY CAST(substr(p.id, 2) AS INTEGER)`,
	// Answers in the order they would arrive: response by response.
	`INSERT INTO answers (response_id, survey_id, item_key, num, choice, text)
     WITH items AS (SELECT unnest($1::VARCHAR[]) AS key, unnest($2::VARCHAR[]) AS type, generate_subscripts($1::VARCHAR[], 1) AS pos),
     r AS (SELECT id, submitted_at, hash(id) % 3 AS level FROM responses WHERE survey_id = 'bench-final')
     SELECT r.id, 'bench-final', key,
        CASE type WHEN 'likert5' THEN least(5, 2 + level + hash(r.id || key) % 2)::DOUBLE
                  WHEN 'scale10' THEN least(10, 5 + 2 * level + hash(r.id || key) % 2)::DOUBLE END,
        CASE WHEN type = 'single' THEN ['yes', 'yes', 'no', 'undecided'][1 + (hash(r.id || key) % 4)::BIGINT] END,
        NULL
     FROM r, items
     UNION ALL
     SELECT r.id, 'bench-final', 'top_benefits', NULL, o, NULL
     FROM r, (SELECT unnest(['perspective_change', 'knowledge_transfer', 'new_areas', 'personal_contact']) AS o)
     WHERE hash(r.id || o) % 10 < 4
     UNION ALL
     SELECT r.id, 'bench-final', 'went_well', NULL, NULL, 'Kommentar ' || hash(r.id) % 50
     FROM r WHERE hash(r.id || 'c') % 20 = 0
     ORDER BY 1, 3`,
}

// generateReportBench writes the benchmark cohort to a new database at
// path, through a store so that the schema is the real one.
func generateReportBench(ctx context.Context, path string, n int) error {
	cat, err := survey.LoadCatalog()
	if err != nil {
		return err
	}
	var keys, types []string
	for _, it := range cat.Phase(survey.PhaseFinal).Items() {
		switch it.Type {
		case survey.Likert5, survey.Scale10, survey.Single:
			keys, types = append(keys, it.Key), append(types, string(it.Type))
		}
	}
	if len(keys) != 40 {
		return fmt.Errorf("the final questionnaire has %d scale and single items, the benchmark wants 40", len(keys))
	}
	st, err := store.Open(ctx, path, store.WithMemoryLimit(os.Getenv("TANDEM_DB_MEMORY_LIMIT")))
	if err != nil {
		return err
	}
	defer st.Close()
	for i, q := range qReportBench {
		var args []any
		switch {
		case strings.Contains(q, "$2"):
			args = []any{keys, types}
		case strings.Contains(q, "$1"):
			args = []any{n}
		}
		if _, err := st.DB().ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	_, err = st.DB().ExecContext(ctx, "CHECKPOINT")
	return err
}
