package texttest

import (
	"maps"
	"slices"
	"testing"

	"tandem/survey"
)

// TestKeys finds the literal keys of code and templates, and none of the
// keys built at run time.
func TestKeys(t *testing.T) {
	got, err := Keys("testdata/use", "msg", "t")
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(got))
	want := []string{"item.shown", "page.body", "page.heading", "page.title"}
	if !slices.Equal(keys, want) {
		t.Errorf("got %v, want %v", keys, want)
	}
}

// TestMissing fails on a catalog that lacks a key the page uses, and
// passes once the catalog has it.
func TestMissing(t *testing.T) {
	used, err := Keys("testdata/use", "msg", "t")
	if err != nil {
		t.Fatal(err)
	}
	texts := survey.Texts{}
	for _, k := range []string{"item.shown", "page.body", "page.title"} {
		texts[k] = survey.I18n{"de": k, "en": k}
	}
	if got := Missing(texts, used); len(got) != 1 || got[0] != `"page.heading" (testdata/use/templates/page.html (content))` {
		t.Errorf("lacking page.heading: got %v, want it named with its template", got)
	}
	texts["page.heading"] = survey.I18n{"de": "Seite", "en": "Page"}
	if got := Missing(texts, used); len(got) != 0 {
		t.Errorf("complete: got %v, want none", got)
	}
}
