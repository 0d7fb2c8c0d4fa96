package match

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The README quotes figures that tests of this package compute. The tests
// check that it says what they find, so that neither can change alone:
// the paragraph on the demo's matching is written by TestDemoMatching
// (-update rewrites it), other figures are phrases that must appear.

var update = flag.Bool("update", false, "rewrite the README's paragraph on the demo's matching")

// readmePath is the project's README, from this package's folder.
const readmePath = "../../README.md"

// The README's paragraph written by TestDemoMatching lies between these
// two lines (HTML comments, which the rendered README does not show).
const (
	demoBegin = "<!-- Written by go test ./analytics/match -run DemoMatching -update: do not edit. -->\n"
	demoEnd   = "<!-- End of the paragraph written by the test. -->\n"
)

// readReadme returns the README's text.
func readReadme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatalf("read the README: %v", err)
	}
	return string(b)
}

// oneLine folds every run of spaces and line breaks into one space, as
// Markdown reads a paragraph.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readmeQuotes fails the test unless the README says each phrase, with
// line breaks anywhere a space is.
func readmeQuotes(t *testing.T, phrases ...string) {
	t.Helper()
	text := oneLine(readReadme(t))
	for _, p := range phrases {
		if !strings.Contains(text, oneLine(p)) {
			t.Errorf("the README does not say %q, which is what the test finds: correct the README (or the code)", p)
		}
	}
}

// checkReadmeBlock compares the README's paragraph between demoBegin and
// demoEnd with want, wrapped as the README is; with -update it writes want
// there instead.
func checkReadmeBlock(t *testing.T, want string) {
	t.Helper()
	text := readReadme(t)
	i, j := strings.Index(text, demoBegin), strings.Index(text, demoEnd)
	if i < 0 || j < i {
		t.Fatalf("the README has no paragraph between %q and %q", demoBegin, demoEnd)
	}
	got, want := text[i+len(demoBegin):j], wrap(want, 96)
	if got == want {
		return
	}
	if *update {
		text = text[:i+len(demoBegin)] + want + text[j:]
		if err := os.WriteFile(readmePath, []byte(text), 0o644); err != nil {
			t.Fatalf("rewrite the README: %v", err)
		}
		return
	}
	t.Errorf("the README's paragraph on the demo's matching is not what the test finds (-README +test):\n%s"+
		"go test ./analytics/match -run DemoMatching -update rewrites it", cmp.Diff(strings.Split(got, "\n"), strings.Split(want, "\n")))
}

// wrap breaks text into lines of at most width characters at spaces,
// each line ending in a line break; a code span is never broken.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range units(text) {
		switch {
		case n == 0:
		case n+1+len([]rune(w)) > width:
			b.WriteString("\n")
			n = 0
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len([]rune(w))
	}
	b.WriteString("\n")
	return b.String()
}

// units splits text at spaces outside code spans (`…`).
func units(text string) []string {
	var out []string
	open := false
	for _, w := range strings.Fields(text) {
		if open {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		if strings.Count(w, "`")%2 == 1 {
			open = !open
		}
	}
	return out
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		want       string
	}{
		{"fits", "a b c", 10, "a b c\n"},
		{"breaks at the last space that fits", "aaa bbb ccc", 7, "aaa bbb\nccc\n"},
		{"folds runs of spaces and line breaks", "a  b\n c", 10, "a b c\n"},
		{"keeps a code span whole", "see `go test ./x -run Y` now", 12, "see\n`go test ./x -run Y`\nnow\n"},
		{"counts characters, not bytes", "ää öö üü", 5, "ää öö\nüü\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.text, tt.width); got != tt.want {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}
