package survey

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMessagesComplete: the shared catalog has every text in every
// language, a sentence for every rule and a label for every phase, role,
// dimension, attribute and mode.
func TestMessagesComplete(t *testing.T) {
	if err := Messages.Check(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range ruleCodes(t) {
		want = append(want, "rule."+r)
	}
	for _, p := range Phases {
		want = append(want, "phase."+string(p))
	}
	for _, r := range Roles {
		want = append(want, "role."+string(r), "roles."+string(r))
	}
	for _, d := range Dimensions {
		want = append(want, "dimension."+d)
	}
	for _, a := range append(slices.Clone(Attributes), "language") {
		want = append(want, "attribute."+a)
	}
	for _, m := range []Mode{ModeConfidential, ModeAnonymous} {
		want = append(want, "mode."+string(m))
	}
	for _, l := range Languages() {
		want = append(want, "lang."+l)
	}
	want = append(want, "roles.(other)", "list.or", "other", "withheld", "format.decimal", "format.date", "format.datetime")
	for _, k := range want {
		if !Messages.Has(k) {
			t.Errorf("no text %q", k)
		}
	}
}

// ruleCodes reads the values of the Rule constants from rules.go, so that
// a rule added there without a sentence fails TestMessagesComplete.
func ruleCodes(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			for i, name := range spec.(*ast.ValueSpec).Names {
				lit, ok := spec.(*ast.ValueSpec).Values[i].(*ast.BasicLit)
				if ok && strings.HasPrefix(name.Name, "Rule") {
					v, _ := strconv.Unquote(lit.Value)
					out = append(out, v)
				}
			}
		}
	}
	if len(out) < 30 {
		t.Fatalf("found %d rules in rules.go, want them all", len(out))
	}
	return out
}

// TestCheck attacks Check with the faults it must find, and lets the same
// catalog pass once the fault is mended.
func TestCheck(t *testing.T) {
	tests := []struct {
		name      string
		bad, good I18n
		want      string
	}{
		{"a language missing", I18n{"en": "Rows"}, I18n{"de": "Zeilen", "en": "Rows"}, "no text in de"},
		{"a language blank", I18n{"de": " ", "en": "Rows"}, I18n{"de": "Zeilen", "en": "Rows"}, "no text in de"},
		{"a verb missing", I18n{"de": "Zeilen", "en": "%d rows"}, I18n{"de": "%d Zeilen", "en": "%d rows"}, "placeholders"},
		{"a name misspelt", I18n{"de": "{nn} Zeilen", "en": "{n} rows"}, I18n{"de": "{n} Zeilen", "en": "{n} rows"}, "placeholders"},
		{"an unknown language", I18n{"de": "Zeilen", "en": "Rows", "xx": "?"}, I18n{"de": "Zeilen", "en": "Rows"}, "not one of the languages"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Texts{"rows": tc.bad}.Check()
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "rows") {
				t.Errorf("broken: got %v, want an error about %q naming the key", err, tc.want)
			}
			if err := (Texts{"rows": tc.good}).Check(); err != nil {
				t.Errorf("mended: got %v, want nil", err)
			}
		})
	}
}

// TestWith refuses a text written twice.
func TestWith(t *testing.T) {
	a := Texts{"x": {"de": "x", "en": "x"}}
	if _, err := a.With(Texts{"x": {"de": "y", "en": "y"}}); err == nil || !strings.Contains(err.Error(), "x") {
		t.Errorf("a key twice: got %v, want an error naming it", err)
	}
	got, err := a.With(Texts{"y": {"de": "y", "en": "y"}})
	if err != nil || len(got) != 2 {
		t.Errorf("two keys: got %v, %v, want both", got, err)
	}
}

// TestLanguagesAreData adds a third language in the catalog's files only:
// the entry "language" names it, and every text that lacks it is found.
func TestLanguagesAreData(t *testing.T) {
	fsys := fstest.MapFS{"messages/a.json": {Data: []byte(`{
		"language": {"de": "Deutsch", "en": "English", "fr": "Français"},
		"phase.final": {"de": "Abschluss", "en": "Final evaluation"}}`)}}
	all, langs, err := loadMessages(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"de", "en", "fr"}; !slices.Equal(langs, want) {
		t.Errorf("languages: got %v, want %v", langs, want)
	}
	old := languages
	languages = langs
	defer func() { languages = old }()
	if err := all.Check(); err == nil || !strings.Contains(err.Error(), "phase.final: no text in fr") {
		t.Errorf("Check: got %v, want phase.final lacking fr", err)
	}
	if got := all["phase.final"].In("fr"); got != "Final evaluation" {
		t.Errorf("In(fr): got %q, want the English fallback", got)
	}
}

// TestFaultText: the English message is the rule's sentence with its
// arguments, the same fault reads in German, and participants are named
// where the page knows them.
func TestFaultText(t *testing.T) {
	names := map[string]string{"aaaaaaaaaaaaaaaa": "Anna Berg"}
	tests := []struct {
		f                  FieldError
		en, de, deWithName string
	}{
		{Fault("name", RuleRequired), "is required", "fehlt", ""},
		{Fault("anonymity_threshold", RuleRange, "min", 1, "max", MaxThreshold), "must be between 1 and 100", "muss zwischen 1 und 100 liegen", ""},
		{Fault("role", RuleChoice, "options", asStrings(Roles)), "must be mentor, mentee or peer", "muss mentor, mentee oder peer sein", ""},
		{Fault("language", RuleChoice, "options", []string{"de"}), "must be de", "muss de sein", ""},
		{Fault("email", RuleDuplicate, "row", 3).InRow(5), "repeats row 3", "wiederholt Zeile 3", ""},
		{Fault("members[0]", RuleNotInCohort, "participant", PersonRef("aaaaaaaaaaaaaaaa")),
			`no participant "aaaaaaaaaaaaaaaa" in this cohort`, `"aaaaaaaaaaaaaaaa" ist nicht in dieser Runde`, "Anna Berg ist nicht in dieser Runde"},
		{Fault("tandems[1]", RuleExcluded, "participant", PersonRef("aaaaaaaaaaaaaaaa"), "partner", PersonRef("bbbbbbbbbbbbbbbb")),
			`participants "aaaaaaaaaaaaaaaa" and "bbbbbbbbbbbbbbbb" must not be paired (an exclusion of this cohort)`,
			`"aaaaaaaaaaaaaaaa" und "bbbbbbbbbbbbbbbb" dürfen kein Tandem bilden (Ausschluss dieser Runde)`,
			`Anna Berg und "bbbbbbbbbbbbbbbb" dürfen kein Tandem bilden (Ausschluss dieser Runde)`},
	}
	for _, tc := range tests {
		t.Run(tc.f.Rule, func(t *testing.T) {
			if tc.f.Message != tc.en {
				t.Errorf("Message: got %q, want %q", tc.f.Message, tc.en)
			}
			if got := tc.f.Text("de", nil); got != tc.de {
				t.Errorf("Text(de): got %q, want %q", got, tc.de)
			}
			if tc.deWithName != "" {
				if got := tc.f.Text("de", names); got != tc.deWithName {
					t.Errorf("Text(de, names): got %q, want %q", got, tc.deWithName)
				}
			}
		})
	}
	if f := (FieldError{Field: "x", Message: "as given"}); f.Text("de", nil) != "as given" {
		t.Errorf("a fault without a rule: got %q, want its message", f.Text("de", nil))
	}
}

// TestRefuse words a refusal of the state from its rule.
func TestRefuse(t *testing.T) {
	e := Refuse(EConflict, RuleEmailTaken)
	if e.Code != EConflict || e.Error() != "an account with this e-mail address exists already" {
		t.Errorf("got %q (%s), want the English sentence as a conflict", e.Error(), e.Code)
	}
	if got := e.Text("de"); got != "für diese E-Mail-Adresse gibt es schon ein Konto" {
		t.Errorf("Text(de): got %q", got)
	}
}

// TestTopicLabels: the topics of the built-in questionnaires are the
// catalog's topics, labelled the same in every language, so that the
// workbook and the pages name a topic as the form did.
func TestTopicLabels(t *testing.T) {
	c := loadTestCatalog(t)
	seen := map[string]bool{}
	for _, p := range Phases {
		for _, it := range c.Phase(p).Items() {
			if it.Topic != "" {
				seen[it.Topic] = true
				if !Messages.Has("topic." + it.Topic) {
					t.Errorf("%s/%s: topic %q has no label", p, it.Key, it.Topic)
				}
			}
			if it.Key != "topics" && it.Key != "learn_topics" {
				continue
			}
			for _, o := range it.Options {
				for _, l := range Languages() {
					if got, want := o.Label.In(l), TopicLabel(l, o.Value); got != want {
						t.Errorf("%s/%s option %s in %s: got %q, want the catalog's %q", p, it.Key, o.Value, l, got, want)
					}
				}
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no topic found in the questionnaires")
	}
}
