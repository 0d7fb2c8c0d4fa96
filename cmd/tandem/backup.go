package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"tandem/survey/store"
)

// backupCmd asks the running server for a consistent copy of its database
// (DuckDB lets only the server open the file) and writes it to --out.
func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := getenv("TANDEM_BASE_URL")
	if def == "" {
		addr := getenv("TANDEM_ADDR")
		if addr == "" {
			addr = "127.0.0.1:8080"
		}
		def = "http://" + addr
	}
	out := fs.String("out", "", "file to write the backup to (required; replaced only when the backup is complete)")
	url := fs.String("url", def, "URL of the running server (env TANDEM_BASE_URL, or http://TANDEM_ADDR)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tandem backup --out FILE [--url URL]\n\nCopies the database of a running server consistently, while it serves.\nThe admin token is read from TANDEM_ADMIN_TOKEN. To restore, stop the server,\nput the file in place of the database (--db) and start the server again.\nThe copy does not hold the server key (tandem.key or TANDEM_SECRET_KEY): back that\nup apart; the restored database needs it.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	token := getenv("TANDEM_ADMIN_TOKEN")
	if *out == "" || token == "" {
		fmt.Fprintln(stderr, "tandem backup: --out and TANDEM_ADMIN_TOKEN are required")
		return 2
	}
	if err := fetchBackup(ctx, strings.TrimRight(*url, "/"), token, *out); err != nil {
		fmt.Fprintf(stderr, "tandem backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return 0
}

func fetchBackup(ctx context.Context, base, token, out string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/backup", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		return fmt.Errorf("server answered %s: %s", res.Status, strings.TrimSpace(string(msg)))
	}
	// The copy holds what the database holds: it is the user's alone, even
	// where a .partial file of an earlier attempt was readable by others.
	tmp := out + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err = f.Chmod(0o600); err == nil {
		_, err = io.Copy(f, res.Body)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkDatabase(ctx, tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, out)
}

// checkDatabase opens the copy to be sure it is a whole database. It opens
// it without the server key, which a backup never holds.
func checkDatabase(ctx context.Context, path string) error {
	st, err := store.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("the copy does not open as a database: %w", err)
	}
	if _, err := st.Counts(ctx); err != nil {
		st.Close()
		return fmt.Errorf("the copy cannot be read: %w", err)
	}
	return st.Close()
}
