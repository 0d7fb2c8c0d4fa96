package exports

import (
	"embed"
	"slices"
	"strings"

	"tandem/analytics"
	"tandem/survey"
)

//go:embed messages.json
var messageFiles embed.FS

// messages holds every fixed text of the workbook, on top of the shared
// catalog (survey.Messages), which names phases, roles, dimensions, topics
// and attributes and says why a figure is withheld.
var messages = survey.MustTexts(messageFiles, "messages.json")

// tr is the texts of one language.
type tr struct {
	lang      string
	cat       *survey.Catalog
	threshold int // the program's anonymity threshold, for the reasons
}

// t returns the text of key, formatted with args when given.
func (t tr) t(key string, args ...any) string {
	if !messages.Has(key) {
		panic("exports: no text " + key) // a defect; the texts test catches it
	}
	return messages.Get(t.lang, key, args...)
}

func (t tr) phase(p survey.Phase) string { return p.Label(t.lang) }

func (t tr) role(r string) string { return survey.Role(r).Label(t.lang) }

func (t tr) attribute(a string) string { return survey.AttributeLabel(t.lang, a) }

func (t tr) dimension(d string) string { return survey.DimensionLabel(t.lang, d) }

// option is the label of option value of the item key in phase p, or the
// value itself when the catalog does not know it.
func (t tr) option(p survey.Phase, key, value string) string {
	if q := t.cat.Phase(p); q != nil {
		if it, ok := q.Item(key); ok {
			for _, o := range it.Options {
				if o.Value == value {
					return o.Label.In(t.lang)
				}
			}
		}
	}
	return value
}

// topic is the label of a program topic.
func (t tr) topic(topic string) string { return survey.TopicLabel(t.lang, topic) }

// reason words why a figure is withheld, from the code analytics gives.
func (t tr) reason(w analytics.Withheld) string {
	if w.Threshold == 0 {
		w.Threshold = t.threshold
	}
	return w.Why(t.lang)
}

// definitions are the terms of the Method sheet in order: the keys
// method.NN.term, each with its method.NN.text.
func definitions() []string {
	var out []string
	for k := range messages {
		if strings.HasPrefix(k, "method.") && strings.HasSuffix(k, ".term") {
			out = append(out, strings.TrimSuffix(k, ".term"))
		}
	}
	slices.Sort(out)
	return out
}
