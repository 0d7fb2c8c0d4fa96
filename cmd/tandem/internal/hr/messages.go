package hr

import (
	"embed"

	"tandem/survey"
)

//go:embed messages*.json
var messageFiles embed.FS

// messages are the texts of the HR pages, on top of the shared catalog
// (survey.Messages): messages.json holds the layout, sign-in, programs and
// accounts, messages_cohort.json the cohort, survey, participant, tandem
// and results pages. field.* label form fields and name fields in errors.
var messages = survey.MustTexts(messageFiles, "messages*.json")

// msg returns the text of key in lang, formatted with args.
func msg(lang, key string, args ...any) string { return messages.Get(lang, key, args...) }

// fieldLabel names a field of a form, or an attribute, in lang.
func fieldLabel(lang, field string) string {
	if messages.Has("field." + field) {
		return msg(lang, "field."+field)
	}
	return survey.AttributeLabel(lang, field)
}
