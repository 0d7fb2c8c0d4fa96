package survey

import (
	"errors"
	"testing"
)

// hiddenCharacters are the characters names refuse, one of each kind.
var hiddenCharacters = []struct{ name, s string }{
	{"NUL", "\x00"}, {"tab", "\t"}, {"line feed", "\n"}, {"carriage return", "\r"}, {"escape", "\x1b"},
	{"unit separator", "\x1f"}, {"DEL", "\x7f"}, {"C1 padding", "\u0080"}, {"next line", "\u0085"},
	{"C1 APC", "\u009f"}, {"LRE", "\u202a"}, {"RLO", "\u202e"}, {"LRI", "\u2066"}, {"PDI", "\u2069"},
}

// nameFields are the inputs whose names and free labels go through
// checkText, each as a function of the text under test.
var nameFields = []struct {
	input, field string
	row          int
	check        func(v string) error
}{
	{"program", "name", 0, func(v string) error { _, err := ProgramInput{Name: v}.Program(); return err }},
	{"cohort", "name", 0, func(v string) error {
		_, err := CohortInput{Name: v, StartsOn: "2026-01-01", EndsOn: "2026-02-01"}.Cohort()
		return err
	}},
	{"account", "name", 0, func(v string) error {
		_, err := AccountInput{Email: "anna@example.com", Name: v, Role: "viewer", Password: "a long enough password"}.Account()
		return err
	}},
	{"account", "email", 0, func(v string) error {
		_, err := AccountInput{Email: "an" + v + "na@example.com", Name: "Anna", Role: "viewer", Password: "a long enough password"}.Account()
		return err
	}},
	{"participant", "name", 2, func(v string) error { return participantWith(ParticipantInput{Name: v}) }},
	{"participant", "email", 2, func(v string) error { return participantWith(ParticipantInput{Email: "z" + v + "@example.com"}) }},
	{"participant", "department", 2, func(v string) error { return participantWith(ParticipantInput{Department: v}) }},
	{"participant", "region", 2, func(v string) error { return participantWith(ParticipantInput{Region: v}) }},
}

// participantWith checks a valid first row and a second row with the
// fields of p that are set.
func participantWith(p ParticipantInput) error {
	row := ParticipantInput{Name: "Zoë Brügger", Email: "zoe@example.com", Role: "mentor"}
	if p.Name != "" {
		row.Name = p.Name
	}
	if p.Email != "" {
		row.Email = p.Email
	}
	row.Department, row.Region = p.Department, p.Region
	_, err := Participants([]ParticipantInput{{Name: "Jürgen Weiß", Email: "j@example.com", Role: "mentee"}, row}, nil)
	return err
}

// TestNamesRefuseHiddenCharacters: every name and free label refuses each
// control or bidirectional formatting character, wherever it stands
// (inside, or at either end where spaces are trimmed), naming the field and
// the row; real names of several scripts pass.
func TestNamesRefuseHiddenCharacters(t *testing.T) {
	for _, f := range nameFields {
		for _, h := range hiddenCharacters {
			for _, v := range []string{"An" + h.s + "na", "Anna" + h.s, h.s + "Anna"} {
				t.Run(f.input+" "+f.field+" "+h.name, func(t *testing.T) {
					var e *Error
					if err := f.check(v); !errors.As(err, &e) || e.Code != EInvalid {
						t.Fatalf("%q: got %v, want an invalid-input error", v, err)
					}
					if len(e.Details) != 1 || e.Details[0].Field != f.field || e.Details[0].Row != f.row || e.Details[0].Rule != RuleText {
						t.Errorf("%q: got %+v, want one %q error on %s, row %d", v, e.Details, RuleText, f.field, f.row)
					}
				})
			}
		}
		for _, v := range []string{"Zoë", "Ömer Yıldız", "José María", "דוד לוי", "محمد", "王小明", "Anna 👩‍💻", " Anna "} {
			if f.field == "email" {
				v = "a"
			}
			if err := f.check(v); err != nil {
				t.Errorf("%s %s %q: got %v, want accepted", f.input, f.field, v, err)
			}
		}
	}
}
