package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"

	"tandem/survey"
)

// counts maps a value (an answer, or a respondent's dimension score) to how
// many times it occurs. Scale answers take few values, so the counts are a
// small and exact summary from which every figure can be derived.
type counts map[float64]int

// total is the number of values counted.
func (c counts) total() int {
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// values lists the counted values one by one, in ascending order, as the
// statistics of stats.go take them.
func (c counts) values() []float64 {
	keys := make([]float64, 0, len(c))
	for v := range c {
		keys = append(keys, v)
	}
	slices.Sort(keys)
	out := make([]float64, 0, c.total())
	for _, v := range keys {
		for range c[v] {
			out = append(out, v)
		}
	}
	return out
}

// choiceTally counts a choice item: respondents who ticked anything, and
// ticks per option.
type choiceTally struct {
	respondents int
	ticks       map[string]int
}

// tally is what SQL counted for one group of one survey: the raw material
// of every figure, before suppression and statistics. Tallies of disjoint
// groups add up (merge).
type tally struct {
	responses                  int               // submitted responses: the group's n
	invited, opened, submitted int               // from the invitations
	byRole                     map[string]int    // responses per role
	values                     map[string]counts // item key → answer → answers
	// patterns counts, per dimension, the respondents who gave each
	// combination of answers to its items: the answer to the item at
	// position pos is digit pos of the pattern in base 6, 0 if skipped.
	patterns map[string]counts
	choices  map[string]*choiceTally
	texts    map[string]map[string]int // item key → comment → times written
	// paired counts, per topic item, the respondents of this tally who are
	// in a kick-off/final pair for the knowledge gain; dpaired, per
	// dimension, those in a midpoint/final pair.
	paired, dpaired map[string]int
}

func newTally() *tally {
	return &tally{values: map[string]counts{}, patterns: map[string]counts{}, byRole: map[string]int{},
		choices: map[string]*choiceTally{}, texts: map[string]map[string]int{}, paired: map[string]int{}, dpaired: map[string]int{}}
}

// merge adds o into t: the tally of the union of two disjoint groups.
func (t *tally) merge(o *tally) {
	t.responses += o.responses
	t.invited += o.invited
	t.opened += o.opened
	t.submitted += o.submitted
	for r, n := range o.byRole {
		t.byRole[r] += n
	}
	for k, n := range o.paired {
		t.paired[k] += n
	}
	for k, n := range o.dpaired {
		t.dpaired[k] += n
	}
	addCounts(t.values, o.values)
	addCounts(t.patterns, o.patterns)
	for k, c := range o.choices {
		mine := t.choice(k)
		mine.respondents += c.respondents
		for opt, n := range c.ticks {
			mine.ticks[opt] += n
		}
	}
	for k, c := range o.texts {
		for text, n := range c {
			addTo(t.texts, k, text, n)
		}
	}
}

func addCounts(dst, src map[string]counts) {
	for k, c := range src {
		for v, n := range c {
			addCount(dst, k, v, n)
		}
	}
}

func addCount(m map[string]counts, key string, v float64, n int) {
	if m[key] == nil {
		m[key] = counts{}
	}
	m[key][v] += n
}

func (t *tally) choice(key string) *choiceTally {
	c := t.choices[key]
	if c == nil {
		c = &choiceTally{ticks: map[string]int{}}
		t.choices[key] = c
	}
	return c
}

func addTo(m map[string]map[string]int, key, sub string, n int) {
	if m[key] == nil {
		m[key] = map[string]int{}
	}
	m[key][sub] += n
}

// patternBase is the base in which a pattern holds a respondent's answers
// to a dimension's items: one digit per item, 1–5, 0 for skipped.
const patternBase = 6

// dimension derives, from the answer patterns of a dimension of k items,
// the respondents' scores (the mean of their answered items) and the rows
// of those who answered all k, for Cronbach's alpha. With k = 0 it gives
// the scores only.
func (t *tally) dimension(d string, k int) (scores counts, complete [][]float64) {
	scores = counts{}
	for p, n := range t.patterns[d] {
		var row []float64
		for code := int(p); code > 0; code /= patternBase {
			if digit := code % patternBase; digit > 0 {
				row = append(row, float64(digit))
			}
		}
		if len(row) == 0 {
			continue // cannot happen: a pattern holds an answer
		}
		var sum float64
		for _, x := range row {
			sum += x
		}
		scores[sum/float64(len(row))] += n
		if k > 0 && len(row) == k {
			for range n {
				complete = append(complete, row)
			}
		}
	}
	return scores, complete
}

// partial counts the respondents of t who answered some but not all of
// the k items of dimension d. Their answers enter the dimension's scores
// unlike the others', so that the scores and the items' figures together
// say something about them as a group.
func (t *tally) partial(d string, k int) int {
	n := 0
	for p, c := range t.patterns[d] {
		answered := 0
		for code := int(p); code > 0; code /= patternBase {
			if code%patternBase > 0 {
				answered++
			}
		}
		if answered > 0 && answered < k {
			n += c
		}
	}
	return n
}

// tallies holds the tallies of a request by survey id, then the raw
// attribute values of the respondents (or invitees) counted.
type tallies map[string]map[tuple]*tally

// get returns the tally of a survey's tuple, creating it empty.
func (ts tallies) get(surveyID string, t tuple) *tally {
	if ts[surveyID] == nil {
		ts[surveyID] = map[tuple]*tally{}
	}
	tl := ts[surveyID][t]
	if tl == nil {
		tl = newTally()
		ts[surveyID][t] = tl
	}
	return tl
}

// asked counts the respondents of t who were shown item it.
func (t *tally) asked(it survey.Item) int {
	n := 0
	for r, k := range t.byRole {
		if it.AskedOf(survey.Role(r)) {
			n += k
		}
	}
	return n
}

// pair is one (before, after) combination of a respondent's ratings.
type pair struct{ before, after float64 }

// pairCounts counts the respondents of each combination, for one item.
type pairCounts map[pair]int

// scope says what load reads: participation and responses of the counted
// surveys, answers of the read ones (a subset), by the respondents'
// attributes; where before and after are set, the pairs of their answers
// to the topic items; and where midpoint and final are set, the pairs of
// their dimension patterns.
type scope struct {
	counted, read   []string
	before, after   string
	topicItems      []string
	midpoint, final string
}

// loaded is what load read besides the tallies: the pairs of topic answers
// (item → counts) and of dimension patterns (dimension → counts, before
// being the midpoint pattern and after the final one).
type loaded struct {
	topics, dimensions map[string]pairCounts
}

// load runs qTallies for sc.
func load(ctx context.Context, tx *sql.Tx, cat *survey.Catalog, sc scope) (tallies, loaded, error) {
	ts, pairs := tallies{}, loaded{topics: map[string]pairCounts{}, dimensions: map[string]pairCounts{}}
	if len(sc.counted) == 0 {
		return ts, pairs, nil
	}
	phases, items, dims, weights := dimensionItems(cat)
	args := []any{phases, items, dims, weights, sc.before, sc.after, append([]string{}, sc.topicItems...), sc.midpoint, sc.final}
	args = append(args, anys(sc.counted)...)
	args = append(args, anys(sc.read)...)
	err := each(ctx, tx, render(qTallies, len(sc.counted), len(sc.read)), args, func(r *sql.Rows) error {
		var kind, id string
		var grp tuple
		var key, label sql.NullString
		var x, y sql.NullFloat64
		var n int
		if err := r.Scan(&kind, &id, &grp[0], &grp[1], &grp[2], &grp[3], &key, &label, &x, &y, &n); err != nil {
			return err
		}
		if kind == "pair" || kind == "dpair" {
			m := pairs.topics
			if kind == "dpair" {
				m = pairs.dimensions
			}
			if m[key.String] == nil {
				m[key.String] = pairCounts{}
			}
			m[key.String][pair{x.Float64, y.Float64}] += n
			return nil
		}
		t := ts.get(id, grp)
		t.add(kind, key.String, label.String, x.Float64, n)
		if kind == "responses" {
			t.byRole[grp[attrRole]] = n
		}
		return nil
	})
	if err != nil {
		return nil, loaded{}, fmt.Errorf("analytics: tallies: %w", err)
	}
	return ts, pairs, nil
}

// add records one row of qTallies.
func (t *tally) add(kind, key, label string, x float64, n int) {
	switch kind {
	case "participation":
		switch key {
		case "invited":
			t.invited = n
		case "opened":
			t.opened = n
		case "submitted":
			t.submitted = n
		}
	case "responses":
		t.responses = n
	case "value":
		addCount(t.values, key, x, n)
	case "pattern":
		addCount(t.patterns, key, x, n)
	case "choice":
		t.choice(key).ticks[label] += n
	case "chooser":
		t.choice(key).respondents = n
	case "text":
		addTo(t.texts, key, label, n)
	case "pair_before", "pair_after":
		t.paired[key] += n
	case "dpair_before", "dpair_after":
		t.dpaired[key] += n
	}
}

// dimensionItems lists every dimension item of the catalog as parallel
// lists: phase, item key, dimension, and the weight patternBase^pos of its
// position pos within the dimension.
func dimensionItems(cat *survey.Catalog) (phases, items, dims []string, weights []float64) {
	for _, p := range survey.Phases {
		seen := map[string]int{}
		for _, it := range questionnaire(cat, p).Items() {
			if it.Dimension != "" {
				phases, items, dims = append(phases, string(p)), append(items, it.Key), append(dims, it.Dimension)
				weights = append(weights, math.Pow(patternBase, float64(seen[it.Dimension])))
				seen[it.Dimension]++
			}
		}
	}
	return phases, items, dims, weights
}

// questionnaire is the catalog's questionnaire of phase p, or an empty one
// for a phase the catalog lacks, whose surveys then show participation
// only.
func questionnaire(cat *survey.Catalog, p survey.Phase) *survey.Questionnaire {
	if q := cat.Phase(p); q != nil {
		return q
	}
	return &survey.Questionnaire{Phase: p}
}

// each runs q and calls scan for every row.
func each(ctx context.Context, tx *sql.Tx, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readTx runs fn in a transaction that is always rolled back, so that all
// reads of a request see one snapshot.
func readTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
