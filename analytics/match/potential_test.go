package match

import (
	"slices"
	"testing"
)

// TestPotentialWorkedExample follows the README's rule by hand:
// potential = Σ wish × max(0, skill − knowledge), a picked topic weighing
// 1, another 0.25, a missing rating counting as 3.
func TestPotentialWorkedExample(t *testing.T) {
	m := &Person{ID: "m", Skill: map[string]int{"social_media": 5, "collaboration_tools": 2, "mobile_apps": 4}}
	e := &Person{ID: "e", Knowledge: map[string]int{"social_media": 2, "collaboration_tools": 1, "artificial_intelligence": 1},
		Wish: map[string]bool{"social_media": true, "artificial_intelligence": true}}
	tests := []struct {
		topic string
		want  float64
	}{
		{"social_media", 3},            // picked: 1 × (5 − 2)
		{"collaboration_tools", 0.25},  // not picked: 0.25 × (2 − 1)
		{"artificial_intelligence", 2}, // picked, skill missing: 1 × (3 − 1)
		{"mobile_apps", 0.25},          // knowledge missing: 0.25 × (4 − 3)
	}
	for _, tt := range tests {
		if got := points(contribution(m, e, tt.topic)); got != tt.want {
			t.Errorf("contribution(%s) = %v, want %v", tt.topic, got, tt.want)
		}
	}
	if got := points(potential(m, e, testTopics)); got != 5.5 {
		t.Errorf("potential = %v, want 5.5", got)
	}
	// The mentee knows more than the mentor can teach: nothing, not less.
	if got := contribution(&Person{Skill: map[string]int{"mobile_apps": 1}}, &Person{Knowledge: map[string]int{"mobile_apps": 5}}, "mobile_apps"); got != 0 {
		t.Errorf("contribution with skill < knowledge = %d, want 0", got)
	}
	want := []TopicScore{{"social_media", 3}, {"artificial_intelligence", 2}, {"collaboration_tools", 0.25}}
	if got := reason(m, e, testTopics); !slices.Equal(got, want) {
		t.Errorf("reason = %v, want %v (ties in topic order)", got, want)
	}
	if got := reason(&Person{}, &Person{}, testTopics); len(got) != 0 {
		t.Errorf("reason of two neutral people = %v, want none", got)
	}
}

func TestAllowed(t *testing.T) {
	x := Exclusions{}
	x.Add("e1", "m1")
	tests := []struct {
		name string
		m, e *Person
		want bool
	}{
		{"free", &Person{ID: "m2", Department: "IT"}, &Person{ID: "e1", Department: "IT"}, true},
		{"excluded either order", &Person{ID: "m1"}, &Person{ID: "e1"}, false},
		{"mentor avoids own department", &Person{ID: "m2", Department: "IT", AvoidOwnDepartment: true}, &Person{ID: "e2", Department: "IT"}, false},
		{"mentee avoids own department", &Person{ID: "m2", Department: "IT"}, &Person{ID: "e2", Department: "IT", AvoidOwnDepartment: true}, false},
		{"avoids, other department", &Person{ID: "m2", Department: "IT", AvoidOwnDepartment: true}, &Person{ID: "e2", Department: "HR"}, true},
		{"avoids, no department known", &Person{ID: "m2", AvoidOwnDepartment: true}, &Person{ID: "e2"}, true},
	}
	for _, tt := range tests {
		if got := allowed(tt.m, tt.e, x); got != tt.want {
			t.Errorf("%s: allowed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSharedTimes(t *testing.T) {
	tests := []struct {
		a, b, want []string
	}{
		{[]string{"weekday_morning", "weekday_midday"}, []string{"weekday_midday"}, []string{"weekday_midday"}},
		{[]string{"flexible"}, []string{"weekday_afternoon"}, []string{"weekday_afternoon"}},
		{[]string{"weekday_morning"}, []string{"flexible"}, []string{"weekday_morning"}},
		{[]string{"weekday_morning"}, []string{"weekday_afternoon"}, nil},
		{nil, []string{"weekday_afternoon"}, nil},
	}
	for _, tt := range tests {
		if got := sharedTimes(&Person{Times: tt.a}, &Person{Times: tt.b}); !slices.Equal(got, tt.want) {
			t.Errorf("sharedTimes(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
