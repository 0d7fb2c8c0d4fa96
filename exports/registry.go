package exports

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics is the registry that /metrics serves, with the parts fed from
// elsewhere: HTTP from the router's middleware and the participant pages,
// DB from the store's commits.
type Metrics struct {
	Registry *prometheus.Registry
	HTTP     *HTTPMetrics
	DB       *DBMetrics
}

// NewMetrics builds the service's registry: Go's and the process's
// collectors, the requests and submissions, the database's metrics (db,
// whose ObserveCommit the store was opened with) and the participation
// read from store. The router and the test that checks the dashboards
// against the metrics both build it here, so they cannot drift apart.
func NewMetrics(db *DBMetrics, store Querier, now func() time.Time, opts ParticipationOptions) *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &Metrics{Registry: reg, HTTP: NewHTTPMetrics(reg), DB: db}
	reg.MustRegister(db, NewParticipation(store, now, opts))
	return m
}
