package exports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The independent readers: Debian's python3-openpyxl, LibreOffice and
// poppler's pdftotext. Outside CI a missing reader skips its test with a
// message that names the package (go test -v shows it); in CI (CI set, as
// CI sets it, and .ci/run installs all three) it fails.

// needTool skips or fails the test when ok is false.
func needTool(t *testing.T, ok bool, what, pkg string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing; CI must have it (apt-get install -y %s, as .ci/run does)", what, pkg)
	}
	t.Skipf("%s is missing: apt-get install -y %s to run this test", what, pkg)
}

// TestOpenpyxlReadsReport has openpyxl load the workbooks of the scenario in
// both languages and check the summary figures against values it computes
// from the scenario file itself (testdata/check_report.py).
func TestOpenpyxlReadsReport(t *testing.T) {
	const python = "/usr/bin/python3"
	hasOpenpyxl := exec.Command(python, "-c", "import openpyxl").Run() == nil
	needTool(t, hasOpenpyxl, python+" with openpyxl", "python3-openpyxl")
	l := loadScenario(t)
	for _, lang := range []string{"de", "en"} {
		path := saveBook(t, l.report(t, lang), "report-"+lang+".xlsx")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		out, err := exec.CommandContext(ctx, python, filepath.Join("testdata", "check_report.py"), path,
			filepath.Join("testdata", "scenario47.json"), lang).CombinedOutput()
		cancel()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Errorf("openpyxl (%s): %v\n%s", lang, err, out)
		}
	}
}

// TestLibreOfficeConvertsReport converts the workbooks of the scenario and
// of the demo to PDF with LibreOffice headless, as someone printing them
// would.
func TestLibreOfficeConvertsReport(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		soffice, err = exec.LookPath("libreoffice")
	}
	needTool(t, err == nil, "LibreOffice (soffice)", "libreoffice-calc-nogui")
	for _, c := range []struct {
		name string
		load func(testing.TB) loaded
	}{{"scenario", loadScenario}, {"demo", loadDemo}} {
		t.Run(c.name, func(t *testing.T) {
			l := c.load(t)
			dir := t.TempDir()
			path := saveBook(t, l.report(t, "de"), "report.xlsx")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			// A profile of its own, so that no other LibreOffice interferes.
			cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
				"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, path)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
			if err != nil {
				t.Fatalf("no PDF: %v", err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 20_000 {
				t.Fatalf("the PDF is %d bytes and starts %q", len(pdf), pdf[:min(8, len(pdf))])
			}
			// The first page must show the headline as the locale formats
			// it, as poppler's pdftotext reads it.
			if c.name == "scenario" {
				pdftotext, err := exec.LookPath("pdftotext")
				needTool(t, err == nil, "poppler's pdftotext", "poppler-utils")
				out, err := exec.Command(pdftotext, "-f", "1", "-l", "1", filepath.Join(dir, "report.pdf"), "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				if text := string(out); !strings.Contains(text, "4.7 von 5") && !strings.Contains(text, "4,7 von 5") {
					t.Errorf("page 1 does not show the headline 4.7 von 5:\n%s", text)
				}
			}
		})
	}
}
