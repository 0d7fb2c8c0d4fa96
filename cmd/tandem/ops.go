package main

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tandem/exports"
)

// ops answers the operations routes: liveness, readiness and the metrics.
type ops struct {
	db interface {
		Ping(ctx context.Context) error
	}
	scrape http.Handler
	// metricsAuth lets through the metrics token or the admin token.
	metricsAuth gin.HandlerFunc
}

func newOps(d routerDeps, m *exports.Metrics) *ops {
	return &ops{db: d.store,
		scrape:      promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry}),
		metricsAuth: requireBearer("tandem metrics", d.metricsTokenHash, d.adminTokenHash)}
}

// healthz answers GET /healthz: the process is up.
func (o *ops) healthz(c *gin.Context) { c.String(http.StatusOK, "ok\n") }

// readyz answers GET /readyz: the database answers.
func (o *ops) readyz(c *gin.Context) {
	if err := o.db.Ping(c); err != nil {
		c.String(http.StatusServiceUnavailable, "database unreachable\n")
		return
	}
	c.String(http.StatusOK, "ready\n")
}

// metrics answers GET /metrics, behind metricsAuth.
func (o *ops) metrics(c *gin.Context) { o.scrape.ServeHTTP(c.Writer, c.Request) }
