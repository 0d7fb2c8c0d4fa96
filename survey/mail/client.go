package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"strconv"
	"time"
)

// The STARTTLS policies of Config.StartTLS.
const (
	// StartTLSAlways refuses to send unless the server offers STARTTLS.
	StartTLSAlways = "always"
	// StartTLSNever sends in the clear: only for a relay on the same host
	// or a trusted network.
	StartTLSNever = "never"
)

// Config says how to reach the SMTP server.
type Config struct {
	Host string
	Port int
	// StartTLS is StartTLSAlways (the default) or StartTLSNever.
	StartTLS string
	// Username and Password, when Username is set, authenticate with PLAIN,
	// which net/smtp only does over TLS or to localhost.
	Username, Password string
	// From is the sender, e.g. "HR Team <hr@example.com>".
	From string
	// TLS, when set, replaces the default TLS settings (system roots, the
	// server name Host); tests use it to trust their own certificate.
	TLS *tls.Config
	// Timeout bounds one message from dial to QUIT; default 30 s.
	Timeout time.Duration
}

// Client sends messages with a fresh connection each.
type Client struct {
	cfg  Config
	from string // the sender's bare address, for MAIL FROM
}

// New checks cfg and returns a client; nothing is dialled yet.
func New(cfg Config) (*Client, error) {
	var errs []error
	if cfg.Host == "" {
		errs = append(errs, errors.New("SMTP host: required"))
	}
	if cfg.Port <= 0 || cfg.Port > 65535 {
		errs = append(errs, fmt.Errorf("SMTP port %d: must be 1..65535", cfg.Port))
	}
	if cfg.StartTLS == "" {
		cfg.StartTLS = StartTLSAlways
	}
	if cfg.StartTLS != StartTLSAlways && cfg.StartTLS != StartTLSNever {
		errs = append(errs, fmt.Errorf("SMTP STARTTLS %q: must be %q or %q", cfg.StartTLS, StartTLSAlways, StartTLSNever))
	}
	from, err := parseAddress(cfg.From)
	if err != nil {
		errs = append(errs, fmt.Errorf("SMTP from %q: %w", cfg.From, err))
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, from: from.Address}, nil
}

// Send delivers m to the server, which takes it over (or refuses it).
func (c *Client) Send(ctx context.Context, m Message) error {
	to, err := parseAddress(m.To)
	if err != nil {
		return fmt.Errorf("send mail: recipient %q: %w", m.To, err)
	}
	data, err := m.bytes(c.cfg.From, time.Now())
	if err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	addr := net.JoinHostPort(c.cfg.Host, strconv.Itoa(c.cfg.Port))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("send mail: connect to %s: %w", addr, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	if err := c.deliver(conn, to.Address, data); err != nil {
		return fmt.Errorf("send mail via %s: %w", addr, err)
	}
	return nil
}

func (c *Client) deliver(conn net.Conn, to string, data []byte) error {
	sc, err := smtp.NewClient(conn, c.cfg.Host)
	if err != nil {
		return err
	}
	defer sc.Close()
	if err := sc.Hello("localhost"); err != nil {
		return err
	}
	if c.cfg.StartTLS == StartTLSAlways {
		if ok, _ := sc.Extension("STARTTLS"); !ok {
			return errors.New("the server offers no STARTTLS (set STARTTLS to never only for a trusted relay)")
		}
		tc := c.cfg.TLS
		if tc == nil {
			tc = &tls.Config{ServerName: c.cfg.Host, MinVersion: tls.VersionTLS12}
		}
		if err := sc.StartTLS(tc); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if c.cfg.Username != "" {
		if err := sc.Auth(smtp.PlainAuth("", c.cfg.Username, c.cfg.Password, c.cfg.Host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := sc.Mail(c.from); err != nil {
		return err
	}
	if err := sc.Rcpt(to); err != nil {
		return err
	}
	w, err := sc.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return sc.Quit()
}
