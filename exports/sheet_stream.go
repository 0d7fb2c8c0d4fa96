package exports

import (
	"context"
	"strings"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// The layout of the streamed sheets: a title, a note, then the table.
const streamHeader = 3

// stream writes a sheet row by row through excelize's StreamWriter, so
// that its size does not depend on memory.
type stream struct {
	b    *book
	sw   *excelize.StreamWriter
	name string
	row  int
	cols int
	buf  []any
	// widths and wraps size rows whose wrapped text needs several lines.
	widths []float64
	wraps  map[int]bool
}

// newStream adds the sheet name, set up for printing with widths and the
// header row frozen (and column A if freezeCol).
func (b *book) newStream(name string, widths []float64, freezeCol bool) (*stream, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	// Sheet properties and page setup are written when the stream starts.
	if err := printSetup(b.f, name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(panes(streamHeader, freezeCol)); err != nil {
		return nil, err
	}
	return &stream{b: b, sw: sw, name: name, widths: widths,
		wraps: map[int]bool{b.st.header: true, b.st.wrap: true}}, nil
}

// add writes cs as the next row.
func (s *stream) add(cs ...cell) error {
	s.row++
	s.cols = max(s.cols, len(cs))
	s.buf = s.buf[:0]
	lines := 1
	for i, c := range cs {
		if c.v == nil {
			s.buf = append(s.buf, nil)
			continue
		}
		if text, ok := c.v.(string); ok && s.wraps[c.style] {
			lines = max(lines, wrapLines(text, colWidth(s.widths, i+1)))
		}
		if c.style == s.b.st.title {
			lines = max(lines, titleLines)
		}
		// A string is an inline string cell; Formula stays empty.
		s.buf = append(s.buf, excelize.Cell{StyleID: c.style, Value: c.v})
	}
	if lines > 1 {
		return s.sw.SetRow(cellName(1, s.row), s.buf, excelize.RowOpts{Height: lineHeight * float64(lines)})
	}
	return s.sw.SetRow(cellName(1, s.row), s.buf)
}

// close puts an autofilter on the table and ends the sheet.
func (s *stream) close() error {
	if s.row >= streamHeader {
		if err := s.b.f.AutoFilter(s.name, rangeRef(1, streamHeader, s.cols, s.row), nil); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

// writeComments lists the comments of every survey by question and role.
// A role group below the threshold shows a row saying so instead of its
// comments.
func (b *book) writeComments() error {
	s, err := b.newStream(b.t("sheet.comments"), []float64{14, 44, 14, 90}, false)
	if err != nil {
		return err
	}
	columns := []cell{{b.t("phase"), b.st.header}, {b.t("question"), b.st.header},
		{b.attribute("role"), b.st.header}, {b.t("comment"), b.st.header}}
	head := [][]cell{{{b.t("comments.title"), b.st.title}}, {{b.t("comments.note"), b.st.note}}, columns}
	for _, r := range head {
		if err := s.add(r...); err != nil {
			return err
		}
	}
	var rows [][]cell
	for _, sv := range b.data.cohort.Surveys {
		q := b.cat.Phase(sv.Phase)
		if q == nil {
			continue
		}
		for _, it := range q.Items() {
			if it.Type != survey.Text {
				continue
			}
			// One item's rows at a time: a survey's comments are in memory
			// anyway (analytics counts them), its rows need not be.
			for _, r := range b.commentRows(rows[:0], sv, it) {
				if err := s.add(r...); err != nil {
					return err
				}
			}
		}
	}
	return s.close()
}

// commentRows appends the rows of item it of survey sv to rows: by the
// groups of the survey's first breakdown (the only one comments follow),
// or all respondents where it offers none.
func (b *book) commentRows(rows [][]cell, sv surveyInfo, it survey.Item) [][]cell {
	lead := []cell{{b.phase(sv.Phase), b.st.text}, {it.Text.In(b.lang), b.st.wrap}}
	res, ok := b.data.grouped[sv.ID]
	if !ok {
		res = b.data.overall[sv.ID]
	}
	for _, g := range res.Groups {
		label := b.groupLabel(res.Breakdown, g)
		if label == "" {
			continue // responses of erased participants have no group to show
		}
		r := append(append([]cell{}, lead...), cell{label, b.st.text})
		w := g.Withheld
		var texts []string
		if !g.Suppressed {
			for _, cs := range g.Comments {
				if cs.Key == it.Key {
					w, texts = cs.Withheld, cs.Texts
				}
			}
		}
		if w.Suppressed {
			why := b.reason(w)
			b.note(b.t("sheet.comments")+" · "+b.phase(sv.Phase), it.Key+" · "+label, why)
			rows = append(rows, append(r, b.words(why)))
			continue
		}
		for _, text := range texts {
			// User text: a plain string cell, whatever it begins with.
			rows = append(rows, append(r[:3:3], cell{text, b.st.wrap}))
		}
	}
	return rows
}

// groupLabel names group g of the breakdown by: "all" without one, the
// role's label, "other", or the value as recorded; "" for a group without
// a value.
func (b *book) groupLabel(by string, g analytics.GroupJSON) string {
	v, ok := g.By[by]
	switch {
	case by == "":
		return b.t("all")
	case !ok || v == "":
		return ""
	case v == analytics.Other:
		return b.t("other")
	case by == "role":
		return b.role(v)
	}
	return v
}

// writeResponses streams one row per response with its coarsened
// attributes and its answers; the rows come page by page from DuckDB.
func (b *book) writeResponses(ctx context.Context) error {
	cols := b.src.columns
	widths := []float64{8, 12, 12}
	for range b.src.attrs {
		widths = append(widths, 14)
	}
	for range cols {
		widths = append(widths, 12)
	}
	s, err := b.newStream(b.t("sheet.responses"), widths, true)
	if err != nil {
		return err
	}
	if err := s.add(cell{b.t("responses.title"), b.st.title}); err != nil {
		return err
	}
	if !b.src.released() {
		// No rows: the sheet says why instead of showing an empty table.
		why := b.reason(analytics.Withheld{Code: analytics.CodeRowsOff})
		if b.data.cohort.RawRows {
			why = b.t("responses.none")
		}
		if err := s.add(cell{why, b.st.note}); err != nil {
			return err
		}
		return s.close()
	}
	if err := s.add(cell{b.t("responses.note"), b.st.note}); err != nil {
		return err
	}
	head := b.headers("no", "phase", "opened_on")
	for _, a := range b.src.attrs {
		head = append(head, cell{b.attribute(a), b.st.header})
	}
	for _, c := range cols {
		head = append(head, cell{c.Key, b.st.header})
	}
	if err := s.add(head...); err != nil {
		return err
	}
	out := make([]cell, 0, len(head))
	for r, err := range b.src.Rows(ctx) {
		if err != nil {
			return err
		}
		out = append(out[:0], cell{r.No, b.st.int}, cell{b.phase(r.Survey.Phase), b.st.text},
			cell{r.Survey.OpensAt, b.st.date})
		for j, v := range r.Attrs {
			out = append(out, b.attrCell(b.src.attrs[j], v))
		}
		for j, c := range cols {
			out = append(out, b.answerCell(c, r.Values[j], r.Survey.Phase))
		}
		if err := s.add(out...); err != nil {
			return err
		}
	}
	return s.close()
}

// attrCell shows attribute attr of a row; the values are the
// participants' as imported, written as string cells.
func (b *book) attrCell(attr, v string) cell {
	switch {
	case v == analytics.Other:
		return cell{b.t("other"), b.st.suppressed}
	case v == "":
		return cell{}
	case attr == "role":
		return cell{b.role(v), b.st.text}
	}
	return cell{v, b.st.text}
}

// answerCell shows an answer to a survey of phase p: a number, or the
// labels of the ticked options.
func (b *book) answerCell(c responseColumn, v answerValue, p survey.Phase) cell {
	switch {
	case !v.has:
		return cell{}
	case c.Type == survey.Single || c.Type == survey.Multi:
		labels := make([]string, 0, len(v.choices))
		for _, o := range c.sortedChoices(v) {
			labels = append(labels, b.option(p, c.Key, o))
		}
		return cell{strings.Join(labels, "; "), b.st.text}
	}
	return cell{v.num, b.st.int}
}
