// Command tandem-load sets up a cohort on a running tandem through the
// admin API and submits final forms through the real participant path with
// many concurrent clients, then reports throughput, latency percentiles and
// errors. The participant IDs whose submission was acknowledged (303) are
// written to a file, so that a crash test can check that every one of them
// is stored.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// Config is what one load run does.
type Config struct {
	URL      string
	Token    string
	N        int
	C        int
	Acked    string
	Timeout  time.Duration
	Duration time.Duration
	JSON     bool
	// Mode is the program's mode: confidential or anonymous (whose
	// responses are sealed and released in shuffled groups).
	Mode string
	// Baseline first measures a trivial Gin handler with the same client,
	// body and concurrency, and reports tandem's rate as a ratio of it.
	Baseline bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	var cfg Config
	fs := flag.NewFlagSet("tandem-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "base URL of the running tandem")
	fs.IntVar(&cfg.N, "n", 1000, "number of submissions (one participant each)")
	fs.IntVar(&cfg.C, "c", 32, "concurrent clients")
	fs.StringVar(&cfg.Acked, "acked", "", "file to write the participant IDs of acknowledged submissions to, one per line, as they are acknowledged")
	fs.DurationVar(&cfg.Timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.DurationVar(&cfg.Duration, "max-duration", 10*time.Minute, "stop after this long whatever is left")
	fs.BoolVar(&cfg.JSON, "json", false, "print the report as JSON")
	fs.StringVar(&cfg.Mode, "mode", "confidential", "mode of the program: confidential or anonymous")
	fs.BoolVar(&cfg.Baseline, "baseline", false, "first run the same load against a trivial Gin handler in this process, and report the ratio")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tandem-load [flags]\n\nSets up a program (of -mode), a cohort of N mentees and an open final survey through the admin API\n(token from TANDEM_ADMIN_TOKEN), then posts N 30-item forms with C concurrent clients.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	cfg.Token = getenv("TANDEM_ADMIN_TOKEN")
	if cfg.Token == "" || cfg.N < 1 || cfg.C < 1 || (cfg.Mode != "confidential" && cfg.Mode != "anonymous") {
		fmt.Fprintln(stderr, "tandem-load: TANDEM_ADMIN_TOKEN must be set, -n and -c must be at least 1, -mode confidential or anonymous")
		return 2
	}
	var base *Report
	if cfg.Baseline {
		b, err := RunBaseline(ctx, cfg)
		if err != nil {
			fmt.Fprintf(stderr, "tandem-load: baseline: %v\n", err)
			return 1
		}
		base = &b
	}
	rep, err := Run(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "tandem-load: %v\n", err)
		return 1
	}
	if base != nil {
		rep.Baseline = base
		rep.Ratio = rep.PerSecond / base.PerSecond
	}
	if cfg.JSON {
		json.NewEncoder(stdout).Encode(rep)
	} else {
		rep.Print(stdout)
	}
	return 0
}
