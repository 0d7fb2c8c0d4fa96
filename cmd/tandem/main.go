// Command tandem serves the evaluation of reverse-mentoring programs:
// participant forms, the admin API, the Excel evaluation and metrics.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `tandem evaluates reverse-mentoring programs.

Usage:
  tandem serve [flags]        serve participant forms, the admin API and metrics
  tandem backup --out FILE    copy the database of a running server
  tandem admin-token [flags]  make a new admin token (stop the server first)
  tandem user add [flags]     add an account for the HR pages (stop the server first)
  tandem version              print the version

Run "tandem <command> --help" for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serveCmd(ctx, args[1:], stdout, stderr, getenv)
	case "backup":
		return backupCmd(ctx, args[1:], stdout, stderr, getenv)
	case "admin-token":
		return adminTokenCmd(ctx, args[1:], stdout, stderr, getenv)
	case "user":
		return userCmd(ctx, args[1:], os.Stdin, stdout, stderr, getenv)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "tandem", version)
		return 0
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "tandem: unknown command %q\n\n%s", args[0], usage)
	return 2
}
