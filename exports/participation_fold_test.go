package exports_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"tandem/exports"
	"tandem/survey"
	"tandem/survey/store"
)

// goldenScenario is a world in which folding shows, at t0:
//   - program "Golden" (threshold 5), cohort "Round A" (6 mentors, 5
//     mentees, 2 peers) with an open final survey: mentors 6 opened, 4
//     answered; mentees 3 and 3; peers 2 and 2. The peers are too few and
//     take the mentees with them into "other" (7 invited);
//   - its cohort "Round B" (12 mentors, 8 mentees) with a kick-off that
//     closed 2 days ago, everyone answered but one mentee: nothing folds;
//   - program "Pilot" (threshold 3), cohort "Pilot 1" (4 mentors, 1 mentee,
//     3 peers) with an open check-in, all opened, half answered: the mentee
//     takes the peers with it (4 invited), the mentors stay.
//
// It returns the IDs of programs and cohorts and the stable names the
// golden file gives them.
func goldenScenario(tb testing.TB, s *store.Store) map[string]string {
	f := fixture{tb: tb, s: s, ctx: context.Background()}
	golden, pilot := f.program("Golden", 5), f.program("Pilot", 3)
	a := f.cohort(golden, "Round A", map[string]int{"mentor": 6, "mentee": 5, "peer": 2})
	_, forms := f.survey(a, survey.PhaseFinal, t0.Add(-day), t0.Add(4*day))
	f.answer(forms[survey.RoleMentor], 6, 4, t0.Add(-time.Hour))
	f.answer(forms[survey.RoleMentee], 3, 3, t0.Add(-time.Hour))
	f.answer(forms[survey.RolePeer], 2, 2, t0.Add(-time.Hour))
	b := f.cohort(golden, "Round B", map[string]int{"mentor": 12, "mentee": 8})
	_, forms = f.survey(b, survey.PhaseKickoff, t0.Add(-9*day), t0.Add(-2*day))
	f.answer(forms[survey.RoleMentor], 12, 12, t0.Add(-5*day))
	f.answer(forms[survey.RoleMentee], 8, 7, t0.Add(-5*day))
	p1 := f.cohort(pilot, "Pilot 1", map[string]int{"mentor": 4, "mentee": 1, "peer": 3})
	_, forms = f.survey(p1, survey.PhaseCheckin, t0.Add(-day), t0.Add(2*day))
	f.answer(forms[survey.RoleMentor], 4, 2, t0.Add(-time.Hour))
	f.answer(forms[survey.RoleMentee], 1, 1, t0.Add(-time.Hour))
	f.answer(forms[survey.RolePeer], 3, 1, t0.Add(-time.Hour))
	return map[string]string{golden: "program-golden", pilot: "program-pilot", a: "cohort-a", b: "cohort-b", p1: "cohort-pilot-1"}
}

// TestParticipationFoldsEveryThreshold scrapes the golden scenario with
// thresholds 1 to 9 for every program and checks what folding promises:
// each role series of a survey holds at least the threshold of invitations
// unless it is the survey's only one (its total, published anyway); and
// the totals are those of the unfolded roles. The same check finds small
// roles once folding is off (from threshold 2: Pilot 1 invited 1 mentee).
func TestParticipationFoldsEveryThreshold(t *testing.T) {
	clk := newClock(t0)
	s := MustOpenStore(t, clk.option())
	goldenScenario(t, s)
	raw := seriesByGroup(t, exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{ShowSmallRoles: true}))
	for threshold := 1; threshold <= 9; threshold++ {
		t.Run(fmt.Sprintf("threshold %d", threshold), func(t *testing.T) {
			if _, err := s.DB().Exec(`UPDATE programs SET threshold = ?`, threshold); err != nil {
				t.Fatal(err)
			}
			folded := seriesByGroup(t, exports.NewParticipation(s.DB(), clk.Now, exports.ParticipationOptions{}))
			for _, v := range smallRoles(folded, threshold) {
				t.Errorf("folded: %s", v)
			}
			if got := smallRoles(raw, threshold); threshold >= 2 && len(got) == 0 {
				t.Errorf("without folding the check finds no small role; it should find the mentee of Pilot 1")
			}
			for group, roles := range folded {
				if got, want := sum(roles), sum(raw[group]); got != want {
					t.Errorf("%s: got %d invitations in all, want %d as without folding", group, got, want)
				}
			}
			if len(folded) != len(raw) {
				t.Errorf("got %d groups, want %d", len(folded), len(raw))
			}
		})
	}
}

// smallRoles lists the role series with fewer invitations than threshold
// beside other series of their survey.
func smallRoles(groups map[string]map[string]int, threshold int) []string {
	var out []string
	for group, roles := range groups {
		for role, invited := range roles {
			if len(roles) > 1 && invited < threshold {
				out = append(out, fmt.Sprintf("%s: role %s shows %d invitations, fewer than %d", group, role, invited, threshold))
			}
		}
	}
	return out
}

// seriesByGroup collects tandem_survey_invitations by cohort, phase and
// state, then role.
func seriesByGroup(tb testing.TB, c prometheus.Collector) map[string]map[string]int {
	tb.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]map[string]int{}
	for _, mf := range mfs {
		if mf.GetName() != "tandem_survey_invitations" {
			continue
		}
		for _, m := range mf.GetMetric() {
			l := labelMap(m)
			group := l["cohort"] + " " + l["phase"] + " " + l["state"]
			if out[group] == nil {
				out[group] = map[string]int{}
			}
			out[group][l["role"]] = int(m.GetGauge().GetValue())
		}
	}
	return out
}

func labelMap(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
