package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"tandem/analytics"
	"tandem/analytics/match"
	"tandem/api"
	"tandem/cmd/tandem/internal/hr"
	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/throttle"
	"tandem/survey/web"
)

type routerDeps struct {
	store          *store.Store
	catalog        *survey.Catalog
	baseURL        string
	adminTokenHash []byte
	now            func() time.Time
	log            *slog.Logger
	trustedProxies []string // CIDRs or addresses of reverse proxies; none by default
	// dbMetrics hears the store's commits; nil: made here, commits unseen.
	dbMetrics *exports.DBMetrics
	// mailer sends the HR pages' invitations and reminders; nil: no e-mail.
	mailer hr.Mailer
	// remindAfter is the least time between two reminders to one person.
	remindAfter time.Duration
	// location is the time zone of the HR pages; nil is UTC.
	location *time.Location
	// unprotected switches the publication model off, for the attack tests
	// only: they show that each attack works without it.
	unprotected bool
	// metricsTokenHash is the SHA-256 of TANDEM_METRICS_TOKEN, which reads
	// /metrics besides the admin token; nil: the admin token alone.
	metricsTokenHash []byte
	// participation tunes the participation metrics; the zero value is
	// the service's.
	participation exports.ParticipationOptions
}

func init() {
	// Release mode unless GIN_MODE says otherwise.
	if os.Getenv("GIN_MODE") == "" {
		gin.SetMode(gin.ReleaseMode)
	}
}

// newHandler is the router behind cross-origin protection: browsers'
// cross-site form posts are refused (Sec-Fetch-Site / Origin), while
// clients such as curl that send neither are unaffected.
func newHandler(d routerDeps) (http.Handler, error) {
	r, err := newRouter(d)
	if err != nil {
		return nil, err
	}
	return http.NewCrossOriginProtection().Handler(r), nil
}

// newRouter builds every handler and the middleware, and wires the
// routes (routes.go).
func newRouter(d routerDeps) (*gin.Engine, error) {
	if d.dbMetrics == nil {
		d.dbMetrics = exports.NewDBMetrics(d.store.Path())
	}
	metrics := exports.NewMetrics(d.dbMetrics, d.store.DB(), d.now, d.participation)

	pages, err := web.NewPages(d.store, d.catalog, d.now)
	if err != nil {
		return nil, err
	}
	pages.Observe = func(phase survey.Phase, reason string) { metrics.HTTP.Submission(string(phase), reason) }
	// 20 unknown links in a row, then one more every 30 s, per client.
	pages.Limiter = throttle.NewLimiter(20, 30*time.Second, d.now)

	hrPages, err := newHRPages(d)
	if err != nil {
		return nil, err
	}
	noRoute := notFound(pages, hrPages)

	r := gin.New()
	r.HandleMethodNotAllowed = true
	// The client address is the connection's unless a trusted proxy says
	// otherwise; without this gin would believe any X-Forwarded-For.
	if err := r.SetTrustedProxies(d.trustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	r.Use(recovery(d.log), requestLog(d.log), securityHeaders(), metrics.HTTP.Middleware(), validParams(noRoute))

	reader := d.reader()
	routes(r, handlers{
		ops:       newOps(d, metrics),
		pages:     pages,
		setup:     &web.API{Store: d.store, BaseURL: d.baseURL, Now: d.now},
		results:   &analytics.API{Reader: reader},
		matching:  &match.API{DB: d.store.DB(), Catalog: d.catalog, Keys: d.store, Store: d.store},
		downloads: &exports.ReportAPI{Reader: reader, Now: d.now},
		hr:        hrPages,

		adminTokenHash: d.adminTokenHash,
	})

	r.NoRoute(noRoute)
	r.NoMethod(func(c *gin.Context) {
		api.JSONError(c, &survey.Error{Code: api.CodeMethodNotAllowed, Message: "method not allowed on this route"})
	})
	return r, nil
}

// newHRPages makes the HR pages (/hr), with the same exports as the API's
// downloads, authenticated by the organiser's session instead of the token.
func newHRPages(d routerDeps) (*hr.Pages, error) {
	reader := d.reader()
	return hr.New(hr.Config{Store: d.store, Reader: reader, Catalog: d.catalog, BaseURL: d.baseURL,
		AdminTokenHash: d.adminTokenHash, Now: d.now, Log: d.log, Mailer: d.mailer, RemindAfter: d.remindAfter, Location: d.location,
		Report: func(ctx context.Context, w io.Writer, cohortID, lang string) error {
			return exports.WriteReport(ctx, w, reader, cohortID, lang, d.now())
		},
		Responses: func(ctx context.Context, w io.Writer, cohortID, _ string) error {
			return exports.WriteResponsesCSV(ctx, w, reader, cohortID)
		},
	})
}

// reader is what every output reads results through.
func (d routerDeps) reader() *analytics.Reader {
	return &analytics.Reader{DB: d.store.DB(), Catalog: d.catalog, Now: d.now, Unprotected: d.unprotected}
}

// notFound answers a path that leads nowhere as its part of the service
// does: the error JSON under /api/, the HR pages' page under /hr, the
// participant pages' under /s/, plain text elsewhere.
func notFound(participants *web.Pages, hrPages *hr.Pages) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch p := c.Request.URL.Path; {
		case strings.HasPrefix(p, "/api/"):
			api.JSONError(c, survey.Errorf(survey.ENotFound, "nothing found at this path"))
		case p == "/hr" || strings.HasPrefix(p, "/hr/"):
			hrPages.NotFound(c)
		case strings.HasPrefix(p, survey.LinkPath("")):
			participants.NotFound(c)
		default:
			c.String(http.StatusNotFound, "not found\n")
		}
	}
}

// validParams answers 404 through notFound, before any handler, for a
// path whose parameters (IDs, tokens) are not valid UTF-8: no record has
// such an ID, and the database refuses such text even as a query
// parameter, which would otherwise be a 500 in every lookup.
func validParams(notFound gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		for _, p := range c.Params {
			if !utf8.ValidString(p.Value) {
				notFound(c)
				c.Abort()
				return
			}
		}
		c.Next()
	}
}

// requestLog writes one line per request: route template, never the raw
// path (it holds tokens), and never a body.
func requestLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		log.InfoContext(c, "request", "method", c.Request.Method, "route", route,
			"status", c.Writer.Status(), "duration_ms", float64(time.Since(start).Microseconds())/1000,
			"bytes", c.Writer.Size())
	}
}

func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		c.Next()
	}
}

func recovery(log *slog.Logger) gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, err any) {
		log.ErrorContext(c, "panic serving request", "route", c.FullPath(), "err", err)
		c.AbortWithStatus(http.StatusInternalServerError)
	})
}
