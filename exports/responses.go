package exports

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"

	"tandem/survey"
)

// responsePageSize is how many responses are read, with their answers, at
// a time: memory holds one page, whatever the size of the cohort.
const responsePageSize = 4096

// responseColumn is one answer column of the per-response rows: a scale or
// choice item of a phase the rows cover. Free text is never a column.
type responseColumn struct {
	Key   string
	Type  survey.ItemType
	Phase survey.Phase   // the first phase asking the item, for its labels
	order map[string]int // option value → position, for choice items
}

// answerValue is a response's answer to one column: a number, or the
// ticked options.
type answerValue struct {
	has     bool
	num     float64
	choices []string
}

// responseRow is one response as exported: a sequential number, never an
// id or key, the survey, coarsened attributes and the answers.
type responseRow struct {
	No     int
	Survey *sourceSurvey
	Attrs  [numAttrs]attrValue
	Values []answerValue // one per column of the source
}

// sourceSurvey is a survey of the cohort with how its rows are shown.
type sourceSurvey struct {
	surveyInfo
	N       int  // stored responses
	LeftOut bool // fewer than the threshold: no rows at all
	rec     recoding
}

// responseSource reads a cohort's responses page by page in an order that
// says nothing about when each was submitted: by a hash of the response id
// with a salt drawn afresh for every export.
type responseSource struct {
	db        *sql.DB
	cohort    cohortInfo
	threshold int
	surveys   []*sourceSurvey
	columns   []responseColumn
	index     map[string]int // item key → column
	keys      []string       // the item keys of the columns, in order
	salt      string
}

// qResponseCombos counts a cohort's responses per survey and combination
// of attributes: all that the coarsening needs.
const qResponseCombos = `
SELECT survey_id, role, department, generation, region, language, count(*)
FROM responses WHERE cohort_id = ?
GROUP BY ALL`

// qResponsePage reads the next page of a survey's responses after the
// last key seen, in the order of the salted hash.
const qResponsePage = `
SELECT id, role, department, generation, region, language, md5($1 || id) AS k
FROM responses
WHERE survey_id = $2 AND md5($1 || id) > $3
ORDER BY k
LIMIT $4`

// qPageAnswers reads the scale and choice answers of a page of responses
// ($2, their ids): the position of the response in the page and of the
// item among the columns ($3, their keys), both from 1, so that only
// numbers (and the options ticked) cross into Go.
const qPageAnswers = `
SELECT p.pos, list_position($3::VARCHAR[], a.item_key) AS col, a.num, a.choice
FROM answers a
JOIN (SELECT unnest($2::VARCHAR[]) AS id, generate_subscripts($2::VARCHAR[], 1) AS pos) p ON p.id = a.response_id
WHERE a.survey_id = $1 AND a.text IS NULL`

// newResponseSource decides, for each survey of cohort c, whether its rows
// are shown and how their attributes are coarsened, and which answer
// columns the rows have.
func newResponseSource(ctx context.Context, db *sql.DB, cat *survey.Catalog, c cohortInfo) (*responseSource, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("exports: salt: %w", err)
	}
	s := &responseSource{db: db, cohort: c, threshold: c.Threshold, salt: hex.EncodeToString(salt),
		index: map[string]int{}}
	combos := map[string][]combo{}
	rows, err := db.QueryContext(ctx, qResponseCombos, c.ID)
	if err != nil {
		return nil, fmt.Errorf("exports: responses of cohort %s: %w", c.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var k combo
		if err := rows.Scan(&id, &k.v[attrRole], &k.v[attrDepartment], &k.v[attrGeneration], &k.v[attrRegion],
			&k.v[attrLanguage], &k.n); err != nil {
			return nil, fmt.Errorf("exports: responses of cohort %s: %w", c.ID, err)
		}
		combos[id] = append(combos[id], k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("exports: responses of cohort %s: %w", c.ID, err)
	}
	for _, sv := range c.Surveys {
		ss := &sourceSurvey{surveyInfo: sv}
		for _, k := range combos[sv.ID] {
			ss.N += k.n
		}
		ss.LeftOut = ss.N > 0 && ss.N < s.threshold
		if ss.N >= s.threshold {
			ss.rec = decideRecoding(combos[sv.ID], s.threshold)
			s.addColumns(cat, sv.Phase)
		}
		s.surveys = append(s.surveys, ss)
	}
	return s, nil
}

// addColumns adds the scale and choice items of phase p not yet columns.
func (s *responseSource) addColumns(cat *survey.Catalog, p survey.Phase) {
	q := cat.Phase(p)
	if q == nil {
		return
	}
	for _, it := range q.Items() {
		if _, dup := s.index[it.Key]; dup || it.Type == survey.Text {
			continue
		}
		col := responseColumn{Key: it.Key, Type: it.Type, Phase: p, order: map[string]int{}}
		for i, o := range it.Options {
			col.order[o.Value] = i
		}
		s.index[it.Key] = len(s.columns)
		s.columns = append(s.columns, col)
		s.keys = append(s.keys, it.Key)
	}
}

// errStop ends an iteration early without being an error.
var errStop = errors.New("stop")

// Rows yields the rows of every shown survey, surveys in the order they
// opened. The row passed on is reused for the next one.
func (s *responseSource) Rows(ctx context.Context) iter.Seq2[*responseRow, error] {
	return func(yield func(*responseRow, error) bool) {
		err := s.each(ctx, func(r *responseRow) error {
			if !yield(r, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(nil, err)
		}
	}
}

// each calls fn for every row, reading all pages in one transaction so
// that the rows are one snapshot.
func (s *responseSource) each(ctx context.Context, fn func(*responseRow) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("exports: responses: %w", err)
	}
	defer tx.Rollback()
	page := make([]responseRow, responsePageSize)
	for i := range page {
		page[i].Values = make([]answerValue, len(s.columns))
	}
	no := 0
	for _, sv := range s.surveys {
		if sv.LeftOut || sv.N == 0 {
			continue
		}
		after := ""
		for {
			n, last, err := s.readPage(ctx, tx, sv, after, page)
			if err != nil {
				return fmt.Errorf("exports: responses of survey %s: %w", sv.ID, err)
			}
			for i := range page[:n] {
				no++
				page[i].No = no
				if err := fn(&page[i]); err != nil {
					return err
				}
			}
			if n < len(page) {
				break
			}
			after = last
		}
	}
	return nil
}

// readPage fills page with the responses of sv after the key after, and
// their answers. It returns how many it read and the last key.
func (s *responseSource) readPage(ctx context.Context, tx *sql.Tx, sv *sourceSurvey, after string, page []responseRow) (int, string, error) {
	rows, err := tx.QueryContext(ctx, qResponsePage, s.salt, sv.ID, after, len(page))
	if err != nil {
		return 0, "", err
	}
	ids := make([]string, 0, len(page))
	var last string
	for rows.Next() {
		var id string
		var v [numAttrs]string
		if err := rows.Scan(&id, &v[attrRole], &v[attrDepartment], &v[attrGeneration], &v[attrRegion], &v[attrLanguage], &last); err != nil {
			rows.Close()
			return 0, "", err
		}
		r := &page[len(ids)]
		r.Survey, r.Attrs = sv, sv.rec.apply(v)
		for j := range r.Values {
			r.Values[j] = answerValue{choices: r.Values[j].choices[:0]}
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return 0, "", err
	}
	if len(ids) == 0 {
		return 0, last, nil
	}
	return len(ids), last, s.readAnswers(ctx, tx, sv.ID, ids, page)
}

// readAnswers puts the answers of the responses ids into their rows.
func (s *responseSource) readAnswers(ctx context.Context, tx *sql.Tx, surveyID string, ids []string, page []responseRow) error {
	rows, err := tx.QueryContext(ctx, qPageAnswers, surveyID, ids, s.keys)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pos int
		var col sql.NullInt64
		var n sql.NullFloat64
		var choice sql.NullString
		if err := rows.Scan(&pos, &col, &n, &choice); err != nil {
			return err
		}
		if !col.Valid || col.Int64 < 1 || pos < 1 || pos > len(ids) {
			continue // an item that is no column (free text, or gone from the catalog)
		}
		v := &page[pos-1].Values[col.Int64-1]
		switch {
		case n.Valid:
			v.has, v.num = true, n.Float64
		case choice.Valid:
			v.has, v.choices = true, append(v.choices, choice.String)
		}
	}
	return rows.Err()
}

// sortedChoices orders the ticked options of v as the questionnaire lists
// them.
func (c responseColumn) sortedChoices(v answerValue) []string {
	slices.SortFunc(v.choices, func(a, b string) int { return c.order[a] - c.order[b] })
	return v.choices
}
