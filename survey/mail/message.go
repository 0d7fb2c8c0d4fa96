package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Message is one plain-text e-mail to one person.
type Message struct {
	To      string // address, or "Name <address>"
	Subject string
	Body    string
}

// parseAddress reads one address and refuses header injection.
func parseAddress(s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("must be on one line")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, errors.New("is not an e-mail address")
	}
	return a, nil
}

// Address formats a recipient with a display name, encoded as needed.
func Address(name, email string) string {
	return (&mail.Address{Name: name, Address: email}).String()
}

// bytes renders the message with its headers; the body goes as UTF-8,
// quoted-printable, so that umlauts and long lines pass any relay.
func (m Message) bytes(from string, now time.Time) ([]byte, error) {
	f, err := parseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	to, err := parseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, errors.New("subject: must be on one line")
	}
	id := make([]byte, 12)
	rand.Read(id)
	domain := f.Address[strings.LastIndex(f.Address, "@")+1:]
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", f.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
