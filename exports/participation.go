package exports

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of ParticipationOptions.
const (
	DefaultParticipationWindow = 7 * 24 * time.Hour
	DefaultParticipationTTL    = 5 * time.Second
)

// participationQueryTimeout bounds one refresh; Prometheus' own scrape
// timeout defaults to 10 s.
const participationQueryTimeout = 5 * time.Second

// Querier is what the participation collector needs of the database; a
// *sql.DB is one.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// RoleOther is the role label of the series that counts the small roles
// of a survey together (analytics.FoldRoles).
const RoleOther = "other"

// ParticipationOptions tune the participation collector; zero values take
// the defaults.
type ParticipationOptions struct {
	// Window is how long after it ended a survey is still exported.
	Window time.Duration
	// TTL is how long one reading of the database serves scrapes before a
	// scrape starts a fresh one, so that several Prometheus servers or a
	// fast scrape interval cost one query.
	TTL time.Duration
	// ShowSmallRoles turns off the folding of small roles (analytics.FoldRoles), so
	// that every role of a survey is a series of its own, however few were
	// invited. Only tests set it, to show that their attacks on /metrics
	// find a small group once nothing protects it; the service never does.
	ShowSmallRoles bool
}

// Participation is a prometheus.Collector that reads participation from
// the database at scrape time, so the figures are right after a restart
// and the same on every replica. It exports surveys that are open or ended
// within the window, labelled by program and cohort ID, phase, role and
// state; never a name, never anything about a participant. Per survey, the
// roles fewer than the program's anonymity threshold were invited from are
// shown together as role "other" (analytics.FoldRoles). A reading serves scrapes for
// the TTL and is then renewed in the background (see snapshot).
type Participation struct {
	db     Querier
	now    func() time.Time
	window time.Duration
	ttl    time.Duration
	fold   bool

	mu         sync.Mutex
	cached     *participation
	loadedAt   time.Time
	refreshing bool // a read runs in the background

	queryDuration prometheus.Histogram
	queryErrors   prometheus.Counter
}

// NewParticipation returns the participation collector over db; now is the
// clock that decides which surveys are open and when the cache expires.
func NewParticipation(db Querier, now func() time.Time, opts ParticipationOptions) *Participation {
	if opts.Window <= 0 {
		opts.Window = DefaultParticipationWindow
	}
	if opts.TTL <= 0 {
		opts.TTL = DefaultParticipationTTL
	}
	query := prometheus.Labels{"query": "participation"}
	return &Participation{
		db: db, now: now, window: opts.Window, ttl: opts.TTL, fold: !opts.ShowSmallRoles,
		queryDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "tandem", Subsystem: "db", Name: "query_duration_seconds",
			Help:        "Time to read from DuckDB (the query and its rows), by query.",
			ConstLabels: query,
			Buckets:     []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
		queryErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "tandem", Subsystem: "db", Name: "query_errors_total",
			Help:        "Read queries against DuckDB that failed, by query; the last good result is served meanwhile.",
			ConstLabels: query,
		}),
	}
}

var (
	surveyLabels = []string{"program", "cohort", "phase", "role", "state"}
	phaseLabels  = []string{"program", "cohort", "phase"}

	descInvitations = prometheus.NewDesc("tandem_survey_invitations",
		"Invitations sent for open and recently closed surveys; roles of a survey with fewer invitations than the program's anonymity threshold are counted together as role \"other\".", surveyLabels, nil)
	descOpened = prometheus.NewDesc("tandem_survey_invitations_opened",
		"Invitations whose link was opened at least once.", surveyLabels, nil)
	descSubmitted = prometheus.NewDesc("tandem_survey_invitations_submitted",
		"Invitations that were answered.", surveyLabels, nil)
	descRatio = prometheus.NewDesc("tandem_survey_response_ratio",
		"Answered invitations divided by invitations sent (0 to 1).", surveyLabels, nil)
	descOpen = prometheus.NewDesc("tandem_surveys_open",
		"Surveys open now; 0 where the cohort's surveys of that phase closed within the window.", phaseLabels, nil)
	descClosesIn = prometheus.NewDesc("tandem_survey_closes_in_seconds",
		"Seconds until the first open survey of the cohort and phase closes.", phaseLabels, nil)
)

// Describe sends the descriptors of every metric the collector may send.
func (p *Participation) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descInvitations, descOpened, descSubmitted, descRatio, descOpen, descClosesIn} {
		ch <- d
	}
	p.queryDuration.Describe(ch)
	p.queryErrors.Describe(ch)
}

// Collect sends the participation figures of the current reading (see
// snapshot) and the collector's own query duration and errors.
func (p *Participation) Collect(ch chan<- prometheus.Metric) {
	now := p.now()
	if snap := p.snapshot(now); snap != nil {
		snap.collect(ch, now)
	}
	p.queryDuration.Collect(ch)
	p.queryErrors.Collect(ch)
}

// snapshot returns the reading to serve. The first scrape reads the
// database and waits for it. After that, a scrape finding the reading older
// than the TTL still serves it and starts one fresh read beside it, so that
// no scrape but the first waits for DuckDB, whatever the scrape interval;
// the figures lag by at most one scrape. When a read fails, the last good
// reading stays.
func (p *Participation) snapshot(now time.Time) *participation {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.cached == nil:
		if snap, ok := p.read(now); ok {
			p.cached, p.loadedAt = snap, now
		}
	case p.refreshing || (!now.Before(p.loadedAt) && now.Sub(p.loadedAt) < p.ttl):
	default:
		p.refreshing = true
		go p.refresh(now)
	}
	return p.cached
}

// refresh reads the database without holding the lock and installs the
// reading.
func (p *Participation) refresh(now time.Time) {
	snap, ok := p.read(now)
	p.mu.Lock()
	defer p.mu.Unlock()
	if ok {
		p.cached, p.loadedAt = snap, now
	}
	p.refreshing = false
}

// read runs the participation query as of now, timing it and counting its
// failures.
func (p *Participation) read(now time.Time) (*participation, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), participationQueryTimeout)
	defer cancel()
	start := time.Now()
	snap, err := loadParticipation(ctx, p.db, now, p.window, p.fold)
	p.queryDuration.Observe(time.Since(start).Seconds())
	if err != nil {
		p.queryErrors.Inc()
		return nil, false
	}
	return snap, true
}
