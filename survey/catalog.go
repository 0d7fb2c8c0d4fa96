package survey

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// ItemType is how an item is answered.
type ItemType string

// The item types of a questionnaire.
const (
	Likert5 ItemType = "likert5" // radio group 1..5
	Scale10 ItemType = "scale10" // radio group 0..10 (recommendation)
	Single  ItemType = "single"  // radio group over Options
	Multi   ItemType = "multi"   // checkboxes over Options
	Text    ItemType = "text"    // free text
)

// Option is one choice of a single- or multi-choice item.
type Option struct {
	Value string `json:"value"`
	Label I18n   `json:"label"`
}

// Item is one question of a questionnaire.
type Item struct {
	Key       string   `json:"key"`
	Type      ItemType `json:"type"`
	Roles     []Role   `json:"roles"`               // who is asked; peers see every item
	Dimension string   `json:"dimension,omitempty"` // benefit dimension, for Likert items
	Topic     string   `json:"topic,omitempty"`     // program topic, for knowledge ratings
	Required  bool     `json:"required,omitempty"`
	MaxLength int      `json:"max_length,omitempty"` // for text items; 0 means DefaultTextMax
	Text      I18n     `json:"text"`
	Help      I18n     `json:"help,omitzero"`
	Options   []Option `json:"options,omitempty"`
	// Low and High label the ends of a scale ("does not apply" .. "fully applies").
	Low  I18n `json:"low,omitzero"`
	High I18n `json:"high,omitzero"`
}

// Section groups items under a heading on the form.
type Section struct {
	Title I18n   `json:"title"`
	Intro I18n   `json:"intro,omitempty"`
	Items []Item `json:"items"`
}

// Questionnaire is the form of one phase.
type Questionnaire struct {
	Phase    Phase     `json:"phase"`
	Title    I18n      `json:"title"`
	Intro    I18n      `json:"intro"`
	Sections []Section `json:"sections"`
}

// DefaultTextMax is the longest free-text answer accepted, in characters,
// where an item sets no MaxLength of its own.
const DefaultTextMax = 4000

// Items returns every item of q in form order.
func (q *Questionnaire) Items() []Item {
	var items []Item
	for _, s := range q.Sections {
		items = append(items, s.Items...)
	}
	return items
}

// For returns the sections of q with only the items shown to role; sections
// left empty are dropped.
func (q *Questionnaire) For(role Role) []Section {
	var out []Section
	for _, s := range q.Sections {
		var items []Item
		for _, it := range s.Items {
			if it.AskedOf(role) {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			s.Items = items
			out = append(out, s)
		}
	}
	return out
}

// Item returns the item with key, if q has one.
func (q *Questionnaire) Item(key string) (Item, bool) {
	for _, s := range q.Sections {
		for _, it := range s.Items {
			if it.Key == key {
				return it, true
			}
		}
	}
	return Item{}, false
}

// AskedOf reports whether role is shown the item. Peers are mentor and
// mentee at once, so they see the items of both sides.
func (it Item) AskedOf(role Role) bool {
	return role == RolePeer || slices.Contains(it.Roles, role)
}

// TextMax is the maximum length of a free-text answer to it, in characters.
func (it Item) TextMax() int {
	if it.MaxLength > 0 {
		return it.MaxLength
	}
	return DefaultTextMax
}

// Catalog holds the built-in questionnaires, one per phase.
type Catalog struct {
	byPhase map[Phase]*Questionnaire
}

//go:embed questionnaires/*.json
var questionnaireFiles embed.FS

// LoadCatalog reads and checks the embedded questionnaires. An error here
// is a defect of the build, so the service refuses to start.
func LoadCatalog() (*Catalog, error) {
	return loadCatalog(questionnaireFiles, "questionnaires")
}

func loadCatalog(fsys fs.FS, dir string) (*Catalog, error) {
	c := &Catalog{byPhase: map[Phase]*Questionnaire{}}
	for _, p := range Phases {
		name := path.Join(dir, string(p)+".json")
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("questionnaire %s: %w", p, err)
		}
		var q Questionnaire
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("questionnaire %s: %w", name, err)
		}
		if q.Phase != p {
			return nil, fmt.Errorf("questionnaire %s: phase is %q, want %q", name, q.Phase, p)
		}
		if err := q.check(); err != nil {
			return nil, fmt.Errorf("questionnaire %s: %w", name, err)
		}
		c.byPhase[p] = &q
	}
	return c, nil
}

// Phase returns the questionnaire of p.
func (c *Catalog) Phase(p Phase) *Questionnaire {
	return c.byPhase[p]
}

var itemKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

func (q *Questionnaire) check() error {
	if err := q.Title.complete(); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	seen := map[string]bool{}
	for si, s := range q.Sections {
		if err := s.Title.complete(); err != nil {
			return fmt.Errorf("section %d: title: %w", si+1, err)
		}
		for _, it := range s.Items {
			if seen[it.Key] {
				return fmt.Errorf("item %q appears twice", it.Key)
			}
			seen[it.Key] = true
			if err := it.check(); err != nil {
				return fmt.Errorf("item %q: %w", it.Key, err)
			}
		}
	}
	return nil
}

func (it Item) check() error {
	if !itemKey.MatchString(it.Key) {
		return fmt.Errorf("key must be lower-case letters, digits and _")
	}
	if err := it.Text.complete(); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	if len(it.Roles) == 0 {
		return fmt.Errorf("no roles")
	}
	for _, r := range it.Roles {
		if !r.Valid() {
			return fmt.Errorf("unknown role %q", r)
		}
	}
	switch it.Type {
	case Likert5, Scale10, Text:
		if len(it.Options) > 0 {
			return fmt.Errorf("type %s takes no options", it.Type)
		}
	case Single, Multi:
		if len(it.Options) < 2 {
			return fmt.Errorf("type %s needs at least two options", it.Type)
		}
		vals := map[string]bool{}
		for _, o := range it.Options {
			if !itemKey.MatchString(o.Value) || vals[o.Value] {
				return fmt.Errorf("option %q: value missing, malformed or repeated", o.Value)
			}
			vals[o.Value] = true
			if err := o.Label.complete(); err != nil {
				return fmt.Errorf("option %q: label: %w", o.Value, err)
			}
		}
	default:
		return fmt.Errorf("unknown type %q", it.Type)
	}
	if it.Dimension != "" {
		if it.Type != Likert5 {
			return fmt.Errorf("dimension items must be likert5")
		}
		if !slices.Contains(Dimensions, it.Dimension) {
			return fmt.Errorf("unknown dimension %q", it.Dimension)
		}
		if !strings.HasPrefix(it.Key, it.Dimension+"_") {
			return fmt.Errorf("key of a dimension item must be <dimension>_<n>")
		}
	}
	if it.Topic != "" && it.Type != Likert5 {
		return fmt.Errorf("knowledge ratings must be likert5")
	}
	return nil
}

// complete returns an error unless t has a text in every language.
func (t I18n) complete() error {
	for _, l := range Languages() {
		if strings.TrimSpace(t[l]) == "" {
			return fmt.Errorf("needs a text in %s", l)
		}
	}
	return nil
}
