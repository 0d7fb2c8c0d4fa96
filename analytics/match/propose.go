package match

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"tandem/survey"
)

// Input is what a proposal is computed from. Mentors and Mentees must be
// in a fixed order (the loader sorts them by name, then id) for the
// result to be deterministic.
type Input struct {
	Shape      string // survey.ShapeOneToOne or survey.ShapeTwoToOne
	Seed       uint64 // of the random baseline
	Topics     []string
	Mentors    []*Person
	Mentees    []*Person
	Peers      []*Person // left out: peer pairs are formed by hand
	Exclusions Exclusions
	// expose undoes the protection; only the attack test sets it.
	expose exposure
}

// Proposal is the suggested set of tandems with the scores that let an
// organiser judge it. It holds no number computed from a rating but the
// baselines' whole percentages, which depend on the ratings only through
// their bands (see Need).
type Proposal struct {
	Tandems   []Tandem    `json:"tandems"`
	Scores    Scores      `json:"scores"`
	Unmatched []Unmatched `json:"unmatched"`
	// exposed is what proposals showed before the protection; nil unless
	// the attack test asked for it.
	exposed *exposed
}

// Tandem is one proposed tandem: its mentors, then its mentee, as
// POST /cohorts/{id}/matching/accept and POST /cohorts/{id}/tandems take
// them.
type Tandem struct {
	Members []string `json:"members"`
	Names   []string `json:"names"`
	Shape   string   `json:"shape"`
	// Strength words the tandem's potential (the sum over its pairs)
	// against the most its pairs could reach.
	Strength string `json:"strength"`
	Pairs    []Pair `json:"pairs"`
}

// Pair is one mentor and the mentee within a tandem, with why they fit.
type Pair struct {
	Mentor string `json:"mentor"`
	Mentee string `json:"mentee"`
	// Topics are the topics the pair is matched on, most first.
	Topics []string `json:"topics"`
	// Strength words the pair's potential: none, fair, good or strong.
	Strength string `json:"strength"`
	// SharedFormat is the meeting format both prefer, if they agree.
	SharedFormat *string `json:"shared_format"`
	// SharedTimes are the availability options both ticked.
	SharedTimes []string `json:"shared_times"`
}

// Scores compare the optimal proposal with two baselines formed under the
// same rules.
type Scores struct {
	Optimal Score `json:"optimal"`
	Random  Score `json:"random"`
	Greedy  Score `json:"greedy"`
}

// Score is a set of tandems: its total learning potential as a whole
// percentage of the optimal proposal's (null when that is 0), and how many
// tandems and mentor–mentee pairs it holds. Totals themselves are never
// shown: an organiser can ask again with one exclusion more or less, and
// the difference of two exact totals is the potential of the pairs that
// changed, from which ratings can be worked out.
type Score struct {
	Percent *int `json:"percent"`
	Tandems int  `json:"tandems"`
	Pairs   int  `json:"pairs"`
	total   int64
}

// Unmatched is a participant the proposal leaves without a tandem.
type Unmatched struct {
	ParticipantID string      `json:"participant_id"`
	Name          string      `json:"name"`
	Role          survey.Role `json:"role"`
	// Reason is "no_partner" (the other side had nobody left),
	// "excluded" (every possible partner is excluded) or "peer" (peer
	// pairs are formed by hand).
	Reason string `json:"reason"`
}

// assignment maps each mentor (by index) to a mentee index, or −1.
type assignment []int

// Propose computes the optimal proposal of in and its baselines.
//
// 1:1 pairs as many mentors with mentees as the exclusions allow and,
// among those pairings, maximises the total potential. 2:1 gives each
// mentee up to two mentors: first as many mentees as possible get one
// mentor, then as many as possible a second, and among those assignments
// the total potential (the sum over each mentor–mentee pair) is greatest.
// Where mentors are short, some mentees keep a 1:1 tandem rather than none.
func Propose(in Input) (Proposal, error) {
	pr := problem{Input: in, sc: scorer{exact: in.expose.exactRatings}}
	pr.pot = pr.pairPotentials()
	var w [][]int64
	switch in.Shape {
	case survey.ShapeOneToOne:
		w = pr.pot
	case survey.ShapeTwoToOne:
		w = twoToOne(pr.pot, len(in.Mentors))
	default:
		return Proposal{}, fmt.Errorf("match: unknown shape %q", in.Shape)
	}
	cols, err := Maximize(w)
	if err != nil {
		return Proposal{}, err
	}
	best := make(assignment, len(cols))
	for i, c := range cols {
		best[i] = c
		if c >= 0 && in.Shape == survey.ShapeTwoToOne {
			best[i] = c / 2 // two slots per mentee
		}
	}
	p := Proposal{Tandems: pr.tandems(best), Unmatched: unmatched(in, best)}
	p.Scores = percents(Scores{
		Optimal: pr.score(best),
		Random:  pr.score(pr.sequential(pr.randomOrder())),
		Greedy:  pr.score(pr.sequential(pr.greedyOrder())),
	})
	if in.expose.numbers {
		p.exposed = pr.expose(p)
	}
	return p, nil
}

// problem is an input with its scorer and the potential of every pair,
// Forbidden where the pair is not allowed.
type problem struct {
	Input
	sc  scorer
	pot [][]int64 // mentors × mentees
}

// pairPotentials is the matrix mentors × mentees of pair potentials.
func (pr problem) pairPotentials() [][]int64 {
	w := make([][]int64, len(pr.Mentors))
	for i, m := range pr.Mentors {
		w[i] = make([]int64, len(pr.Mentees))
		for j, e := range pr.Mentees {
			w[i][j] = Forbidden
			if allowed(m, e, pr.Exclusions) {
				w[i][j] = pr.sc.potential(m, e, pr.Topics)
			}
		}
	}
	return w
}

// twoToOne is the matrix mentors × (two slots per mentee). A mentor in a
// mentee's first slot earns first, in its second slot second, on top of
// the pair's potential. first outweighs every possible sum of second and
// potentials, and second every sum of potentials, so the optimum covers
// as many mentees as possible, then fills as many second slots as
// possible, then maximises the potential. A mentee with one mentor always
// has it in the first slot, because that slot earns more.
func twoToOne(pot [][]int64, mentors int) [][]int64 {
	var top int64
	for _, row := range pot {
		for _, x := range row {
			top = max(top, x)
		}
	}
	n := int64(mentors)
	second := n*top + 1
	first := n*(second+top) + 1
	w := make([][]int64, len(pot))
	for i, row := range pot {
		w[i] = make([]int64, 2*len(row))
		for j, x := range row {
			w[i][2*j], w[i][2*j+1] = Forbidden, Forbidden
			if x != Forbidden {
				w[i][2*j], w[i][2*j+1] = first+x, second+x
			}
		}
	}
	return w
}

// capacity is how many mentors a mentee of the shape takes.
func (in Input) capacity() int {
	if in.Shape == survey.ShapeTwoToOne {
		return 2
	}
	return 1
}

// cell is a possible pair: mentor index, mentee index.
type cell struct{ m, e int }

// cells lists every allowed pair, mentors first, in input order.
func (pr problem) cells() []cell {
	var out []cell
	for i, row := range pr.pot {
		for j, x := range row {
			if x != Forbidden {
				out = append(out, cell{i, j})
			}
		}
	}
	return out
}

// greedyOrder is the allowed pairs by potential, best first.
func (pr problem) greedyOrder() []cell {
	cs := pr.cells()
	slices.SortStableFunc(cs, func(a, b cell) int { return cmp.Compare(pr.pot[b.m][b.e], pr.pot[a.m][a.e]) })
	return cs
}

// randomOrder is the allowed pairs shuffled by the seed.
func (pr problem) randomOrder() []cell {
	cs := pr.cells()
	rng := rand.New(rand.NewPCG(pr.Seed, 0x6d61746368))
	rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	return cs
}

// sequential forms tandems by taking pairs in order under the proposal's
// rules: a first pass gives each mentee at most one mentor, a second (2:1
// only) a second mentor.
func (pr problem) sequential(order []cell) assignment {
	a := make(assignment, len(pr.Mentors))
	for i := range a {
		a[i] = -1
	}
	count := make([]int, len(pr.Mentees))
	for pass := 1; pass <= pr.capacity(); pass++ {
		for _, c := range order {
			if a[c.m] < 0 && count[c.e] == pass-1 {
				a[c.m] = c.e
				count[c.e]++
			}
		}
	}
	return a
}

// score counts the tandems and pairs of an assignment and totals their
// potential.
func (pr problem) score(a assignment) Score {
	var s Score
	covered := map[int]bool{}
	for i, j := range a {
		if j < 0 {
			continue
		}
		s.total += pr.pot[i][j]
		s.Pairs++
		covered[j] = true
	}
	s.Tandems = len(covered)
	return s
}

// percents sets each score's percentage of the optimal total, rounded half
// up; a baseline that forms fewer pairs than the optimum may exceed 100.
// With an optimal total of 0 there is nothing to compare and every
// percentage stays null.
func percents(s Scores) Scores {
	best := s.Optimal.total
	if best <= 0 {
		return s
	}
	for _, sc := range []*Score{&s.Optimal, &s.Random, &s.Greedy} {
		p := int((200*sc.total + best) / (2 * best))
		sc.Percent = &p
	}
	return s
}
