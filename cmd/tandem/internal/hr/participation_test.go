package hr

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tandem/survey"
)

// smallRoundWorld is a program with threshold 5 and a round of 6 mentors,
// 5 mentees and 2 peers, all invited to an open final survey, which both
// peers and 3 mentors have answered. It returns the program, cohort and
// survey IDs.
func (e *env) smallRoundWorld() (programID, cohortID, surveyID string) {
	e.t.Helper()
	ctx := context.Background()
	must := func(err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
	}
	p, err := e.store.CreateProgram(ctx, survey.Program{Name: "Reverse Mentoring 2026", Language: "en", Threshold: 5, Mode: survey.ModeConfidential})
	must(err)
	c, err := e.store.CreateCohort(ctx, p.ID, survey.Cohort{Name: "Round 1", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	must(err)
	var people []survey.ParticipantInput
	for role, n := range map[string]int{"mentor": 6, "mentee": 5, "peer": 2} {
		for i := range n {
			people = append(people, survey.ParticipantInput{Name: fmt.Sprintf("%s %d", role, i), Email: fmt.Sprintf("%s%d@example.com", role, i), Role: role})
		}
	}
	_, err = e.store.AddParticipants(ctx, c.ID, people)
	must(err)
	now := time.Now().UTC()
	sv, err := e.store.CreateSurvey(ctx, c.ID, survey.Survey{Phase: survey.PhaseFinal, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(48 * time.Hour)})
	must(err)
	invs, err := e.store.Invite(ctx, sv.ID)
	must(err)
	answer := map[survey.Role]int{survey.RolePeer: 2, survey.RoleMentor: 3}
	four := 4.0
	for _, inv := range invs {
		f, err := e.store.FormByToken(ctx, inv.Token)
		must(err)
		if answer[f.Role] > 0 {
			answer[f.Role]--
			must(e.store.Submit(ctx, f, "en", []survey.Answer{{Key: "overall_satisfaction", Num: &four}}))
		}
	}
	return p.ID, c.ID, sv.ID
}

// roleBar is one role's participation bar as a page shows it.
type roleBar struct {
	role              string
	answered, invited int
}

var roleBarText = regexp.MustCompile(`id="bar-([a-z0-9]+)-([a-z]+)-v">(\d+) of (\d+) answered`)

// smallBars is the attack on a page: the role bars of survey showing fewer
// invited than threshold.
func smallBars(body, surveyID string, threshold int) (small, all []roleBar) {
	for _, m := range roleBarText.FindAllStringSubmatch(body, -1) {
		if m[1] != surveyID {
			continue
		}
		answered, _ := strconv.Atoi(m[3])
		invited, _ := strconv.Atoi(m[4])
		b := roleBar{m[2], answered, invited}
		all = append(all, b)
		if invited < threshold {
			small = append(small, b)
		}
	}
	return small, all
}

// TestRoleBarsShowNoSmallGroup reads the round, survey and results pages
// of a round with 2 peers (both answered) and threshold 5: no bar shows a
// role of fewer than 5 invited; the peers are shown with the mentees. With
// the threshold at 1 (folding off) the same attack finds "2 of 2" peers.
func TestRoleBarsShowNoSmallGroup(t *testing.T) {
	e := newEnv(t)
	programID, cohortID, surveyID := e.smallRoundWorld()
	e.account(survey.AccountAdmin, "admin@example.com")
	c := e.signedIn("admin@example.com")
	pages := []string{"/hr/cohorts/" + cohortID, "/hr/surveys/" + surveyID, "/hr/cohorts/" + cohortID + "/results"}
	tests := []struct {
		name      string
		threshold int // of the program
		wantSmall []roleBar
		wantAll   []roleBar
	}{
		{"threshold 5", 5, nil, []roleBar{{"mentor", 3, 6}, {"other", 2, 7}}},
		{"threshold 1, nothing folded", 1, []roleBar{{"peer", 2, 2}}, []roleBar{{"mentor", 3, 6}, {"mentee", 0, 5}, {"peer", 2, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := e.store.DB().Exec(`UPDATE programs SET threshold = ? WHERE id = ?`, tt.threshold, programID); err != nil {
				t.Fatal(err)
			}
			for _, path := range pages {
				body := c.get(path).must(t, 200, path).body
				small, all := smallBars(body, surveyID, 5)
				if !slices.Equal(small, tt.wantSmall) || !slices.Equal(all, tt.wantAll) {
					t.Errorf("%s: got bars %v (small %v), want %v (small %v)", path, all, small, tt.wantAll, tt.wantSmall)
				}
			}
		})
	}
	if _, err := e.store.DB().Exec(`UPDATE programs SET threshold = 5`); err != nil {
		t.Fatal(err)
	}
	body := c.get("/hr/cohorts/" + cohortID).body
	for _, want := range []string{`id="bar-` + surveyID + `-other-l">Mentees &#43; Peers<`, "Roles with fewer than 5 invited are shown together"} {
		if !strings.Contains(body, want) {
			t.Errorf("the round page lacks %q", want)
		}
	}
}
