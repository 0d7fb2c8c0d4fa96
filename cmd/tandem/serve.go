package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/demo"
	"tandem/survey/mail"
	"tandem/survey/store"
)

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cfg, err := parseServe(args, stderr, getenv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tandem serve: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	slog.SetDefault(log)
	if err := serve(ctx, cfg, stdout, log, nil); err != nil {
		fmt.Fprintf(stderr, "tandem serve: %v\n", err)
		return 1
	}
	return 0
}

// serve runs the service until ctx ends, then finishes in-flight requests
// and closes the database cleanly. ready, if set, receives the address
// once the listener is up.
func serve(ctx context.Context, cfg Config, stdout io.Writer, log *slog.Logger, ready chan<- string) error {
	catalog, err := survey.LoadCatalog()
	if err != nil {
		return err
	}
	dbMetrics := exports.NewDBMetrics(cfg.DB)
	st, err := openStore(ctx, cfg, dbMetrics, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("close database", "err", err)
		}
	}()
	tokenHash, newToken, err := adminToken(ctx, st, cfg.AdminToken)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	deps := routerDeps{store: st, catalog: catalog, baseURL: cfg.BaseURL, adminTokenHash: tokenHash, metricsTokenHash: metricsTokenHash(cfg.MetricsToken), now: time.Now, log: log, trustedProxies: cfg.TrustedProxies, dbMetrics: dbMetrics,
		remindAfter: time.Duration(cfg.RemindAfterDays) * 24 * time.Hour, location: cfg.TimeZone}
	if cfg.SMTP.Host != "" {
		if deps.mailer, err = mail.New(cfg.SMTP); err != nil {
			ln.Close()
			return err
		}
	}
	handler, err := newHandler(deps)
	if err != nil {
		ln.Close()
		return err
	}
	switch {
	case newToken != "":
		fmt.Fprintf(stdout, "Admin token (shown once; only its hash is stored): %s\n", newToken)
	case cfg.Demo && cfg.AdminToken != "":
		fmt.Fprintln(stdout, "Admin token: the value of TANDEM_ADMIN_TOKEN")
	case cfg.Demo:
		fmt.Fprintln(stdout, "Admin token: printed at the first start; \"tandem admin-token\" (server stopped) makes a new one")
	}
	if cfg.Demo {
		if err := seedDemo(ctx, st, catalog, cfg, stdout); err != nil {
			ln.Close()
			return err
		}
	}
	fmt.Fprintf(stdout, "tandem %s listening on %s (database %s)\n", version, cfg.BaseURL, cfg.DB)
	fmt.Fprintf(stdout, "HR pages: %s/hr\n", cfg.BaseURL)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if cfg.RetentionMonths > 0 {
		go retain(ctx, st, cfg.RetentionMonths, log)
	}
	go releaseEvery(ctx, st, time.Minute, log)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// openStore opens the database with the server key, and releases the
// waiting responses of anonymous surveys that closed meanwhile.
func openStore(ctx context.Context, cfg Config, dbMetrics *exports.DBMetrics, log *slog.Logger) (*store.Store, error) {
	key, err := configuredKey(cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.DB, store.WithCommitObserver(dbMetrics.ObserveCommit), store.WithMemoryLimit(cfg.DBMemoryLimit),
		store.WithKeySource(keySource(cfg, key)))
	if err != nil {
		return nil, keyAdvice(cfg, err)
	}
	if err := releaseDue(ctx, st, log); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// retain deletes the responses of cohorts past the retention period, at
// start and then daily, until ctx ends.
func retain(ctx context.Context, st *store.Store, months int, log *slog.Logger) {
	tick := time.NewTicker(24 * time.Hour)
	defer tick.Stop()
	for {
		cutoff := time.Now().UTC().AddDate(0, -months, 0)
		n, err := st.PurgeCohortsEndedBefore(ctx, cutoff)
		if err != nil {
			log.Error("retention", "err", err)
		} else if n > 0 {
			log.Info("retention: deleted responses of cohorts that ended before the cutoff", "responses", n, "cutoff", cutoff.Format(time.DateOnly))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// releaseDue releases the waiting anonymous responses of surveys that have
// closed, so that they reach the evaluation whole.
func releaseDue(ctx context.Context, st *store.Store, log *slog.Logger) error {
	n, err := st.FlushDue(ctx)
	if err != nil {
		return fmt.Errorf("release the responses of closed anonymous surveys: %w", err)
	}
	if n > 0 {
		log.Info("released the anonymous responses of closed surveys", "responses", n)
	}
	return nil
}

// releaseEvery runs releaseDue every interval until ctx ends: a survey that
// closes by its closing time has its responses released within a minute.
func releaseEvery(ctx context.Context, st *store.Store, every time.Duration, log *slog.Logger) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := releaseDue(ctx, st, log); err != nil && ctx.Err() == nil {
			log.Error("release", "err", err)
		}
	}
}

// adminToken returns the hash of the admin token in force and, when one was
// just made, the token itself so that it can be printed once.
func adminToken(ctx context.Context, st *store.Store, fromEnv string) ([]byte, string, error) {
	if fromEnv != "" {
		h := sha256.Sum256([]byte(fromEnv))
		return h[:], "", nil
	}
	hash, err := st.AdminTokenHash(ctx)
	if err != nil || hash != nil {
		return hash, "", err
	}
	return newAdminToken(ctx, st)
}

func newAdminToken(ctx context.Context, st *store.Store) ([]byte, string, error) {
	tok := survey.NewToken()
	h := sha256.Sum256([]byte(tok))
	if err := st.SetAdminTokenHash(ctx, h[:]); err != nil {
		return nil, "", fmt.Errorf("store admin token: %w", err)
	}
	return h[:], tok, nil
}

func seedDemo(ctx context.Context, st *store.Store, catalog *survey.Catalog, cfg Config, stdout io.Writer) error {
	empty, err := st.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		fmt.Fprintln(stdout, "Demo: the database already holds data; nothing was added.")
		return nil
	}
	info, err := demo.Seed(ctx, st, catalog, cfg.BaseURL, time.Now(), time.Now().UnixNano())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "\nDemo program seeded: a finished cohort, a running one with an open half-time survey, and an\nupcoming one whose intake is answered and whose tandems can be matched.\n")
	fmt.Fprintf(stdout, "  HR pages:      %s/hr  (first admin: %s/hr/setup with the admin token, or tandem user add)\n", cfg.BaseURL, cfg.BaseURL)
	fmt.Fprintf(stdout, "  Admin API:     %s/api/v1/programs  (Authorization: Bearer <admin token>)\n", cfg.BaseURL)
	fmt.Fprintf(stdout, "  Surveys:       %s/api/v1/cohorts/%s/surveys  (then /api/v1/surveys/{id}/results)\n", cfg.BaseURL, info.FinishedCohortID)
	fmt.Fprintf(stdout, "  Summary:       %s/api/v1/cohorts/%s/summary\n", cfg.BaseURL, info.FinishedCohortID)
	fmt.Fprintf(stdout, "  Matching:      POST %s/api/v1/cohorts/%s/matching  {\"shape\": \"1:1\"}\n", cfg.BaseURL, info.UpcomingCohortID)
	fmt.Fprintf(stdout, "  Metrics:       %s/metrics  (Authorization: Bearer <TANDEM_METRICS_TOKEN or admin token>)\n", cfg.BaseURL)
	fmt.Fprintf(stdout, "  API reference: %s/api/v1/openapi.yaml\n", cfg.BaseURL)
	fmt.Fprintln(stdout, "  Participant links of the open half-time survey:")
	for _, l := range info.Links {
		fmt.Fprintf(stdout, "    %-22s %-7s %s\n", l.Name, l.Role, l.URL)
	}
	fmt.Fprintln(stdout)
	return nil
}

func adminTokenCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("admin-token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := getenv("TANDEM_DB")
	if def == "" {
		def = "data/tandem.duckdb"
	}
	db := fs.String("db", def, "DuckDB database file (env TANDEM_DB)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tandem admin-token [flags]\n\nMakes a new admin token, stores its hash and prints it once; the old token stops working.\nThe server must be stopped: DuckDB lets one process open the file.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "tandem admin-token: %v\n", err)
		return 1
	}
	defer st.Close()
	_, tok, err := newAdminToken(ctx, st)
	if err != nil {
		fmt.Fprintf(stderr, "tandem admin-token: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, tok)
	return 0
}
