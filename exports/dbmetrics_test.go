package exports_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
)

func TestDBMetricsCommitObserver(t *testing.T) {
	ctx := context.Background()
	clk := newClock(t0)
	path := filepath.Join(t.TempDir(), "tandem.duckdb")
	m := exports.NewDBMetrics(path)
	s, err := store.Open(ctx, path, clk.option(), store.WithCommitObserver(m.ObserveCommit), store.WithKey(store.NewKey()))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := fixture{tb: t, s: s, ctx: ctx}
	c := f.cohort(f.program("P", 5), "C", map[string]int{"mentor": 2, "mentee": 1})
	_, forms := f.survey(c, survey.PhaseFinal, t0.Add(-day), t0.Add(day))
	f.answer(forms[survey.RoleMentor], 2, 2, t0)
	f.answer(forms[survey.RoleMentee], 1, 1, t0)

	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(m)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*dto.MetricFamily{}
	for _, mf := range mfs {
		got[mf.GetName()] = mf
	}
	// Three submissions and three "opened" updates, each its own batch
	// here: six commits carrying three submissions in all.
	dur := got["tandem_db_commit_duration_seconds"].GetMetric()[0].GetHistogram()
	if dur.GetSampleCount() < 3 || dur.GetSampleSum() <= 0 {
		t.Errorf("commit duration: got %d commits, %v s; want at least 3 commits and some time", dur.GetSampleCount(), dur.GetSampleSum())
	}
	size := got["tandem_db_commit_batch_size"].GetMetric()[0].GetHistogram()
	if size.GetSampleSum() != 3 || size.GetSampleCount() != dur.GetSampleCount() {
		t.Errorf("batch size: got %v submissions in %d commits, want 3 in %d", size.GetSampleSum(), size.GetSampleCount(), dur.GetSampleCount())
	}
	files := map[string]float64{}
	for _, mm := range got["tandem_db_file_size_bytes"].GetMetric() {
		files[mm.GetLabel()[0].GetValue()] = mm.GetGauge().GetValue()
	}
	if len(files) != 2 || files["data"] <= 0 || files["wal"] < 0 {
		t.Errorf("file sizes: got %v, want data > 0 and a wal entry", files)
	}
}
