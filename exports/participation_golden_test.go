package exports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"tandem/exports"
)

// TestParticipationGolden compares the participation part of a scrape of
// the golden scenario with testdata/participation.prom (go test ./exports
// -run ParticipationGolden -update rewrites it) and has promtool check the
// file, as it checks a scrape. IDs are random, so the golden file names
// programs and cohorts by stable stand-ins.
func TestParticipationGolden(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	ids := goldenScenario(t, s)
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{}))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, mf := range mfs {
		if !slices.Contains(participationNames, mf.GetName()) {
			continue // the query's own duration and errors vary
		}
		standIn(mf, ids)
		if _, err := expfmt.MetricFamilyToText(&buf, mf); err != nil {
			t.Fatal(err)
		}
	}
	exports.CheckGolden(t, "participation.prom", buf.Bytes())
	promtoolCheckMetrics(t, filepath.Join("testdata", "participation.prom"))
}

// standIn replaces the IDs in mf's labels by their stand-ins and sorts the
// series again, by their labels as the registry does.
func standIn(mf *dto.MetricFamily, ids map[string]string) {
	for _, m := range mf.GetMetric() {
		for _, l := range m.GetLabel() {
			if v, ok := ids[l.GetValue()]; ok {
				l.Value = &v
			}
		}
	}
	key := func(m *dto.Metric) string {
		var b strings.Builder
		for _, l := range m.GetLabel() {
			b.WriteString(l.GetValue() + "\xff")
		}
		return b.String()
	}
	slices.SortFunc(mf.Metric, func(a, b *dto.Metric) int { return strings.Compare(key(a), key(b)) })
}

// promtoolCheckMetrics runs `promtool check metrics` on the file, which
// lints names, types, help texts and units as Prometheus' own tools do.
func promtoolCheckMetrics(t *testing.T, path string) {
	t.Helper()
	bin, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatalf("promtool not found (Debian's prometheus package has it; .ci/run installs it): %v", err)
	}
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(bin, "check", "metrics")
	cmd.Stdin = in
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics %s: %v\n%s", path, err, out)
	}
}
