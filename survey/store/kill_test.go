package store_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
)

// TestKillBeforeRelease kills (SIGKILL) a process whose anonymous
// submissions were acknowledged but not yet released, and checks that
// every one of them is there after the restart and released whole when
// the survey closes.
func TestKillBeforeRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a process")
	}
	ctx := context.Background()
	w := newAnonymousWorld(t)
	w.s.Close()
	tokens := make([]string, 7) // fewer than twice the threshold: none is released
	for i := range tokens {
		tokens[i] = w.invs[i].Token
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TANDEM_KILL_CHILD_DB="+w.path, "TANDEM_KILL_CHILD_KEY="+w.key.Hex(),
		"TANDEM_KILL_CHILD_TOKENS="+strings.Join(tokens, ","), "TANDEM_KILL_CHILD_NOW="+w.clk.Now().Add(time.Hour).Format(time.RFC3339))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := 0
	sc := bufio.NewScanner(out)
	for acked < len(tokens) && sc.Scan() {
		if strings.HasPrefix(sc.Text(), "ACKED ") {
			acked++
		}
	}
	cmd.Process.Kill() // SIGKILL: nothing is closed or flushed
	cmd.Wait()
	if acked != len(tokens) {
		t.Fatalf("the child acknowledged %d of %d submissions: %s", acked, len(tokens), stderr.Bytes())
	}
	s, err := store.Open(ctx, w.path, store.WithKey(w.key))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w.s = s
	w.check(t, "after kill -9", acked, 0, acked)
	if _, err := s.CloseSurvey(ctx, w.survey); err != nil {
		t.Fatal(err)
	}
	w.check(t, "closed after the restart", acked, acked, 0)
}

// TestMain runs the test binary as the process TestKillBeforeRelease
// kills when it started it so (TANDEM_KILL_CHILD_DB set), and as the tests
// otherwise.
func TestMain(m *testing.M) {
	if os.Getenv("TANDEM_KILL_CHILD_DB") != "" {
		if err := killChild(); err != nil {
			fmt.Fprintln(os.Stderr, "kill child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// killChild submits the forms of the tokens it is given, printing a line
// after each acknowledgement, and then waits to be killed.
func killChild() error {
	ctx := context.Background()
	key, err := store.ParseKey(os.Getenv("TANDEM_KILL_CHILD_KEY"))
	if err != nil {
		return fmt.Errorf("TANDEM_KILL_CHILD_KEY: %w", err)
	}
	now, err := time.Parse(time.RFC3339, os.Getenv("TANDEM_KILL_CHILD_NOW"))
	if err != nil {
		return fmt.Errorf("TANDEM_KILL_CHILD_NOW: %w", err)
	}
	path := os.Getenv("TANDEM_KILL_CHILD_DB")
	s, err := store.Open(ctx, path, store.WithKey(key), store.WithClock(func() time.Time { return now }))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	for i, tok := range strings.Split(os.Getenv("TANDEM_KILL_CHILD_TOKENS"), ",") {
		f, err := s.FormByToken(ctx, tok)
		if err != nil {
			return fmt.Errorf("token %d: %w", i, err)
		}
		if err := s.Submit(ctx, f, "de", []survey.Answer{{Key: "went_well", Text: marker(i)}}); err != nil {
			return fmt.Errorf("submit %d: %w", i, err)
		}
		fmt.Fprintf(os.Stdout, "ACKED %d\n", i)
	}
	time.Sleep(time.Hour) // until killed
	return nil
}
