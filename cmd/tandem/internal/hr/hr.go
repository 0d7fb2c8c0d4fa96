package hr

import (
	"context"
	"io"
	"log/slog"
	"time"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/mail"
	"tandem/survey/store"
	"tandem/survey/throttle"
	"tandem/survey/web"
)

// Store is what the HR pages need of the store: the same methods the setup
// API calls, and the accounts, sessions and mail marks.
type Store interface {
	web.SetupStore

	CreateAccount(ctx context.Context, a survey.Account, passwordHash string) (survey.Account, error)
	CreateFirstAccount(ctx context.Context, a survey.Account, passwordHash string) (survey.Account, error)
	AccountCount(ctx context.Context) (int, error)
	Accounts(ctx context.Context) ([]survey.Account, error)
	AccountByEmail(ctx context.Context, email string) (survey.Account, string, error)
	SetAccountLanguage(ctx context.Context, id, lang string) error
	AddProgramMember(ctx context.Context, programID, accountID string) error
	RemoveProgramMember(ctx context.Context, programID, accountID string) error
	ProgramMembers(ctx context.Context, programID string) ([]survey.Account, error)
	ProgramAnswered(ctx context.Context, id string) (bool, error)
	MemberPrograms(ctx context.Context, accountID string) (map[string]bool, error)

	CreateSession(ctx context.Context, idHash []byte, accountID string, expires time.Time) error
	SessionByHash(ctx context.Context, idHash []byte, now time.Time) (store.Session, error)
	DeleteSession(ctx context.Context, idHash []byte) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	OpenSurvey(ctx context.Context, id string) (survey.Survey, error)
	Recipients(ctx context.Context, surveyID string) ([]store.Recipient, error)
	Reissue(ctx context.Context, surveyID string, invitationIDs []string) ([]store.NewInvitation, error)
	MarkSent(ctx context.Context, invitationID string, at time.Time) error
	MarkReminded(ctx context.Context, invitationID string, at time.Time) error
}

// Mailer sends one e-mail; survey/mail's SMTP client is one.
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// Download writes a file about a cohort to w (the workbook, raw answers):
// exports functions, wired by cmd/tandem. It must fail before writing
// anything when it fails for a reason the user can act on.
type Download func(ctx context.Context, w io.Writer, cohortID, lang string) error

// Config is what the HR pages are built from.
type Config struct {
	Store Store
	// Reader gives the figures, as the publication of each program allows.
	Reader  *analytics.Reader
	Catalog *survey.Catalog
	// BaseURL is where participants reach the service, for links.
	BaseURL string
	// AdminTokenHash is the SHA-256 of the admin token, which creates the
	// first admin account while there is none.
	AdminTokenHash []byte
	Now            func() time.Time
	Log            *slog.Logger
	// Mailer sends invitations and reminders; nil turns e-mail off (the
	// pages say so and offer the links as files instead).
	Mailer Mailer
	// RemindAfter is the least time between two reminders to one person.
	RemindAfter time.Duration
	// Report writes the Excel workbook; Responses the raw answers as CSV.
	// A nil one is not offered.
	Report    Download
	Responses Download
	// Location is the time zone dates are entered and shown in.
	Location *time.Location
}

// Pages serves the HR pages.
type Pages struct {
	Config
	tmpl   engine
	secure bool // cookies only over HTTPS
	// Login throttling: failures per client address, and per account from
	// one client address (keyed by e-mail address and client address).
	byClient, byPair *throttle.Limiter
	dummyHash        string // verified against for unknown accounts, so that timing tells nothing
}

// New checks cfg, parses the templates and returns the pages.
func New(cfg Config) (*Pages, error) {
	e, err := newEngine()
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.RemindAfter <= 0 {
		cfg.RemindAfter = 3 * 24 * time.Hour
	}
	p := &Pages{Config: cfg, tmpl: e, secure: len(cfg.BaseURL) > 8 && cfg.BaseURL[:8] == "https://",
		// 20 failures from one address, then one more every 30 s; 5 for one
		// account from one address, then one a minute: guessing stays
		// hopeless, a person who mistyped is not locked out for long, and
		// failures elsewhere do not lock them out at all.
		byClient:  throttle.NewLimiter(20, 30*time.Second, cfg.Now),
		byPair:    throttle.NewLimiter(5, time.Minute, cfg.Now),
		dummyHash: HashPassword(NewPassword()),
	}
	return p, nil
}
