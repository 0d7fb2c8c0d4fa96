package main

import (
	"strings"
	"testing"
	"time"
)

// TestItemSentTwiceRefused: a form post that carries an item of one answer
// twice (a blank and a comment, two comments, two scale values) is refused
// with 422 and the error next to that item, and nothing is stored; the
// same form with the item once is accepted.
func TestItemSentTwiceRefused(t *testing.T) {
	ts := newTestServer(t)
	now := time.Now().UTC()
	s := ts.setupCohort("confidential", now.Add(-time.Hour), now.Add(time.Hour))
	link := s.Links[s.Participants[0]] + "?lang=en"
	before := ts.counts()
	tests := []struct {
		name, key string
		values    []string
	}{
		{"blank then comment", "improve", []string{"", "the second comment"}},
		{"comment then blank", "improve", []string{"the first comment", ""}},
		{"two comments", "improve", []string{"first", "second"}},
		{"two scale values", "overall_satisfaction", []string{"4", "5"}},
		{"blank then scale value", "recommend", []string{"", "9"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := menteeAnswers("4")
			v[tc.key] = tc.values
			code, body, _ := ts.page("POST", link, v)
			if code != 422 {
				t.Fatalf("got status %d, want 422", code)
			}
			got := fieldError.FindAllStringSubmatch(body, -1)
			if len(got) != 1 || got[0][1] != tc.key {
				t.Errorf("got errors next to %v, want only %s", got, tc.key)
			}
			if !strings.Contains(body, "Please choose only one answer.") {
				t.Errorf("the page does not say that one answer is allowed")
			}
		})
	}
	if after := ts.counts(); !equalCounts(before, after) {
		t.Errorf("refused posts changed the store: before %v, after %v", before, after)
	}
	v := menteeAnswers("4")
	if code, _, _ := ts.page("POST", link, v); code != 303 {
		t.Errorf("the same form with each item once: got %d, want 303", code)
	}
}
