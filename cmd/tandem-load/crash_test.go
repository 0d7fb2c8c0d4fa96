package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const crashToken = "crash-test-admin-token-0123456789"

// buildTandem builds the real server binary.
func buildTandem(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tandem")
	if out, err := exec.Command("go", "build", "-o", bin, "../tandem").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startServer(t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", addr)
	cmd.Env = append(os.Environ(), "TANDEM_ADMIN_TOKEN="+crashToken)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	for range 400 {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd, base
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("server not ready")
	return nil, ""
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// TestCrashLosesNothing kills the server with SIGKILL at a random moment
// under 32-way load, restarts it on the same file and checks that every
// acknowledged submission is stored, and none twice. CRASH_RUNS sets how
// many times (default 3).
func TestCrashLosesNothing(t *testing.T) {
	crashRuns(t, "confidential")
}

// TestCrashLosesNothingAnonymous is the crash test on an anonymous
// program, whose responses are committed sealed and released later in
// shuffled groups: after the restart every acknowledged submission has its
// invitation marked, and responses and waiting sealed ones together match
// the invitations marked, none lost and none twice.
func TestCrashLosesNothingAnonymous(t *testing.T) {
	crashRuns(t, "anonymous")
}

func crashRuns(t *testing.T, mode string) {
	if testing.Short() {
		t.Skip("starts and kills the server")
	}
	runs := 3
	if n, err := fmt.Sscan(os.Getenv("CRASH_RUNS"), &runs); n != 1 || err != nil {
		runs = 3
	}
	bin := buildTandem(t)
	for i := range runs {
		t.Run(fmt.Sprint("run", i+1), func(t *testing.T) { crashOnce(t, bin, mode) })
	}
}

func crashOnce(t *testing.T, bin, mode string) {
	dir := t.TempDir()
	db, ackPath := filepath.Join(dir, "tandem.duckdb"), filepath.Join(dir, "acked.txt")
	srv, base := startServer(t, bin, db)
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, Config{URL: base, Token: crashToken, N: 4000, C: 32, Acked: ackPath, Mode: mode,
			Timeout: 5 * time.Second, Duration: time.Minute}, io.Discard)
		done <- err
	}()
	// Wait for the first acknowledgement, then kill at a random moment.
	for range 600 {
		if st, err := os.Stat(ackPath); err == nil && st.Size() > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	delay := time.Duration(rand.IntN(1500)) * time.Millisecond
	time.Sleep(delay)
	srv.Process.Kill()
	srv.Wait()
	if err := <-done; err != nil {
		t.Fatalf("load: %v", err)
	}
	acked := readLines(t, ackPath)

	_, base = startServer(t, bin, db)
	sv, stored := surveyAfterRestart(t, &client{base: base, token: crashToken, http: http.DefaultClient})
	lost := 0
	for _, id := range acked {
		if !stored[strings.TrimSpace(id)] {
			lost++
		}
	}
	t.Logf("%s, killed after %v: %d acknowledged, %d stored, %d responses, %d waiting sealed, %d lost",
		mode, delay, len(acked), sv.Submitted, sv.Responses, sv.Pending, lost)
	if lost > 0 {
		t.Errorf("%d acknowledged submissions were lost", lost)
	}
	if sv.Responses+sv.Pending != sv.Submitted {
		t.Errorf("%d responses and %d waiting for %d submitted invitations: duplicates or orphans", sv.Responses, sv.Pending, sv.Submitted)
	}
	if mode == "anonymous" && sv.Pending >= 2*5 {
		t.Errorf("%d responses waiting, want fewer than twice the threshold (5)", sv.Pending)
	}
	if len(acked) == 0 {
		t.Errorf("nothing was acknowledged before the kill")
	}
}

// crashSurvey is the load test's survey as the API shows it.
type crashSurvey struct {
	ID                            string
	Submitted, Responses, Pending int
}

// surveyAfterRestart reads the load test's survey and the participants
// whose invitation is marked submitted.
func surveyAfterRestart(t *testing.T, c *client) (crashSurvey, map[string]bool) {
	t.Helper()
	ctx := context.Background()
	var programs []struct{ ID string }
	var cohorts []struct{ ID string }
	var surveys []crashSurvey
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.api(ctx, "GET", "/programs", nil, &programs))
	must(c.api(ctx, "GET", "/programs/"+programs[0].ID+"/cohorts", nil, &cohorts))
	must(c.api(ctx, "GET", "/cohorts/"+cohorts[0].ID+"/surveys", nil, &surveys))
	var invs []struct {
		ParticipantID string  `json:"participant_id"`
		SubmittedAt   *string `json:"submitted_at"`
	}
	must(c.api(ctx, "GET", "/surveys/"+surveys[0].ID+"/invitations", nil, &invs))
	stored := map[string]bool{}
	for _, inv := range invs {
		if inv.SubmittedAt != nil {
			stored[inv.ParticipantID] = true
		}
	}
	return surveys[0], stored
}
