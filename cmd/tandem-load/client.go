package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// client talks to tandem's admin API and participant pages.
type client struct {
	base, token string
	http        *http.Client
}

type link struct{ participant, path string }

func (c *client) api(ctx context.Context, method, path string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+"/api/v1"+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", method, path, res.Status, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// setup makes a program of mode ("" for the default), a cohort of n
// mentees, an open final survey and its invitations, and returns the links.
func (c *client) setup(ctx context.Context, n int, mode string) ([]link, string, error) {
	var id struct{ ID string }
	program := map[string]any{"name": "Load test " + time.Now().UTC().Format(time.RFC3339), "language": "de"}
	if mode != "" {
		program["mode"] = mode
	}
	if err := c.api(ctx, "POST", "/programs", program, &id); err != nil {
		return nil, "", err
	}
	if err := c.api(ctx, "POST", "/programs/"+id.ID+"/cohorts", map[string]any{"name": "Load", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, &id); err != nil {
		return nil, "", err
	}
	cohort := id.ID
	for start := 0; start < n; start += 5000 {
		var rows []map[string]string
		for i := start; i < min(start+5000, n); i++ {
			rows = append(rows, map[string]string{"name": fmt.Sprintf("Person %d", i), "email": fmt.Sprintf("p%d@example.com", i), "role": "mentee", "department": "IT"})
		}
		if err := c.api(ctx, "POST", "/cohorts/"+cohort+"/participants", rows, nil); err != nil {
			return nil, "", err
		}
	}
	now := time.Now().UTC()
	if err := c.api(ctx, "POST", "/cohorts/"+cohort+"/surveys", map[string]any{"phase": "final",
		"opens_at": now.Add(-time.Minute).Format(time.RFC3339), "closes_at": now.Add(24 * time.Hour).Format(time.RFC3339)}, &id); err != nil {
		return nil, "", err
	}
	var invs []struct {
		ParticipantID string `json:"participant_id"`
		URL           string `json:"url"`
	}
	if err := c.api(ctx, "POST", "/surveys/"+id.ID+"/invitations", nil, &invs); err != nil {
		return nil, "", err
	}
	links := make([]link, len(invs))
	for i, inv := range invs {
		_, path, ok := strings.Cut(inv.URL, "/s/")
		if !ok {
			return nil, "", fmt.Errorf("unexpected invitation URL %q", inv.URL)
		}
		links[i] = link{participant: inv.ParticipantID, path: "/s/" + path}
	}
	return links, id.ID, nil
}

// submit posts one form and returns "" when it was acknowledged (303), or
// what went wrong.
func (c *client) submit(ctx context.Context, path, body string) string {
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+path, strings.NewReader(body))
	if err != nil {
		return "request"
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return "cancelled"
		}
		return "connection"
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode == http.StatusSeeOther {
		return ""
	}
	return fmt.Sprintf("status %d", res.StatusCode)
}
