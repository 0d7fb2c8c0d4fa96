package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"tandem/cmd/tandem/internal/hr"
	"tandem/survey"
	"tandem/survey/store"
)

// userCmd runs "tandem user add": it makes an account of the HR pages in
// the database file, which the server must not hold open (DuckDB lets one
// process open it). The password is read from stdin with --password-stdin,
// otherwise generated and printed once.
func userCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprint(stderr, "Usage: tandem user add --email E --role admin|organiser|viewer [flags]\n\nRun \"tandem user add --help\" for the flags.\n")
		return 2
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := getenv("TANDEM_DB")
	if def == "" {
		def = "data/tandem.duckdb"
	}
	db := fs.String("db", def, "DuckDB database file (env TANDEM_DB)")
	email := fs.String("email", "", "e-mail address to sign in with (required)")
	name := fs.String("name", "", "the person's name (optional)")
	role := fs.String("role", "", "admin (everything), organiser (their programs) or viewer (results and downloads only)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin (at least 12 characters);\nwithout it a password is generated and printed once")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tandem user add --email E --role R [flags]\n\nAdds an account for the HR pages (/hr). The server must be stopped: DuckDB lets one process\nopen the file. Organisers and viewers see the programs an admin assigns them to.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	password, generated := hr.NewPassword(), true
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintf(stderr, "tandem user add: read the password: %v\n", err)
			return 1
		}
		password, generated = strings.TrimRight(line, "\r\n"), false
	}
	a, err := survey.AccountInput{Email: *email, Name: *name, Role: *role, Password: password}.Account()
	if err != nil {
		fmt.Fprintf(stderr, "tandem user add: %v\n", err)
		return 2
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "tandem user add: %v (is the server still running?)\n", err)
		return 1
	}
	defer st.Close()
	if a, err = st.CreateAccount(ctx, a, hr.HashPassword(password)); err != nil {
		fmt.Fprintf(stderr, "tandem user add: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Account %s (%s) added.\n", a.Email, a.Role)
	if generated {
		fmt.Fprintf(stdout, "Password (shown once): %s\n", password)
	}
	return 0
}
