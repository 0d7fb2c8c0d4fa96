package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tandem/survey/store"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// tandemBinary builds the real binary once per test run.
func tandemBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tandem-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "tandem")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is a started tandem server.
type process struct {
	cmd  *exec.Cmd
	url  string
	out  *strings.Builder
	done chan error
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// umask022 runs the binary with umask 022, as a login shell usually
// leaves it (whatever this test process's umask has become): files it
// creates are readable by others unless tandem sees to it.
func umask022(bin string, args ...string) *exec.Cmd {
	return exec.Command("sh", append([]string{"-c", `umask 022 && exec "$0" "$@"`, bin}, args...)...)
}

// startBinary runs "tandem serve" on db and waits until /readyz answers.
func startBinary(t *testing.T, db string, extra ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	cmd := umask022(tandemBinary(t), append([]string{"serve", "--db", db}, extra...)...)
	cmd.Env = append(os.Environ(), "TANDEM_ADDR="+addr, "TANDEM_ADMIN_TOKEN="+testToken, "TANDEM_BASE_URL=http://tandem.test")
	p := &process{cmd: cmd, url: "http://" + addr, out: &strings.Builder{}, done: make(chan error, 1)}
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.out.WriteString(sc.Text() + "\n")
		}
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	for range 200 {
		res, err := http.Get(p.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server did not become ready")
	return nil
}

func TestCommands(t *testing.T) {
	bin := tandemBinary(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"version"}, 0, "tandem " + version},
		{[]string{"serve", "--help"}, 0, "TANDEM_BASE_URL"},
		{[]string{"serve", "--help"}, 0, "TANDEM_SECRET_KEY"},
		{[]string{"backup", "--help"}, 0, "does not hold the server key"},
		{[]string{"admin-token", "--help"}, 0, "server must be stopped"},
		{[]string{"--help"}, 0, "tandem serve"},
		{[]string{"serve", "--addr", "nonsense"}, 2, "--addr"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{nil, 2, "Usage"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, err := exec.Command(bin, tc.args...).CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != tc.code || !strings.Contains(string(out), tc.want) {
				t.Errorf("got exit %d and %q, want %d and %q", code, out, tc.code, tc.want)
			}
		})
	}
}

// TestKillLosesNothing kills the server with SIGKILL right after it has
// acknowledged submissions and checks that all of them are there after a
// restart; a SIGTERM afterwards shuts it down cleanly.
func TestKillLosesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "tandem.duckdb")
	p := startBinary(t, db)
	// Talk to the binary with the same helpers as the in-process tests.
	remote := remoteServer(t, p.url)
	now := time.Now().UTC()
	s := remote.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	accepted := 0
	for _, id := range s.Participants {
		code, _, _ := remote.page("POST", s.Links[id], anyRoleAnswers())
		if code == http.StatusSeeOther {
			accepted++
		}
	}
	if accepted != len(s.Participants) {
		t.Fatalf("accepted %d of %d", accepted, len(s.Participants))
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done

	p2 := startBinary(t, db)
	remote2 := remoteServer(t, p2.url)
	var sv struct{ Invited, Submitted int }
	remote2.mustAPI(200, "GET", "/api/v1/surveys/"+s.SurveyID, nil, &sv)
	if sv.Submitted != accepted || sv.Invited != len(s.Participants) {
		t.Errorf("after kill -9 and restart got %d of %d submitted, want %d of %d", sv.Submitted, sv.Invited, accepted, len(s.Participants))
	}
	p2.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p2.done:
		if err != nil {
			t.Errorf("SIGTERM: exit %v, want a clean exit", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop on SIGTERM")
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("the database does not open after a clean shutdown: %v", err)
	}
	c, _ := st.Counts(context.Background())
	st.Close()
	if c["responses"] != accepted {
		t.Errorf("got %d responses in the file, want %d", c["responses"], accepted)
	}
}

// remoteServer points the test helpers at a running binary.
func remoteServer(t *testing.T, url string) *testServer {
	return &testServer{Server: &httptest.Server{URL: url}, t: t}
}

// anyRoleAnswers is a valid final form for every role.
func anyRoleAnswers() url.Values {
	return url.Values{"overall_satisfaction": {"4"}, "recommend": {"9"}, "improve": {"Mehr Praxis, bitte."}}
}
