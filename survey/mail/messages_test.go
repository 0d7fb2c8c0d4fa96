package mail

import (
	"testing"

	"tandem/survey/texttest"
)

// TestMessages: every text of the e-mails is there in every language, and
// every key the code asks for exists.
func TestMessages(t *testing.T) {
	if err := messages.Check(); err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, kind := range []string{"invitation", "reminder"} {
		extra = append(extra, kind+".subject", kind+".body")
	}
	texttest.CheckUsed(t, messages, ".", []string{"Get", "Fill"}, extra...)
}
