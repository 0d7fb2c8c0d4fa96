package web

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"tandem/survey"
	"tandem/survey/texttest"
)

// TestMessages: every text of the participant pages is there in every
// language, and every key the code and the templates ask for exists, those
// built at run time included (the message pages, the words for each rule
// an answer can break, the notice of each mode).
func TestMessages(t *testing.T) {
	if err := messages.Check(); err != nil {
		t.Fatal(err)
	}
	var extra []string
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	kind := regexp.MustCompile(`message\(c, http\.Status\w+, lang, "([a-z]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range kind.FindAllSubmatch(b, -1) {
			extra = append(extra, string(m[1])+".title", string(m[1])+".body")
		}
	}
	if len(extra) == 0 {
		t.Fatal("no message page found")
	}
	for _, r := range []string{survey.RuleRequired, survey.RuleRange, survey.RuleNumber, survey.RuleChoice, survey.RuleMultiple,
		survey.RuleTooLong, survey.RuleText, survey.RuleUnknown, survey.RuleTooMany, survey.RuleEmpty} {
		extra = append(extra, "answer."+r)
	}
	extra = append(extra, "notice."+string(survey.ModeConfidential), "notice."+string(survey.ModeAnonymous), "notice.intake")
	texttest.CheckUsed(t, messages, ".", []string{"msg"}, extra...)
}
