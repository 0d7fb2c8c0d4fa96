package survey

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// dimensionRoles is the "asked of" column of the table of dimensions in
// docs/methods.md, section 2. Peers are mentor and mentee at once, so they
// answer every dimension.
var dimensionRoles = map[string][]Role{
	"content_flexibility": {RoleMentee},
	"time_flexibility":    {RoleMentee},
	"one_to_one":          {RoleMentee},
	"hands_on":            {RoleMentee},
	"time_well_spent":     {RoleMentee},
	"perspective":         {RoleMentor, RoleMentee},
	"competence":          {RoleMentor},
	"role_understanding":  {RoleMentor},
	"network":             {RoleMentor},
	"trust_openness":      {RoleMentor, RoleMentee},
	"comfort_zone":        {RoleMentor, RoleMentee},
	"transfer":            {RoleMentor, RoleMentee},
	"mentor_pool":         {RoleMentor},
}

// programTopics are the topic keys of the kick-off vote and the knowledge
// ratings.
var programTopics = []string{
	"social_media", "enterprise_network", "collaboration_tools", "digital_workplace",
	"new_technologies", "artificial_intelligence", "mobile_apps", "next_generation_work",
}

func loadTestCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := LoadCatalog()
	if err != nil {
		t.Fatalf("LoadCatalog() error = %v, want nil", err)
	}
	return c
}

func answers(role Role, dim string) bool {
	return role == RolePeer || slices.Contains(dimensionRoles[dim], role)
}

// itemsFor flattens q.For(role).
func itemsFor(q *Questionnaire, role Role) []Item {
	var items []Item
	for _, s := range q.For(role) {
		items = append(items, s.Items...)
	}
	return items
}

func TestLoadCatalog(t *testing.T) {
	c := loadTestCatalog(t)
	for _, p := range Phases {
		t.Run(string(p), func(t *testing.T) {
			q := c.Phase(p)
			if q == nil {
				t.Fatalf("Phase(%q) = nil, want a questionnaire", p)
			}
			if q.Phase != p {
				t.Errorf("Phase(%q).Phase = %q, want %q", p, q.Phase, p)
			}
			if got := len(q.Items()); got == 0 {
				t.Errorf("got %d items, want at least one", got)
			}
			for _, r := range Roles {
				if got := len(itemsFor(q, r)); got == 0 {
					t.Errorf("role %s: got %d items, want at least one", r, got)
				}
			}
		})
	}
}

func TestDimensionsPerRole(t *testing.T) {
	c := loadTestCatalog(t)
	for _, p := range []Phase{PhaseMidpoint, PhaseFinal} {
		q := c.Phase(p)
		for _, dim := range Dimensions {
			for _, r := range Roles {
				t.Run(fmt.Sprintf("%s/%s/%s", p, dim, r), func(t *testing.T) {
					n := 0
					for _, it := range itemsFor(q, r) {
						if it.Dimension == dim {
							n++
						}
					}
					if answers(r, dim) {
						if n < 2 {
							t.Errorf("got %d items, want at least 2", n)
						}
					} else if n != 0 {
						t.Errorf("got %d items, want 0 (role does not answer %s)", n, dim)
					}
				})
			}
		}
	}
}

func TestDimensionItems(t *testing.T) {
	c := loadTestCatalog(t)
	for _, p := range Phases {
		for _, it := range c.Phase(p).Items() {
			if it.Dimension == "" {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", p, it.Key), func(t *testing.T) {
				want := slices.Clone(dimensionRoles[it.Dimension])
				want = append(want, RolePeer)
				if !slices.Equal(it.Roles, want) {
					t.Errorf("roles: got %v, want %v", it.Roles, want)
				}
				if ok, _ := regexp.MatchString(`^`+it.Dimension+`_[1-9]$`, it.Key); !ok {
					t.Errorf("key: got %q, want %s_<n>", it.Key, it.Dimension)
				}
				if it.Type != Likert5 {
					t.Errorf("type: got %s, want %s", it.Type, Likert5)
				}
			})
		}
	}
}

func TestMidpointAndFinalShareDimensionItems(t *testing.T) {
	c := loadTestCatalog(t)
	dimItems := func(q *Questionnaire) map[string]Item {
		m := map[string]Item{}
		for _, it := range q.Items() {
			if it.Dimension != "" {
				m[it.Key] = it
			}
		}
		return m
	}
	mid, fin := dimItems(c.Phase(PhaseMidpoint)), dimItems(c.Phase(PhaseFinal))
	keys := func(m map[string]Item) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	if got, want := keys(mid), keys(fin); !slices.Equal(got, want) {
		t.Fatalf("midpoint dimension keys: got %v, want %v (final)", got, want)
	}
	for key, m := range mid {
		t.Run(key, func(t *testing.T) {
			f := fin[key]
			if m.Dimension != f.Dimension {
				t.Errorf("dimension: got %q, want %q", m.Dimension, f.Dimension)
			}
			if !slices.Equal(m.Roles, f.Roles) {
				t.Errorf("roles: got %v, want %v", m.Roles, f.Roles)
			}
			if !maps.Equal(m.Text, f.Text) {
				t.Errorf("text: got %+v, want %+v", m.Text, f.Text)
			}
		})
	}
}

func TestFinalContractItems(t *testing.T) {
	q := loadTestCatalog(t).Phase(PhaseFinal)
	all := []Role{RoleMentor, RoleMentee, RolePeer}
	tests := []struct {
		key      string
		typ      ItemType
		required bool
		options  []string // nil: not checked
	}{
		{key: "overall_satisfaction", typ: Likert5, required: true},
		{key: "recommend", typ: Scale10},
		{key: "continue", typ: Single, options: []string{"yes", "no", "undecided"}},
		{key: "top_benefits", typ: Multi, options: []string{"perspective_change", "knowledge_transfer", "new_areas", "personal_contact"}},
		{key: "went_well", typ: Text},
		{key: "improve", typ: Text},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			it, ok := q.Item(tt.key)
			if !ok {
				t.Fatalf("Item(%q): got none, want one", tt.key)
			}
			if it.Type != tt.typ {
				t.Errorf("type: got %s, want %s", it.Type, tt.typ)
			}
			if it.Required != tt.required {
				t.Errorf("required: got %v, want %v", it.Required, tt.required)
			}
			if !slices.Equal(it.Roles, all) {
				t.Errorf("roles: got %v, want %v", it.Roles, all)
			}
			if it.Dimension != "" {
				t.Errorf("dimension: got %q, want none", it.Dimension)
			}
			if tt.options != nil {
				if got := optionValues(it); !slices.Equal(got, tt.options) {
					t.Errorf("options: got %v, want %v", got, tt.options)
				}
			}
		})
	}
}

func optionValues(it Item) []string {
	var vs []string
	for _, o := range it.Options {
		vs = append(vs, o.Value)
	}
	return vs
}

func TestTopicsAndKnowledge(t *testing.T) {
	c := loadTestCatalog(t)
	kickoff, final := c.Phase(PhaseKickoff), c.Phase(PhaseFinal)

	t.Run("kickoff/topics", func(t *testing.T) {
		it, ok := kickoff.Item("topics")
		if !ok {
			t.Fatalf("Item(topics): got none, want one")
		}
		if it.Type != Multi {
			t.Errorf("type: got %s, want %s", it.Type, Multi)
		}
		if got := optionValues(it); !slices.Equal(got, programTopics) {
			t.Errorf("options: got %v, want %v", got, programTopics)
		}
	})
	t.Run("checkin/session_topic", func(t *testing.T) {
		it, ok := c.Phase(PhaseCheckin).Item("session_topic")
		if !ok {
			t.Fatalf("Item(session_topic): got none, want one")
		}
		want := append(slices.Clone(programTopics), "other")
		if got := optionValues(it); !slices.Equal(got, want) {
			t.Errorf("options: got %v, want %v", got, want)
		}
	})

	wantRoles := []Role{RoleMentee, RolePeer}
	for _, q := range []*Questionnaire{c.Phase(PhaseIntake), kickoff, final} {
		for _, topic := range programTopics {
			key := "knowledge_" + topic
			t.Run(fmt.Sprintf("%s/%s", q.Phase, key), func(t *testing.T) {
				it, ok := q.Item(key)
				if !ok {
					t.Fatalf("Item(%q): got none, want one", key)
				}
				if it.Type != Likert5 {
					t.Errorf("type: got %s, want %s", it.Type, Likert5)
				}
				if it.Topic != topic {
					t.Errorf("topic: got %q, want %q", it.Topic, topic)
				}
				if !slices.Equal(it.Roles, wantRoles) {
					t.Errorf("roles: got %v, want %v", it.Roles, wantRoles)
				}
				if it.AskedOf(RoleMentor) {
					t.Errorf("AskedOf(mentor): got true, want false")
				}
				if k, _ := kickoff.Item(key); !maps.Equal(it.Text, k.Text) {
					t.Errorf("text: got %+v, want %+v (same as kick-off)", it.Text, k.Text)
				}
			})
		}
	}

	// Every item carrying a topic rates a program topic: the knowledge of
	// it, or (at intake only) how well one can teach it.
	for _, p := range Phases {
		for _, it := range c.Phase(p).Items() {
			if it.Topic == "" {
				continue
			}
			ok := it.Key == "knowledge_"+it.Topic || p == PhaseIntake && it.Key == "teach_"+it.Topic
			if !slices.Contains(programTopics, it.Topic) || !ok {
				t.Errorf("%s/%s: got topic %q, want a program topic matching the key", p, it.Key, it.Topic)
			}
		}
	}
}

// TestIntakeItems checks what matching reads from the intake: each side's
// ratings per program topic, the wish list, and the meeting preferences.
func TestIntakeItems(t *testing.T) {
	q := loadTestCatalog(t).Phase(PhaseIntake)
	all := []Role{RoleMentor, RoleMentee, RolePeer}
	type want struct {
		key     string
		typ     ItemType
		roles   []Role
		topic   string
		options []string // nil: not checked
	}
	var tests []want
	for _, topic := range programTopics {
		tests = append(tests,
			want{key: "knowledge_" + topic, typ: Likert5, roles: []Role{RoleMentee, RolePeer}, topic: topic},
			want{key: "teach_" + topic, typ: Likert5, roles: []Role{RoleMentor, RolePeer}, topic: topic})
	}
	tests = append(tests,
		want{key: "learn_topics", typ: Multi, roles: []Role{RoleMentee, RolePeer}, options: programTopics},
		want{key: "format", typ: Single, roles: all, options: []string{"lunch", "regular_meeting", "remote"}},
		want{key: "availability", typ: Multi, roles: all,
			options: []string{"weekday_morning", "weekday_midday", "weekday_afternoon", "flexible"}},
		want{key: "avoid_own_department", typ: Single, roles: all, options: []string{"yes", "no"}})
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			it, ok := q.Item(tt.key)
			if !ok {
				t.Fatalf("Item(%q): got none, want one", tt.key)
			}
			if it.Type != tt.typ {
				t.Errorf("type: got %s, want %s", it.Type, tt.typ)
			}
			if !slices.Equal(it.Roles, tt.roles) {
				t.Errorf("roles: got %v, want %v", it.Roles, tt.roles)
			}
			if it.Topic != tt.topic {
				t.Errorf("topic: got %q, want %q", it.Topic, tt.topic)
			}
			if it.Required {
				t.Errorf("required: got true, want false (a skipped rating counts as neutral)")
			}
			if tt.options != nil {
				if got := optionValues(it); !slices.Equal(got, tt.options) {
					t.Errorf("options: got %v, want %v", got, tt.options)
				}
			}
		})
	}
	if got, want := len(q.Items()), len(tests); got != want {
		t.Errorf("got %d intake items, want %d (matching reads every one)", got, want)
	}
	// The intake answers are linked to a person for matching, so it holds
	// no benefit dimension and no free text that could leak a comment.
	for _, it := range q.Items() {
		if it.Dimension != "" || it.Type == Text {
			t.Errorf("%s: got dimension %q, type %s; want neither a dimension nor free text", it.Key, it.Dimension, it.Type)
		}
	}
	for _, r := range []Role{RoleMentor, RoleMentee} {
		for _, it := range itemsFor(q, r) {
			if r == RoleMentor && strings.HasPrefix(it.Key, "knowledge_") || r == RoleMentee && strings.HasPrefix(it.Key, "teach_") {
				t.Errorf("%s is shown to %s, want it hidden from that role", it.Key, r)
			}
		}
	}
}

// TestTextsComplete checks what loadCatalog leaves to the authors: every
// visible text is there in both languages, and scales label their ends.
func TestTextsComplete(t *testing.T) {
	c := loadTestCatalog(t)
	both := func(t *testing.T, what string, s I18n, optional bool) {
		t.Helper()
		if optional && len(s) == 0 {
			return
		}
		if err := s.complete(); err != nil {
			t.Errorf("%s: got %+v, want a text in every language (%v)", what, s, err)
		}
	}
	for _, p := range Phases {
		q := c.Phase(p)
		t.Run(string(p), func(t *testing.T) {
			both(t, "intro", q.Intro, false)
			for i, s := range q.Sections {
				both(t, fmt.Sprintf("section %d intro", i+1), s.Intro, true)
				if len(s.Items) == 0 {
					t.Errorf("section %d: got 0 items, want some", i+1)
				}
			}
			for _, it := range q.Items() {
				both(t, it.Key+" help", it.Help, true)
				switch it.Type {
				case Likert5, Scale10:
					both(t, it.Key+" low", it.Low, false)
					both(t, it.Key+" high", it.High, false)
				default:
					if len(it.Low) > 0 || len(it.High) > 0 {
						t.Errorf("%s: got low/high on a %s item, want none", it.Key, it.Type)
					}
				}
				if it.Type != Text && it.MaxLength != 0 {
					t.Errorf("%s: got max_length %d on a %s item, want 0", it.Key, it.MaxLength, it.Type)
				}
			}
		})
	}
}

// validQuestionnaire is a minimal questionnaire loadCatalog accepts.
func validQuestionnaire(p Phase) string {
	return `{
  "phase": "` + string(p) + `",
  "title": {"de": "Titel", "en": "Title"},
  "intro": {"de": "Einleitung", "en": "Intro"},
  "sections": [{
    "title": {"de": "Abschnitt", "en": "Section"},
    "items": [
      {"key": "perspective_1", "type": "likert5", "roles": ["mentor", "mentee", "peer"], "dimension": "perspective",
       "text": {"de": "Aussage", "en": "Statement"}},
      {"key": "continue", "type": "single", "roles": ["mentor", "mentee", "peer"],
       "text": {"de": "Weiter?", "en": "Continue?"},
       "options": [{"value": "yes", "label": {"de": "Ja", "en": "Yes"}}, {"value": "no", "label": {"de": "Nein", "en": "No"}}]}
    ]
  }]
}`
}

// withFinal is a file system holding valid questionnaires for every phase
// but the final one, which is final.
func withFinal(final string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, p := range Phases {
		fsys["q/"+string(p)+".json"] = &fstest.MapFile{Data: []byte(validQuestionnaire(p))}
	}
	if final != "" {
		fsys["q/final.json"] = &fstest.MapFile{Data: []byte(final)}
	}
	return fsys
}

// oneItem is a final questionnaire holding the given items.
func oneItem(items ...string) string {
	return `{"phase": "final", "title": {"de": "T", "en": "T"}, "intro": {"de": "I", "en": "I"},
  "sections": [{"title": {"de": "A", "en": "S"}, "items": [` + strings.Join(items, ",") + `]}]}`
}

func TestLoadCatalogRejects(t *testing.T) {
	const likert = `{"key": "transfer_1", "type": "likert5", "roles": ["mentee"], "dimension": "transfer", "text": {"de": "A", "en": "S"}}`
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr string // "" means the catalog loads
	}{
		{name: "valid", fsys: withFinal("")},
		{name: "valid final item", fsys: withFinal(oneItem(likert))},
		{
			name:    "missing English text",
			fsys:    withFinal(oneItem(`{"key": "x_1", "type": "likert5", "roles": ["mentee"], "text": {"de": "Nur Deutsch"}}`)),
			wantErr: "text: needs a text in en",
		},
		{
			name:    "duplicate key",
			fsys:    withFinal(oneItem(likert, likert)),
			wantErr: "appears twice",
		},
		{
			name:    "unknown dimension",
			fsys:    withFinal(oneItem(`{"key": "happiness_1", "type": "likert5", "roles": ["mentee"], "dimension": "happiness", "text": {"de": "A", "en": "S"}}`)),
			wantErr: "unknown dimension",
		},
		{
			name:    "single with one option",
			fsys:    withFinal(oneItem(`{"key": "continue", "type": "single", "roles": ["mentee"], "text": {"de": "A", "en": "S"}, "options": [{"value": "yes", "label": {"de": "Ja", "en": "Yes"}}]}`)),
			wantErr: "at least two options",
		},
		{
			name:    "unknown field",
			fsys:    withFinal(oneItem(`{"key": "x", "type": "likert5", "roles": ["mentee"], "text": {"de": "A", "en": "S"}, "scale": 7}`)),
			wantErr: "unknown field",
		},
		{
			name:    "unknown role",
			fsys:    withFinal(oneItem(`{"key": "x", "type": "likert5", "roles": ["boss"], "text": {"de": "A", "en": "S"}}`)),
			wantErr: "unknown role",
		},
		{
			name:    "unknown type",
			fsys:    withFinal(oneItem(`{"key": "x", "type": "slider", "roles": ["mentee"], "text": {"de": "A", "en": "S"}}`)),
			wantErr: "unknown type",
		},
		{
			name:    "upper-case key",
			fsys:    withFinal(oneItem(`{"key": "Overall", "type": "likert5", "roles": ["mentee"], "text": {"de": "A", "en": "S"}}`)),
			wantErr: "lower-case",
		},
		{
			name:    "dimension key without prefix",
			fsys:    withFinal(oneItem(`{"key": "x_1", "type": "likert5", "roles": ["mentee"], "dimension": "transfer", "text": {"de": "A", "en": "S"}}`)),
			wantErr: "<dimension>_<n>",
		},
		{
			name:    "wrong phase",
			fsys:    withFinal(strings.Replace(oneItem(likert), `"phase": "final"`, `"phase": "midpoint"`, 1)),
			wantErr: "want \"final\"",
		},
		{
			name:    "malformed JSON",
			fsys:    withFinal(`{"phase": "final", "title": `),
			wantErr: "final.json",
		},
		{
			name: "missing phase file",
			fsys: func() fstest.MapFS {
				fsys := withFinal("")
				delete(fsys, "q/checkin.json")
				return fsys
			}(),
			wantErr: "questionnaire checkin",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadCatalog(tt.fsys, "q")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("loadCatalog: got error %v, want nil", err)
				}
				if c.Phase(PhaseFinal) == nil {
					t.Fatalf("Phase(final): got nil, want a questionnaire")
				}
				return
			}
			if err == nil {
				t.Fatalf("loadCatalog: got nil error, want one containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("loadCatalog: got error %q, want one containing %q", err, tt.wantErr)
			}
			if c != nil {
				t.Errorf("loadCatalog: got a catalog with the error, want nil")
			}
		})
	}
}
