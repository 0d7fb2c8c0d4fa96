package survey

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustCatalog(tb testing.TB) *Catalog {
	tb.Helper()
	c, err := LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestDecodeFormRules(t *testing.T) {
	q := mustCatalog(t).Phase(PhaseFinal)
	base := func() url.Values { return url.Values{"overall_satisfaction": {"4"}} }
	tests := []struct {
		name  string
		edit  func(url.Values)
		role  Role
		field string // "" means accepted
		rule  string
	}{
		{"minimal", func(url.Values) {}, RoleMentee, "", ""},
		{"required missing", func(v url.Values) { v.Del("overall_satisfaction") }, RoleMentee, "overall_satisfaction", RuleRequired},
		{"required blank", func(v url.Values) { v.Set("overall_satisfaction", "  ") }, RoleMentee, "overall_satisfaction", RuleRequired},
		{"likert 0", func(v url.Values) { v.Set("perspective_1", "0") }, RoleMentor, "perspective_1", RuleRange},
		{"likert 6", func(v url.Values) { v.Set("perspective_1", "6") }, RoleMentor, "perspective_1", RuleRange},
		{"likert fraction", func(v url.Values) { v.Set("perspective_1", "4.5") }, RoleMentor, "perspective_1", RuleNumber},
		{"likert sign", func(v url.Values) { v.Set("perspective_1", "+4") }, RoleMentor, "perspective_1", RuleNumber},
		{"likert word", func(v url.Values) { v.Set("perspective_1", "four") }, RoleMentor, "perspective_1", RuleNumber},
		{"likert twice", func(v url.Values) { v["perspective_1"] = []string{"4", "5"} }, RoleMentor, "perspective_1", RuleMultiple},
		{"likert blank then value", func(v url.Values) { v["perspective_1"] = []string{"", "5"} }, RoleMentor, "perspective_1", RuleMultiple},
		{"text twice", func(v url.Values) { v["improve"] = []string{"first", "second"} }, RoleMentee, "improve", RuleMultiple},
		{"text blank then value", func(v url.Values) { v["improve"] = []string{"", "second"} }, RoleMentee, "improve", RuleMultiple},
		{"text value then blank", func(v url.Values) { v["improve"] = []string{"first", " "} }, RoleMentee, "improve", RuleMultiple},
		{"text twice blank", func(v url.Values) { v["improve"] = []string{"", ""} }, RoleMentee, "improve", RuleMultiple},
		{"choice twice", func(v url.Values) { v["continue"] = []string{"", "yes"} }, RoleMentee, "continue", RuleMultiple},
		{"recommend 0", func(v url.Values) { v.Set("recommend", "0") }, RoleMentee, "", ""},
		{"recommend 10", func(v url.Values) { v.Set("recommend", "10") }, RoleMentee, "", ""},
		{"recommend 11", func(v url.Values) { v.Set("recommend", "11") }, RoleMentee, "recommend", RuleRange},
		{"continue unknown", func(v url.Values) { v.Set("continue", "perhaps") }, RoleMentee, "continue", RuleChoice},
		{"benefits repeated", func(v url.Values) { v["top_benefits"] = []string{"new_areas", "new_areas"} }, RoleMentee, "top_benefits", RuleMultiple},
		{"benefits several", func(v url.Values) { v["top_benefits"] = []string{"new_areas", "knowledge_transfer"} }, RoleMentee, "", ""},
		{"text too long", func(v url.Values) { v.Set("improve", strings.Repeat("ü", 2001)) }, RoleMentee, "improve", RuleTooLong},
		{"text control char", func(v url.Values) { v.Set("improve", "a\x00b") }, RoleMentee, "improve", RuleText},
		{"text bad utf8", func(v url.Values) { v.Set("improve", "a\xffb") }, RoleMentee, "improve", RuleText},
		{"formula text is data", func(v url.Values) { v.Set("improve", "=HYPERLINK(\"x\")") }, RoleMentee, "", ""},
		{"mentor item from mentee", func(v url.Values) { v.Set("competence_1", "4") }, RoleMentee, "competence_1", RuleUnknown},
		{"peer sees both sides", func(v url.Values) { v.Set("competence_1", "4"); v.Set("hands_on_1", "5") }, RolePeer, "", ""},
		{"unknown key", func(v url.Values) { v.Set("is_admin", "1") }, RoleMentee, "is_admin", RuleUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := base()
			tc.edit(v)
			answers, err := DecodeForm(q, tc.role, v)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("got %v, want accepted", err)
				}
				if len(answers) == 0 {
					t.Fatalf("got no answers")
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || len(e.Details) == 0 {
				t.Fatalf("got %v, want an error on %s", err, tc.field)
			}
			if answers != nil {
				t.Errorf("got answers with an error")
			}
			if e.Details[0].Field != tc.field || e.Details[0].Rule != tc.rule {
				t.Errorf("got %s/%s, want %s/%s", e.Details[0].Field, e.Details[0].Rule, tc.field, tc.rule)
			}
		})
	}
}

func TestSkippedItemIsMissing(t *testing.T) {
	q := mustCatalog(t).Phase(PhaseFinal)
	answers, err := DecodeForm(q, RoleMentee, url.Values{"overall_satisfaction": {"5"}, "recommend": {""}})
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 1 || answers[0].Key != "overall_satisfaction" || *answers[0].Num != 5 {
		t.Errorf("got %+v, want only overall_satisfaction = 5", answers)
	}
}

// FuzzDecodeForm feeds arbitrary form bodies to the decoder: it must never
// panic, and whatever it accepts must obey the questionnaire.
func FuzzDecodeForm(f *testing.F) {
	c := mustCatalog(f)
	f.Add("overall_satisfaction=5&recommend=10&continue=yes&top_benefits=new_areas&improve=%3D1%2B1", uint8(0))
	f.Add("overall_satisfaction=3&perspective_1=2&competence_1=9", uint8(1))
	f.Add("topics=artificial_intelligence&topics=mobile_apps&knowledge_mobile_apps=1", uint8(2))
	f.Add("overall_satisfaction=%FF&x=%00", uint8(2))
	f.Add("overall_satisfaction=4&improve=&improve=second", uint8(0))
	f.Fuzz(func(t *testing.T, body string, pick uint8) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		phase := Phases[int(pick)%len(Phases)]
		role := Roles[int(pick/4)%len(Roles)]
		q := c.Phase(phase)
		answers, err := DecodeForm(q, role, form)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T, want *Error", err)
			}
			return
		}
		for key, vals := range form {
			if it, ok := q.Item(key); ok && it.Type != Multi && len(vals) > 1 {
				t.Fatalf("accepted %q sent %d times", key, len(vals))
			}
		}
		for _, a := range answers {
			it, ok := q.Item(a.Key)
			if !ok || !it.AskedOf(role) {
				t.Fatalf("accepted %q, not shown to %s", a.Key, role)
			}
			switch it.Type {
			case Likert5:
				if a.Num == nil || *a.Num < 1 || *a.Num > 5 {
					t.Fatalf("accepted %q out of 1..5", a.Key)
				}
			case Scale10:
				if a.Num == nil || *a.Num < 0 || *a.Num > 10 {
					t.Fatalf("accepted %q out of 0..10", a.Key)
				}
			case Text:
				if a.Text == "" || !utf8.ValidString(a.Text) || utf8.RuneCountInString(a.Text) > it.TextMax() {
					t.Fatalf("accepted bad text for %q", a.Key)
				}
			}
		}
	})
}

func TestEmptyFormRefused(t *testing.T) {
	q := mustCatalog(t).Phase(PhaseMidpoint)
	_, err := DecodeForm(q, RoleMentor, url.Values{"went_well": {"   "}})
	e, ok := err.(*Error)
	if !ok || len(e.Details) != 1 || e.Details[0].Rule != RuleEmpty {
		t.Fatalf("got %v, want one %q error", err, RuleEmpty)
	}
}
