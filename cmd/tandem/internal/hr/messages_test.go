package hr

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tandem/survey"
	"tandem/survey/texttest"
)

// TestMessages: every text of the HR pages is there in every language,
// and every key the code and the templates ask for exists, those built at
// run time included.
func TestMessages(t *testing.T) {
	if err := messages.Check(); err != nil {
		t.Fatal(err)
	}
	extra := builtKeys(t, `p\.message\(c, http\.Status\w+, "([a-z.]+)"\)`, "%s.title", "%s.body")
	extra = append(extra, builtKeys(t, `done=([a-z_]+)`, "done.%s")...)
	for _, s := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne, survey.ShapePeer} {
		extra = append(extra, "shape."+s)
	}
	for _, s := range []survey.Status{survey.StatusScheduled, survey.StatusOpen, survey.StatusClosed} {
		extra = append(extra, "status."+string(s))
	}
	for _, r := range survey.AccountRoles {
		extra = append(extra, "account.role."+string(r), "account.role."+string(r)+".hint")
	}
	for _, a := range survey.Attributes {
		extra = append(extra, "attribute."+a)
	}
	for _, l := range survey.Languages() {
		extra = append(extra, "lang."+l)
	}
	for _, m := range []survey.Mode{survey.ModeConfidential, survey.ModeAnonymous} {
		extra = append(extra, "mode."+string(m), "mode."+string(m)+".hint")
	}
	texttest.CheckUsed(t, messages, ".", []string{"msg", "t", "page"}, extra...)
}

// builtKeys finds, in the package's Go files, the first group of re, and
// makes a key of each with every format.
func builtKeys(t *testing.T, re string, formats ...string) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	pattern := regexp.MustCompile(re)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllSubmatch(b, -1) {
			for _, format := range formats {
				out = append(out, fmtKey(format, string(m[1])))
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no key found by %s", re)
	}
	return out
}

func fmtKey(format, s string) string { return strings.ReplaceAll(format, "%s", s) }
