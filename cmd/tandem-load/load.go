package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"sync"
	"time"
)

// Report is the outcome of a load run.
type Report struct {
	SurveyID    string         `json:"survey_id"`
	Submissions int            `json:"submissions"`
	Acked       int            `json:"acked"`
	Errors      map[string]int `json:"errors"`
	Seconds     float64        `json:"seconds"`
	PerSecond   float64        `json:"per_second"`
	P50ms       float64        `json:"p50_ms"`
	P95ms       float64        `json:"p95_ms"`
	P99ms       float64        `json:"p99_ms"`
	Items       int            `json:"items_per_form"`
	Baseline    *Report        `json:"baseline,omitempty"`
	Ratio       float64        `json:"ratio_to_baseline,omitempty"`
}

// Print writes the report for people.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "survey %s: %d submissions of %d-item forms in %.2f s\n", r.SurveyID, r.Submissions, r.Items, r.Seconds)
	fmt.Fprintf(w, "acknowledged %d (%.1f/s); latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", r.Acked, r.PerSecond, r.P50ms, r.P95ms, r.P99ms)
	keys := make([]string, 0, len(r.Errors))
	for k := range r.Errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "errors %s: %d\n", k, r.Errors[k])
	}
	if r.Baseline != nil {
		b := r.Baseline
		fmt.Fprintf(w, "trivial Gin handler, same client and body: %.1f/s; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", b.PerSecond, b.P50ms, b.P95ms, b.P99ms)
		fmt.Fprintf(w, "ratio tandem / trivial: %.2f\n", r.Ratio)
	}
}

// Run sets up a cohort and submits cfg.N forms with cfg.C clients.
func Run(ctx context.Context, cfg Config, log io.Writer) (Report, error) {
	c := &client{base: cfg.URL, token: cfg.Token, http: &http.Client{
		Timeout:       cfg.Timeout,
		Transport:     &http.Transport{MaxIdleConnsPerHost: cfg.C * 2, MaxConnsPerHost: cfg.C * 2},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	fmt.Fprintf(log, "setting up %d participants...\n", cfg.N)
	links, surveyID, err := c.setup(ctx, cfg.N, cfg.Mode)
	if err != nil {
		return Report{}, fmt.Errorf("setup: %w", err)
	}
	var acked *ackFile
	if cfg.Acked != "" {
		if acked, err = openAckFile(cfg.Acked); err != nil {
			return Report{}, err
		}
		defer acked.Close()
	}
	rep := hammer(ctx, c, cfg, links, acked)
	rep.SurveyID = surveyID
	return rep, nil
}

// hammer posts the form to every link with cfg.C clients.
func hammer(ctx context.Context, c *client, cfg Config, links []link, acked *ackFile) Report {
	form := formBody()
	rep := Report{Errors: map[string]int{}, Items: itemCount(form)}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	work := make(chan link)
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for range cfg.C {
		wg.Go(func() {
			for l := range work {
				t0 := time.Now()
				outcome := c.submit(ctx, l.path, form)
				d := time.Since(t0)
				if outcome == "" && acked != nil {
					acked.Add(l.participant)
				}
				mu.Lock()
				rep.Submissions++
				if outcome == "" {
					rep.Acked++
					lat = append(lat, d)
				} else {
					rep.Errors[outcome]++
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, l := range links {
		select {
		case work <- l:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	rep.Seconds = time.Since(start).Seconds()
	rep.PerSecond = float64(rep.Acked) / rep.Seconds
	rep.P50ms, rep.P95ms, rep.P99ms = percentile(lat, .50), percentile(lat, .95), percentile(lat, .99)
	return rep
}

// percentile returns the p-quantile of ds in milliseconds (nearest rank).
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p*float64(len(s))+0.5) - 1
	i = max(0, min(i, len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

// formBody is a valid 30-item final form of a mentee.
func formBody() string {
	v := url.Values{}
	for _, d := range []string{"content_flexibility", "time_flexibility", "one_to_one", "hands_on", "time_well_spent", "comfort_zone"} {
		v.Set(d+"_1", "4")
		v.Set(d+"_2", "5")
	}
	for _, d := range []string{"perspective", "trust_openness", "transfer"} {
		for _, n := range []string{"_1", "_2", "_3"} {
			v.Set(d+n, "4")
		}
	}
	v.Set("knowledge_artificial_intelligence", "4")
	v.Set("knowledge_collaboration_tools", "3")
	v.Set("overall_satisfaction", "5")
	v.Set("recommend", "9")
	v.Set("continue", "yes")
	v["top_benefits"] = []string{"knowledge_transfer"}
	v.Set("knowledge_mobile_apps", "3")
	v.Set("went_well", "Offene Gespräche auf Augenhöhe.")
	v.Set("improve", "Mehr Zeit für Praxis – bitte!")
	return v.Encode()
}

func itemCount(body string) int {
	v, _ := url.ParseQuery(body)
	return len(v)
}

// ackFile appends acknowledged participant IDs, one per line, flushed as
// they come so that a crash of this tool's target leaves an exact record.
type ackFile struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer
}

func openAckFile(path string) (*ackFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &ackFile{f: f, w: bufio.NewWriter(f)}, nil
}

func (a *ackFile) Add(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.w.WriteString(id + "\n")
	a.w.Flush()
}

func (a *ackFile) Close() error {
	a.w.Flush()
	return a.f.Close()
}
