package dashboards

import (
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// inst filters the service's series by the job and instance variables.
const inst = `job=~"$job",instance=~"$instance"`

// errorRatio is the share of requests answered with the status class; 0,
// not "no data", when there was none.
func errorRatio(class string) string {
	return `(sum(rate(tandem_http_requests_total{` + inst + `,code="` + class + `"}[$__rate_interval])) or vector(0))` +
		` / sum(rate(tandem_http_requests_total{` + inst + `}[$__rate_interval]))`
}

// quantile is the q-quantile of a histogram's rate, grouped by the labels
// in by besides le.
func quantile(q, metric, by string) string {
	return `histogram_quantile(` + q + `, sum by (le` + by + `) (rate(` + metric + `_bucket{` + inst + `}[$__rate_interval])))`
}

// Service is the dashboard of tandem as a service: traffic, errors,
// latency, submissions, the database and the Go runtime.
func Service() (dashboard.Dashboard, error) {
	b := dashboard.NewDashboardBuilder("tandem · Service").
		Uid("tandem-service").
		Description("tandem as a service: requests, errors, latency, submissions, DuckDB commits and size, Go runtime.").
		Tags([]string{"tandem"}).
		Refresh("30s").
		Time("now-6h", "now").
		Timezone(common.TimeZoneBrowser).
		Tooltip(dashboard.DashboardCursorSyncCrosshair).
		WithVariable(datasourceVariable()).
		WithVariable(queryVariable("job", "Job", "label_values(tandem_http_requests_total, job)", "",
			"The Prometheus job that scrapes tandem.")).
		WithVariable(queryVariable("instance", "Instance", `label_values(tandem_http_requests_total{job=~"$job"}, instance)`, "",
			"The tandem processes of the chosen jobs."))
	serviceTraffic(b)
	serviceLatency(b)
	serviceDatabase(b)
	serviceRuntime(b)
	d, err := b.Build()
	numberPanels(&d)
	return d, err
}

func serviceTraffic(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Traffic and errors"))
	b.WithPanel(statPanel("Instances up", "Targets of the job that answered their last scrape.",
		`sum(up{`+inst+`})`, unitCount).Thresholds(steps("red", 1.0, "green")))
	b.WithPanel(statPanel("Requests", "Requests served per second, all routes.",
		`sum(rate(tandem_http_requests_total{`+inst+`}[$__rate_interval]))`, unitPerSec).Thresholds(steps("blue")))
	b.WithPanel(statPanel("5xx ratio", "Share of requests answered with a server error. The alert TandemHighErrorRatio fires above 5 %.",
		errorRatio("5xx"), unitRatio).Thresholds(steps("green", 0.01, "orange", 0.05, "red")))
	b.WithPanel(statPanel("Answers accepted", "Form submissions stored in the chosen time range.",
		`sum(increase(tandem_submissions_total{`+inst+`,result="accepted"}[$__range]))`, unitCount).Thresholds(steps("blue")))
	b.WithPanel(chart("Requests by route", "Requests per second by route template and method (never the raw path).", unitPerSec, thirdWidth).
		WithTarget(series(`sum by (route, method) (rate(tandem_http_requests_total{`+inst+`}[$__rate_interval]))`, "{{method}} {{route}}")))
	b.WithPanel(chart("Responses by status class", "Requests per second by status class (2xx, 3xx, 4xx, 5xx).", unitPerSec, thirdWidth).
		WithTarget(series(`sum by (code) (rate(tandem_http_requests_total{`+inst+`}[$__rate_interval]))`, "{{code}}")))
	b.WithPanel(chart("Error ratio", "Share of requests answered with a client (4xx) or server (5xx) error. 4xx include refused form posts: invalid answers, second submissions, unknown links.", unitRatio, thirdWidth).
		WithTarget(series(errorRatio("5xx"), "5xx")).
		WithTarget(series(errorRatio("4xx"), "4xx")))
}

func serviceLatency(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Latency and submissions"))
	b.WithPanel(chart("Request latency", "Percentiles of the time to serve a request, all routes.", unitSeconds, thirdWidth).
		WithTarget(series(quantile("0.5", "tandem_http_request_duration_seconds", ""), "p50")).
		WithTarget(series(quantile("0.95", "tandem_http_request_duration_seconds", ""), "p95")).
		WithTarget(series(quantile("0.99", "tandem_http_request_duration_seconds", ""), "p99")))
	b.WithPanel(chart("p95 latency by route", "95th percentile of the time to serve a request, by route template.", unitSeconds, thirdWidth).
		WithTarget(series(quantile("0.95", "tandem_http_request_duration_seconds", ", route"), "{{route}}")))
	b.WithPanel(chart("Submissions by result", "Form posts per second: accepted, or why they were refused (invalid, duplicate, unavailable, too_large, bad_request, error).", unitOpsSec, thirdWidth).
		WithTarget(series(`sum by (result) (rate(tandem_submissions_total{`+inst+`}[$__rate_interval]))`, "{{result}}")))
}

func serviceDatabase(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Database"))
	b.WithPanel(chart("Commit latency", "Time from BEGIN to the end of COMMIT of the submission writer's batches; a submission is answered only after its commit.", unitSeconds, fullWidth/4).
		WithTarget(series(quantile("0.5", "tandem_db_commit_duration_seconds", ""), "p50")).
		WithTarget(series(quantile("0.99", "tandem_db_commit_duration_seconds", ""), "p99")))
	b.WithPanel(chart("Commits", "Commits per second of the submission writer, and the submissions each carries on average (group commit).", unitCount, fullWidth/4).
		WithTarget(series(`sum(rate(tandem_db_commit_duration_seconds_count{`+inst+`}[$__rate_interval]))`, "commits/s")).
		WithTarget(series(`sum(rate(tandem_db_commit_batch_size_sum{`+inst+`}[$__rate_interval])) / sum(rate(tandem_db_commit_batch_size_count{`+inst+`}[$__rate_interval]))`, "submissions per commit")))
	b.WithPanel(chart("Database size", "Size of the DuckDB file and its write-ahead log.", unitBytes, fullWidth/4).
		Stacking(common.NewStackingConfigBuilder().Mode(common.StackingModeNormal)).FillOpacity(30).
		WithTarget(series(`sum by (file) (tandem_db_file_size_bytes{`+inst+`})`, "{{file}}")))
	b.WithPanel(chart("Participation query", "Time of the query behind the participation metrics (run at most every 5 s), and its failures per second.", unitSeconds, fullWidth/4).
		WithTarget(series(quantile("0.99", "tandem_db_query_duration_seconds", ", query"), "p99 {{query}}")).
		WithTarget(series(`sum by (query) (rate(tandem_db_query_errors_total{`+inst+`}[$__rate_interval]))`, "errors/s {{query}}")))
}

func serviceRuntime(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Go runtime"))
	b.WithPanel(chart("Goroutines", "Goroutines alive.", unitCount, fullWidth/4).
		WithTarget(series(`sum by (instance) (go_goroutines{`+inst+`})`, "{{instance}}")))
	b.WithPanel(chart("Memory", "Go heap in use and the resident memory of the process (DuckDB's memory is outside the Go heap).", unitBytes, fullWidth/4).
		WithTarget(series(`sum by (instance) (go_memstats_heap_alloc_bytes{`+inst+`})`, "heap {{instance}}")).
		WithTarget(series(`sum by (instance) (process_resident_memory_bytes{`+inst+`})`, "resident {{instance}}")))
	b.WithPanel(chart("CPU", "CPU time used per second (1 = one core).", unitRatio, fullWidth/4).
		WithTarget(series(`sum by (instance) (rate(process_cpu_seconds_total{`+inst+`}[$__rate_interval]))`, "{{instance}}")))
	b.WithPanel(chart("GC and file descriptors", "Time spent in garbage-collection pauses per second, and open file descriptors.", unitCount, fullWidth/4).
		WithTarget(series(`sum by (instance) (rate(go_gc_duration_seconds_sum{`+inst+`}[$__rate_interval]))`, "GC s/s {{instance}}")).
		WithTarget(series(`sum by (instance) (process_open_fds{`+inst+`})`, "open fds {{instance}}")))
}

// chart is a time series panel of the service dashboard.
func chart(title, description, unit string, width uint32) *timeseries.PanelBuilder {
	return timeseries.NewPanelBuilder().Title(title).Description(description).Datasource(datasource).
		Unit(unit).Min(0).Height(chartHeight).Span(width)
}
