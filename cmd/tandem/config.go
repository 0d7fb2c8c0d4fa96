package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tandem/api"
	"tandem/survey/mail"
	"tandem/survey/store"
)

// Config is everything serve needs, from flags with environment fallbacks.
type Config struct {
	Addr    string
	DB      string
	BaseURL string
	Demo    bool
	// DBMemoryLimit caps DuckDB's memory ("" keeps its default).
	DBMemoryLimit string
	// RetentionMonths, when positive, deletes the answers of cohorts that
	// ended more than that many months ago.
	RetentionMonths int
	// TrustedProxies are reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies []string
	AdminToken     string // from TANDEM_ADMIN_TOKEN only: never a flag, so it stays out of process lists
	// MetricsToken, from TANDEM_METRICS_TOKEN only (like AdminToken), lets
	// Prometheus read /metrics without the admin token; "" leaves /metrics
	// to the admin token alone.
	MetricsToken string
	// KeyFile holds the server key; default tandem.key beside the database.
	KeyFile string
	// keyFileSet says the key file was named (flag or environment), not
	// defaulted.
	keyFileSet bool
	// SecretKey is the server key given directly, from TANDEM_SECRET_KEY
	// only (hex or base64 of 32 bytes); when set, no key file is used.
	SecretKey *store.Key
	// SMTP sends the HR pages' invitations and reminders; no host, no mail.
	SMTP mail.Config
	// RemindAfterDays is the least number of days between two reminders.
	RemindAfterDays int
	// TimeZone is where the HR pages' dates are typed and shown.
	TimeZone *time.Location
}

// parseServe reads serve's flags; a flag beats its environment variable,
// which beats the default.
func parseServe(args []string, stderr io.Writer, getenv func(string) string) (Config, error) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	var cfg Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", env("TANDEM_ADDR", "127.0.0.1:8080"), "address to listen on, host:port (env TANDEM_ADDR)")
	fs.StringVar(&cfg.DB, "db", env("TANDEM_DB", "data/tandem.duckdb"), "DuckDB database file, created with its folder (env TANDEM_DB)")
	fs.StringVar(&cfg.BaseURL, "base-url", env("TANDEM_BASE_URL", ""), "public URL of the service, used in invitation links;\ndefault http://<addr> (env TANDEM_BASE_URL)")
	proxies := fs.String("trusted-proxies", env("TANDEM_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDRs of reverse proxies whose\nX-Forwarded-For names the client (env TANDEM_TRUSTED_PROXIES)")
	retention := fs.String("retention-months", env("TANDEM_RETENTION_MONTHS", "0"), "delete responses of cohorts that ended more than this many months ago,\nchecked at start and daily; 0 keeps them (env TANDEM_RETENTION_MONTHS)")
	fs.StringVar(&cfg.SMTP.Host, "smtp-host", env("TANDEM_SMTP_HOST", ""), "SMTP server for invitations and reminders from the HR pages;\nempty sends no e-mail (env TANDEM_SMTP_HOST)")
	smtpPort := fs.String("smtp-port", env("TANDEM_SMTP_PORT", "587"), "SMTP port (env TANDEM_SMTP_PORT)")
	fs.StringVar(&cfg.SMTP.StartTLS, "smtp-starttls", env("TANDEM_SMTP_STARTTLS", mail.StartTLSAlways), "always: send only after STARTTLS; never: in the clear, for a trusted\nrelay only (env TANDEM_SMTP_STARTTLS)")
	fs.StringVar(&cfg.SMTP.Username, "smtp-username", env("TANDEM_SMTP_USERNAME", ""), "SMTP user name; the password is read from TANDEM_SMTP_PASSWORD only\n(env TANDEM_SMTP_USERNAME)")
	fs.StringVar(&cfg.SMTP.From, "smtp-from", env("TANDEM_SMTP_FROM", ""), "sender of the e-mails, e.g. \"HR Team <hr@example.com>\" (env TANDEM_SMTP_FROM)")
	remind := fs.String("remind-after-days", env("TANDEM_REMIND_AFTER_DAYS", "3"), "remind one person at most every this many days (env TANDEM_REMIND_AFTER_DAYS)")
	zone := fs.String("time-zone", env("TANDEM_TIME_ZONE", "UTC"), "time zone of the dates on the HR pages, e.g. Europe/Berlin (env TANDEM_TIME_ZONE)")
	fs.StringVar(&cfg.DBMemoryLimit, "db-memory-limit", env("TANDEM_DB_MEMORY_LIMIT", ""), "cap on DuckDB's memory, e.g. 512MB or 2GB; larger queries spill to disk\nbeside the database; empty: DuckDB's default, 80% of RAM (env TANDEM_DB_MEMORY_LIMIT)")
	fs.StringVar(&cfg.KeyFile, "key-file", env("TANDEM_KEY_FILE", ""), "file holding the server key, which makes the respondent keys and seals anonymous\nresponses; created (mode 0600) on first start; keep it, and back it up apart from\nthe database; default: tandem.key in the database's folder (env TANDEM_KEY_FILE)")
	fs.BoolVar(&cfg.Demo, "demo", false, "if the database is empty, fill it with a demo program and print how to explore it")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tandem serve [flags]\n\nServes participant forms (/s/{token}), the HR pages (/hr), the admin API (/api/v1),\n/metrics, /healthz and /readyz.\nThe admin token is TANDEM_ADMIN_TOKEN if set; otherwise one is made on first start,\nprinted once, and only its hash is stored.\n/metrics needs \"Authorization: Bearer <token>\" with the metrics token, TANDEM_METRICS_TOKEN\n(at least 16 characters, no spaces; environment only, so it stays out of process lists),\nor the admin token. /healthz and /readyz need none.\n\nThe server key (--key-file, or TANDEM_SECRET_KEY: hex or base64 of 32 bytes) is kept\noutside the database: without it, confidential responses can no longer be linked\nacross phases and anonymous responses not yet released cannot be read. A backup\nof the database does not contain it.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	cfg.AdminToken = getenv("TANDEM_ADMIN_TOKEN")
	cfg.MetricsToken = getenv("TANDEM_METRICS_TOKEN")
	cfg.keyFileSet = cfg.KeyFile != ""
	if err := cfg.parseKey(getenv("TANDEM_SECRET_KEY")); err != nil {
		return cfg, err
	}
	cfg.SMTP.Password = getenv("TANDEM_SMTP_PASSWORD")
	if err := cfg.parseHR(*smtpPort, *remind, *zone); err != nil {
		return cfg, err
	}
	if n, err := strconv.Atoi(*retention); err != nil || n < 0 {
		return cfg, fmt.Errorf("--retention-months / TANDEM_RETENTION_MONTHS %q: must be a whole number of months, 0 or more", *retention)
	} else {
		cfg.RetentionMonths = n
	}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.TrustedProxies = append(cfg.TrustedProxies, p)
		}
	}
	return cfg, cfg.validate()
}

// parseKey reads the server key given directly, and defaults the key file
// to tandem.key beside the database.
func (c *Config) parseKey(secret string) error {
	if secret != "" {
		if c.keyFileSet {
			return errors.New("TANDEM_SECRET_KEY and --key-file / TANDEM_KEY_FILE: set one of them, not both")
		}
		k, err := store.ParseKey(secret)
		if err != nil {
			return fmt.Errorf("TANDEM_SECRET_KEY: %w", err)
		}
		c.SecretKey = &k
	}
	if c.KeyFile == "" {
		c.KeyFile = filepath.Join(filepath.Dir(c.DB), "tandem.key")
	}
	return nil
}

// parseHR reads the numbers and the zone of the HR pages' settings.
func (c *Config) parseHR(port, remind, zone string) error {
	var errs []error
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		errs = append(errs, fmt.Errorf("--smtp-port / TANDEM_SMTP_PORT %q: must be a port number, 1 to 65535", port))
	} else {
		c.SMTP.Port = n
	}
	if n, err := strconv.Atoi(remind); err != nil || n < 1 {
		errs = append(errs, fmt.Errorf("--remind-after-days / TANDEM_REMIND_AFTER_DAYS %q: must be a whole number of days, 1 or more", remind))
	} else {
		c.RemindAfterDays = n
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		errs = append(errs, fmt.Errorf("--time-zone / TANDEM_TIME_ZONE %q: not a time zone such as Europe/Berlin or UTC", zone))
	}
	c.TimeZone = loc
	if c.SMTP.Host != "" {
		if _, err := mail.New(c.SMTP); err != nil {
			errs = append(errs, fmt.Errorf("--smtp-* / TANDEM_SMTP_*: %w", err))
		}
	}
	return errors.Join(errs...)
}

func (c *Config) validate() error {
	var errs []error
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil || port == "" {
		errs = append(errs, fmt.Errorf("--addr / TANDEM_ADDR %q: must be host:port, e.g. 127.0.0.1:8080", c.Addr))
	}
	if c.DB == "" {
		errs = append(errs, errors.New("--db / TANDEM_DB: must name a file"))
	}
	if c.BaseURL == "" {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("--base-url / TANDEM_BASE_URL %q: must be an http(s) URL such as https://survey.example.com", c.BaseURL))
	}
	for _, p := range c.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			errs = append(errs, fmt.Errorf("--trusted-proxies / TANDEM_TRUSTED_PROXIES: %q is neither an address nor a CIDR", p))
		}
	}
	if c.AdminToken != "" && len(c.AdminToken) < 16 {
		errs = append(errs, errors.New("TANDEM_ADMIN_TOKEN: must be at least 16 characters"))
	}
	if _, ok := api.BearerToken("Bearer " + c.AdminToken); c.AdminToken != "" && !ok {
		errs = append(errs, errors.New("TANDEM_ADMIN_TOKEN: must not contain spaces or control characters (it is sent as \"Authorization: Bearer <token>\")"))
	}
	if err := validMetricsToken(c.MetricsToken); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// validMetricsToken checks TANDEM_METRICS_TOKEN: long enough not to be
// guessed, and nothing but visible ASCII, since it travels as the whole of
// the Authorization header after "Bearer ".
func validMetricsToken(tok string) error {
	if tok == "" {
		return nil
	}
	if len(tok) < 16 {
		return errors.New("TANDEM_METRICS_TOKEN: must be at least 16 characters")
	}
	for _, r := range tok {
		if r <= ' ' || r > '~' {
			return errors.New("TANDEM_METRICS_TOKEN: must be visible ASCII characters without spaces (it is sent in an HTTP header)")
		}
	}
	return nil
}
