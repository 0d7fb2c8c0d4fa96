package web

import (
	"embed"

	"tandem/survey"
)

//go:embed messages.json
var messageFiles embed.FS

// messages are the texts of the participant pages, on top of the shared
// catalog (survey.Messages).
var messages = survey.MustTexts(messageFiles, "messages.json")

// msg returns the text of key in lang, formatted with args.
func msg(lang, key string, args ...any) string { return messages.Get(lang, key, args...) }
