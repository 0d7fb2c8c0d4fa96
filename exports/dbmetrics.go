package exports

import (
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// DBMetrics is a prometheus.Collector for the database itself: how long
// the submission writer's commits take, how many submissions each carries,
// and the size of the DuckDB file and its write-ahead log, read at scrape
// time.
type DBMetrics struct {
	path           string
	commitDuration prometheus.Histogram
	batchSize      prometheus.Histogram
}

var descFileSize = prometheus.NewDesc("tandem_db_file_size_bytes",
	"Size of the DuckDB database file (file=\"data\") and its write-ahead log (file=\"wal\").",
	[]string{"file"}, nil)

// NewDBMetrics returns the database metrics for the DuckDB file at path.
// Hand ObserveCommit to the store (store.WithCommitObserver) and register
// the result on the registry.
func NewDBMetrics(path string) *DBMetrics {
	return &DBMetrics{
		path: path,
		commitDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "tandem", Subsystem: "db", Name: "commit_duration_seconds",
			Help:    "Time from BEGIN to the end of COMMIT of a batch of the submission writer.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "tandem", Subsystem: "db", Name: "commit_batch_size",
			Help:    "Submissions per commit of the submission writer (0 for a batch of other updates).",
			Buckets: []float64{0, 1, 2, 4, 8, 16, 32, 64, 128},
		}),
	}
}

// ObserveCommit records one committed batch; it matches
// store.WithCommitObserver.
func (m *DBMetrics) ObserveCommit(d time.Duration, submissions int) {
	m.commitDuration.Observe(d.Seconds())
	m.batchSize.Observe(float64(submissions))
}

// Describe sends the descriptors of the database metrics.
func (m *DBMetrics) Describe(ch chan<- *prometheus.Desc) {
	m.commitDuration.Describe(ch)
	m.batchSize.Describe(ch)
	ch <- descFileSize
}

// Collect sends the commit histograms and the file sizes; a file that does
// not exist (no write-ahead log after a checkpoint) counts 0 bytes.
func (m *DBMetrics) Collect(ch chan<- prometheus.Metric) {
	m.commitDuration.Collect(ch)
	m.batchSize.Collect(ch)
	for _, f := range []struct{ label, path string }{{"data", m.path}, {"wal", m.path + ".wal"}} {
		var size int64
		if fi, err := os.Stat(f.path); err == nil {
			size = fi.Size()
		}
		ch <- prometheus.MustNewConstMetric(descFileSize, prometheus.GaugeValue, float64(size), f.label)
	}
}
