package match

import (
	"context"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"tandem/survey"
)

// probe is one proposal the attacker asks for.
type probe struct {
	shape    string
	seed     int64
	excluded [][2]string // mentor id, mentee id
}

// attackPlan is what the attacker asks for: each shape with three seeds
// of the random baseline, then, round by round, every allowed pair alone
// (all other pairs excluded), so that every pair is shown at least once.
func attackPlan(in Input) []probe {
	var out []probe
	for _, shape := range []string{survey.ShapeOneToOne, survey.ShapeTwoToOne} {
		for seed := int64(1); seed <= 3; seed++ {
			out = append(out, probe{shape: shape, seed: seed})
		}
	}
	rounds := max(len(in.Mentors), len(in.Mentees))
	for r := range rounds {
		var ex [][2]string
		for i, m := range in.Mentors {
			for j, e := range in.Mentees {
				if (i+r)%rounds != j {
					ex = append(ex, [2]string{m.ID, e.ID})
				}
			}
		}
		out = append(out, probe{shape: survey.ShapeOneToOne, seed: 1, excluded: ex})
	}
	return out
}

// attackMode is the protection as it is, or switched off in part or whole.
type attackMode struct {
	name   string
	expose exposure
}

// The modes of the attack, by index in attackModes.
const (
	modeProtected = iota // as the API serves proposals
	modeExact            // exact ratings, but no numbers shown
	modeBefore           // as proposals were: exact ratings and numbers
)

var attackModes = []attackMode{
	modeProtected: {"protected", exposure{}},
	modeExact:     {"exact ratings, no numbers", exposure{exactRatings: true}},
	modeBefore:    {"as before: exact ratings and numbers", exposure{exactRatings: true, numbers: true}},
}

// sighting is one proposal of the attack: what was asked, the input
// Suggest read for it and the JSON it answered.
type sighting struct {
	req  Request
	in   Input
	json string
}

// attackRun is one mode's attack on one cohort.
type attackRun struct {
	attacker  *attacker
	sightings []sighting
}

// runAttack asks for every proposal of the plan through Suggest, the
// function the API calls, as it is and with the protection switched off,
// and lets each mode's attacker read them. Suggest with exact ratings
// alone answers what it answers with exact ratings and numbers, less the
// numbers (checked on the first proposal), so that mode reads the latter
// without them.
func runAttack(t *testing.T, f *cohortFixture) []attackRun {
	t.Helper()
	ctx := context.Background()
	runs := make([]attackRun, len(attackModes))
	for i, m := range attackModes {
		runs[i].attacker = newAttacker(scorer{exact: m.expose.exactRatings}, f.truth.Topics, f.truth)
	}
	read := f.read(t)
	for n, pb := range attackPlan(f.truth) {
		f.setExcluded(t, pb.excluded)
		in := read
		in.Exclusions = Exclusions{}
		for _, x := range pb.excluded {
			in.Exclusions.Add(x[0], x[1])
		}
		suggest := func(x exposure) (Request, ProposalJSON) {
			req := Request{Shape: pb.shape, Seed: &pb.seed, expose: x}
			p, err := Suggest(ctx, f.st.DB(), f.st, f.cat, f.cohortID, req)
			if err != nil {
				t.Fatal(err)
			}
			return req, p
		}
		seen := make([]ProposalJSON, len(attackModes))
		reqs := make([]Request, len(attackModes))
		reqs[modeProtected], seen[modeProtected] = suggest(attackModes[modeProtected].expose)
		reqs[modeBefore], seen[modeBefore] = suggest(attackModes[modeBefore].expose)
		reqs[modeExact], seen[modeExact] = reqs[modeBefore], seen[modeBefore]
		reqs[modeExact].expose, seen[modeExact].exposed = attackModes[modeExact].expose, nil
		if n == 0 {
			if _, p := suggest(attackModes[modeExact].expose); mustMarshal(t, p) != mustMarshal(t, seen[modeExact]) {
				t.Fatalf("exact ratings with and without numbers: two proposals")
			}
		}
		for i := range attackModes {
			runs[i].attacker.observe(t, seen[i])
			runs[i].sightings = append(runs[i].sightings, sighting{req: reqs[i], in: in, json: mustMarshal(t, seen[i])})
		}
	}
	return runs
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tally counts what an attacker recovered: answered ratings whose set
// holds one value, picks (topic by topic) whose set holds one value, and
// mentees whose whole set of picked topics is pinned down.
type tally struct {
	ratings, ratingsRecovered int
	picks, picksRecovered     int
	pickSets, setsRecovered   int
}

func (x tally) any() bool { return x.ratingsRecovered+x.picksRecovered > 0 }

// count checks the attacker's sets against the truth: the true answer
// must be in every set (else the attacker is wrong, and the test with
// it), and a set of one is an answer recovered. A skipped rating is not a
// rating; a rating of 3 scores as a skipped one, so its set always holds
// both.
func (a *attacker) count(t *testing.T, truth Input) tally {
	t.Helper()
	var x tally
	for _, m := range truth.Mentors {
		for i, topic := range a.topics {
			s := m.Skill[topic]
			if a.skill[m.ID][i]&(1<<s) == 0 {
				t.Fatalf("%s, %s: the attacker ruled out the true teach rating %d", m.Name, topic, s)
			}
			if s > 0 {
				x.ratings++
				if bits.OnesCount8(a.skill[m.ID][i]) == 1 {
					x.ratingsRecovered++
				}
			}
		}
	}
	for _, e := range truth.Mentees {
		if !e.Answered {
			continue
		}
		x.pickSets++
		pinned := 0
		for i, topic := range a.topics {
			k, p := e.Knowledge[topic], 0
			if e.Wish[topic] {
				p = 1
			}
			set := a.need[e.ID][i]
			if set&(1<<(2*k+p)) == 0 {
				t.Fatalf("%s, %s: the attacker ruled out the true answer (knowledge %d, picked %v)", e.Name, topic, k, p == 1)
			}
			var ks, ps uint16
			for y := range 12 {
				if set&(1<<y) != 0 {
					ks |= 1 << (y / 2)
					ps |= 1 << (y % 2)
				}
			}
			if k > 0 {
				x.ratings++
				if bits.OnesCount16(ks) == 1 {
					x.ratingsRecovered++
				}
			}
			x.picks++
			if bits.OnesCount16(ps) == 1 {
				x.picksRecovered++
				pinned++
			}
		}
		if pinned == len(a.topics) {
			x.setsRecovered++
		}
	}
	return x
}

// TestAttackOnRatings is the attack on the intake answers behind
// proposals, over many cohorts of drawn answers in a real DuckDB: the
// attacker asks Suggest for proposals of both shapes with several seeds
// and every pair alone, reads what they show and narrows every answer
// down (see attacker). A rating or pick counts as recovered when it is
// pinned down to one value, checked against the truth.
//
// Protected, as the API serves them, no rating and no pick is ever
// recovered, and more than that: every answer could have been another
// without changing a single byte of any proposal (siblings). Switched off
// (exact ratings and the numbers proposals used to show), the same attack
// recovers ratings in almost every cohort.
func TestAttackOnRatings(t *testing.T) {
	cohorts := 12
	if testing.Short() {
		cohorts = 3
	}
	won := make([]int, len(attackModes))
	totals := make([]tally, len(attackModes))
	distinguished := 0
	st, cat := mustOpenFixtureStore(t)
	for c := range cohorts {
		rng := rand.New(rand.NewPCG(uint64(c), 0xa77ac4))
		f := newCohortFixture(t, st, cat, rng, 5+rng.IntN(8), 4+rng.IntN(5))
		runs := runAttack(t, &f)
		for i, run := range runs {
			if !run.attacker.solve() {
				t.Fatalf("cohort %d, %s: what the attacker saw contradicts itself", c, attackModes[i].name)
			}
			x := run.attacker.count(t, f.truth)
			totals[i].add(x)
			if x.any() {
				won[i]++
			}
		}
		for _, s := range runs[modeProtected].sightings {
			checkNoRatingNumbers(t, s.json)
		}
		if n := siblingsTold(t, runs[modeProtected].sightings, f.truth, f.cohortID); n != 0 {
			t.Errorf("cohort %d, protected: %d answers changed a proposal when swapped for another of their band, want none", c, n)
		}
		if siblingsTold(t, runs[modeExact].sightings, f.truth, f.cohortID) > 0 {
			distinguished++
		}
	}
	for i, m := range attackModes {
		x := totals[i]
		t.Logf("%s: answers recovered in %d of %d cohorts: %d of %d ratings, %d of %d picks, %d of %d whole sets of picks",
			m.name, won[i], cohorts, x.ratingsRecovered, x.ratings, x.picksRecovered, x.picks, x.setsRecovered, x.pickSets)
	}
	t.Logf("exact ratings: swapping an answer for another of its band changed a proposal in %d of %d cohorts", distinguished, cohorts)
	if cohorts == 12 { // the README's figures are of the full run
		e, b := totals[modeExact], totals[modeBefore]
		readmeQuotes(t, fmt.Sprintf("over %d cohorts of drawn answers", cohorts),
			fmt.Sprintf("recovers %d of %d ratings (%d of %d cohorts)", e.ratingsRecovered, e.ratings, won[modeExact], cohorts),
			fmt.Sprintf("%d of %d ratings and %d of %d picks (%d of %d)", b.ratingsRecovered, b.ratings, b.picksRecovered, b.picks,
				won[modeBefore], cohorts))
	}
	if won[modeProtected] != 0 {
		t.Errorf("protected: the attack recovered answers in %d of %d cohorts, want none", won[modeProtected], cohorts)
	}
	if won[modeBefore] < cohorts*3/4 {
		t.Errorf("%s: the attack recovered answers in %d of %d cohorts, want at least three quarters (else it proves nothing)",
			attackModes[modeBefore].name, won[modeBefore], cohorts)
	}
	// Hiding the numbers alone is not enough: which topics a pair is
	// matched on, in which order, still give ratings away.
	if won[modeExact] == 0 || distinguished < cohorts*3/4 {
		t.Errorf("exact ratings without numbers: recovered in %d cohorts, siblings told apart in %d of %d; want some and most",
			won[modeExact], distinguished, cohorts)
	}
}

func (x *tally) add(y tally) {
	x.ratings += y.ratings
	x.ratingsRecovered += y.ratingsRecovered
	x.picks += y.picks
	x.picksRecovered += y.picksRecovered
	x.pickSets += y.pickSets
	x.setsRecovered += y.setsRecovered
}

// checkNoRatingNumbers fails unless every number in the proposal's JSON is
// a count, the seed or a baseline's percentage.
func checkNoRatingNumbers(t *testing.T, js string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"seed": true, "percent": true, "tandems": true, "pairs": true, "already_in_tandem": true}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case float64:
			if !allowed[key] {
				t.Fatalf("the proposal shows the number %s: %v", key, x)
			}
		case map[string]any:
			for k, y := range x {
				walk(k, y)
			}
		case []any:
			for _, y := range x {
				walk(key, y)
			}
		}
	}
	walk("", v)
}
