package survey

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// I18n is one text in every language tandem speaks, by language code. Its
// JSON is an object such as {"de": "...", "en": "..."}: the questionnaire
// files and the message catalogs both write texts so.
type I18n map[string]string

// DefaultLanguage is the language a text falls back to, and the language
// of the API's messages.
const DefaultLanguage = "en"

// In returns the text in lang, or in DefaultLanguage where lang has none.
func (t I18n) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t[DefaultLanguage]
}

// Texts is a message catalog: every text of a surface by key, each in
// every language. Messages is the catalog every surface shares; each
// surface adds its own texts with MustTexts. A text is either a format for
// fmt.Sprintf (Get) or holds {name} placeholders (Fill); Check keeps the
// placeholders of a text the same in every language.
type Texts map[string]I18n

// Get returns the text of key in lang, formatted by fmt.Sprintf with args
// when given. An unknown key comes back as itself, so that a missing text
// shows rather than breaks; the tests of each catalog keep that from
// happening.
func (t Texts) Get(lang, key string, args ...any) string {
	m, ok := t[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return m.In(lang)
	}
	return fmt.Sprintf(m.In(lang), args...)
}

// Fill returns the text of key in lang with each {name} replaced by the
// argument of that name, shown as Args says.
func (t Texts) Fill(lang, key string, args Args) string {
	return t.fill(lang, key, args, nil)
}

// fill is Fill with names standing in for the PersonRef arguments.
func (t Texts) fill(lang, key string, args Args, names map[string]string) string {
	m, ok := t[key]
	if !ok {
		return key
	}
	s := m.In(lang)
	if len(args) == 0 {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		end := strings.IndexByte(s[open+1:], '}')
		if open < 0 || end < 0 {
			break
		}
		name := s[open+1 : open+1+end]
		v, ok := args[name]
		b.WriteString(s[:open])
		if ok {
			b.WriteString(t.show(lang, v, names))
		} else {
			b.WriteString(s[open : open+end+2])
		}
		s = s[open+end+2:]
	}
	b.WriteString(s)
	return b.String()
}

// show words one argument in lang.
func (t Texts) show(lang string, v any, names map[string]string) string {
	switch v := v.(type) {
	case PersonRef:
		if n, ok := names[string(v)]; ok {
			return n
		}
		return strconv.Quote(string(v))
	case []string:
		return t.orList(lang, v)
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// orList joins xs as the language says "a, b or c".
func (t Texts) orList(lang string, xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + t.Get(lang, "list.or") + xs[len(xs)-1]
}

// Has reports whether key has a text.
func (t Texts) Has(key string) bool {
	_, ok := t[key]
	return ok
}

// Args are the arguments of a text's {placeholders}, by name. A string or
// number is shown as it is, a []string as a list ("a, b or c" in the
// reader's language), and a PersonRef as the person's name where the page
// knows it, otherwise as the quoted id.
type Args map[string]any

// PersonRef is a participant's id given as an argument: pages that know the
// participants show the name instead of the id.
type PersonRef string

// With returns a catalog holding t's texts and more's. A key in both is an
// error: every text is written once.
func (t Texts) With(more Texts) (Texts, error) {
	out := make(Texts, len(t)+len(more))
	for k, v := range t {
		out[k] = v
	}
	var twice []string
	for k, v := range more {
		if _, ok := out[k]; ok {
			twice = append(twice, k)
		}
		out[k] = v
	}
	if len(twice) > 0 {
		slices.Sort(twice)
		return nil, fmt.Errorf("texts defined twice: %s", strings.Join(twice, ", "))
	}
	return out, nil
}

// Check returns an error naming every text that lacks one of the
// Languages, and every text whose placeholders (%d, %[2]s, {name}) are not
// the same in every language.
func (t Texts) Check() error {
	var errs []error
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		m := t[k]
		want := placeholders(m[DefaultLanguage])
		for _, l := range Languages() {
			switch s, ok := m[l]; {
			case !ok || strings.TrimSpace(s) == "":
				errs = append(errs, fmt.Errorf("%s: no text in %s", k, l))
			case !slices.Equal(placeholders(s), want):
				errs = append(errs, fmt.Errorf("%s: %s has placeholders %q, %s has %q", k, l, placeholders(s), DefaultLanguage, want))
			}
		}
		for l := range m {
			if !IsLanguage(l) {
				errs = append(errs, fmt.Errorf("%s: %q is not one of the languages %v", k, l, Languages()))
			}
		}
	}
	return errors.Join(errs...)
}

// placeholders lists the fmt verbs and {names} of s, sorted.
func placeholders(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '%':
			j := i + 1
			for j < len(s) && strings.IndexByte("[]0123456789.+-#", s[j]) >= 0 {
				j++
			}
			// A verb, not a literal per cent sign ("95 % CI", "95-%-KI")
			// in a text that is never formatted.
			if j < len(s) && strings.IndexByte("bcdeEfgoqstTvxX", s[j]) >= 0 {
				out = append(out, s[i:j+1])
				i = j
			}
		case '{':
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				out = append(out, s[i:i+j+1])
				i += j
			}
		}
	}
	slices.Sort(out)
	return out
}

// ParseTexts reads a catalog from JSON: an object of keys, each an object
// of texts by language.
func ParseTexts(data []byte) (Texts, error) {
	var t Texts
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return nil, err
	}
	return t, nil
}

// LoadTexts reads the catalogs of fsys that match pattern, on top of
// Messages, and checks them: a key written twice, a missing language or
// placeholders that differ between languages are errors.
func LoadTexts(fsys fs.FS, pattern string) (Texts, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("texts: no file matches %s", pattern)
	}
	out := Messages
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("texts %s: %w", name, err)
		}
		t, err := ParseTexts(b)
		if err == nil {
			err = t.Check()
		}
		if err == nil {
			out, err = out.With(t)
		}
		if err != nil {
			return nil, fmt.Errorf("texts %s: %w", path.Base(name), err)
		}
	}
	return out, nil
}

// MustTexts is LoadTexts for catalogs embedded in the binary: an error is
// a defect of the build, so it panics, and any test of the package fails.
func MustTexts(fsys fs.FS, pattern string) Texts {
	t, err := LoadTexts(fsys, pattern)
	if err != nil {
		panic(err)
	}
	return t
}

//go:embed messages/*.json
var messageFiles embed.FS

// Messages is the catalog every surface shares: the names of the
// languages, the labels of phases, roles, dimensions, topics, attributes
// and modes, the formats of numbers and dates, the sentences of the rules
// input can break and the reasons a figure is withheld.
var Messages Texts

// languages are the codes of the languages the key "language" names.
var languages []string

func init() {
	var err error
	if Messages, languages, err = loadMessages(messageFiles); err == nil {
		err = Messages.Check()
	}
	if err != nil {
		panic(err) // the files are embedded: a defect of the build
	}
}

// loadMessages reads the shared catalog; its entry "language", each
// language's name in itself, says which languages there are.
func loadMessages(fsys fs.FS) (Texts, []string, error) {
	names, err := fs.Glob(fsys, "messages/*.json")
	if err != nil {
		return nil, nil, err
	}
	all := Texts{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		t, err := ParseTexts(b)
		if err == nil {
			all, err = all.With(t)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("texts %s: %w", path.Base(name), err)
		}
	}
	var langs []string
	for l := range all["language"] {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	if !slices.Contains(langs, DefaultLanguage) {
		return nil, nil, fmt.Errorf("texts: the entry \"language\" does not name %s", DefaultLanguage)
	}
	return all, langs, nil
}

// Languages lists the codes of the languages tandem speaks, in
// alphabetical order. They are data: the entry "language" of Messages
// names each language in itself, and every text of every catalog must be
// there in each of them.
func Languages() []string { return slices.Clone(languages) }

// IsLanguage reports whether tandem speaks lang.
func IsLanguage(lang string) bool { return slices.Contains(languages, lang) }
