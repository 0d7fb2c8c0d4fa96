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

	"tandem/analytics"
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
// id or key, the survey, its attributes as the publication shows them
// (one per attribute of the source) and the answers.
type responseRow struct {
	No     int
	Survey *sourceSurvey
	Attrs  []string
	Values []answerValue // one per column of the source
}

// sourceSurvey is a survey of the cohort with how its rows are shown.
type sourceSurvey struct {
	surveyInfo
	N   int // stored responses
	pub *analytics.Publication
	// Rows says why the survey's rows are left out; not suppressed where
	// they are shown.
	Rows analytics.Withheld
}

// responseSource reads a cohort's responses page by page in an order that
// says nothing about when each was submitted: by a hash of the response id
// with a salt drawn afresh for every export.
type responseSource struct {
	db      *sql.DB
	cohort  cohortInfo
	surveys []*sourceSurvey
	attrs   []string // the attributes of the rows
	columns []responseColumn
	index   map[string]int // item key → column
	keys    []string       // the item keys of the columns, in order
	salt    string
}

// qResponsePage reads the next page of a survey's responses after the
// last key seen, in the order of the salted hash.
const qResponsePage = `
SELECT id, role, department, generation, region, md5($1 || id) AS k
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

// newResponseSource asks the publication of each survey of cohort c
// whether its rows are shown and how their attributes appear, and decides
// which answer columns the rows have.
func newResponseSource(ctx context.Context, r *analytics.Reader, c cohortInfo) (*responseSource, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("exports: salt: %w", err)
	}
	s := &responseSource{db: r.DB, cohort: c, salt: hex.EncodeToString(salt), index: map[string]int{}}
	for _, sv := range c.Surveys {
		pub, err := r.Publication(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		ss := &sourceSurvey{surveyInfo: sv, N: pub.Respondents(), pub: pub, Rows: pub.Rows()}
		if s.attrs == nil {
			s.attrs = pub.RowAttributes()
		}
		if !ss.Rows.Suppressed {
			s.addColumns(r.Catalog, sv.Phase)
		}
		s.surveys = append(s.surveys, ss)
	}
	return s, nil
}

// released reports whether any survey of the source shows its rows.
func (s *responseSource) released() bool {
	for _, sv := range s.surveys {
		if !sv.Rows.Suppressed {
			return true
		}
	}
	return false
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
		page[i].Attrs = make([]string, len(s.attrs))
	}
	no := 0
	for _, sv := range s.surveys {
		if sv.Rows.Suppressed || sv.N == 0 {
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
		var v [4]string // in the order of survey.Attributes
		if err := rows.Scan(&id, &v[0], &v[1], &v[2], &v[3], &last); err != nil {
			rows.Close()
			return 0, "", err
		}
		r := &page[len(ids)]
		r.Survey = sv
		for j, a := range s.attrs {
			r.Attrs[j] = sv.pub.ShowValue(a, v[slices.Index(survey.Attributes, a)])
		}
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
