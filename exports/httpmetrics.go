package exports

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// HTTPMetrics counts requests and submissions in process. Labels are
// bounded: the route template (never the raw path, which holds tokens),
// the method, the status class, the phase and the refusal reason.
type HTTPMetrics struct {
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	submissions *prometheus.CounterVec
}

// NewHTTPMetrics registers the request and submission metrics on reg.
func NewHTTPMetrics(reg prometheus.Registerer) *HTTPMetrics {
	m := &HTTPMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "tandem", Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests served, by route template, method and status class.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "tandem", Subsystem: "http", Name: "request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		submissions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "tandem", Name: "submissions_total",
			Help: "Form submissions by phase and result: accepted, or the reason they were refused.",
		}, []string{"phase", "result"}),
	}
	reg.MustRegister(m.requests, m.duration, m.submissions)
	return m
}

// Middleware observes every request under its route template.
func (m *HTTPMetrics) Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		class := strconv.Itoa(c.Writer.Status()/100) + "xx"
		m.requests.WithLabelValues(route, c.Request.Method, class).Inc()
		m.duration.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
	}
}

// Submission counts one form submission; reason is "" when it was accepted.
func (m *HTTPMetrics) Submission(phase, reason string) {
	if reason == "" {
		reason = "accepted"
	}
	m.submissions.WithLabelValues(phase, reason).Inc()
}
