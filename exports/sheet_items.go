package exports

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// The layout of the Items sheet: the distribution of the answers 1–5 is in
// the last five columns.
const (
	itemsHeader    = 4
	itemsFigures   = 5  // column of n: the first figure
	itemsDistFirst = 12 // column of the share of answers 1
	itemsColumns   = 16
	itemsNote      = 17 // why a row's figures are withheld
)

// heatMap shades shares from white (0) to dark blue (the largest share).
var heatMap = []excelize.ConditionalFormatOptions{{Type: "2_color_scale", Criteria: "=",
	MinType: "num", MinValue: "0", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#2F75B5"}}

// scaleRow is a 0–10 item kept for the table below the items.
type scaleRow struct {
	phase survey.Phase
	item  analytics.ItemJSON
	label string
}

// writeItems lists every scale item of every survey of the cohort with
// its figures and distribution, shaded as a heat map.
func (b *book) writeItems() error {
	s := b.sheet(b.t("sheet.items"))
	s.widths(12, 30, 60, 26, 9, 10, 9, 10, 10, 9, 12, 9, 9, 9, 9, 9, 40)
	s.set(1, 1, cell{b.t("items.title"), b.st.title})
	s.set(1, 2, cell{b.t("items.note"), b.st.note})
	head := b.headers("phase", "item", "question", "dimension", "n", "mean", "sd", "ci_lo", "ci_hi", "median", "top2")
	lo, hi, _ := survey.Likert5.Bounds()
	for v := lo; v <= hi; v++ {
		head = append(head, cell{strconv.Itoa(v), b.st.header})
	}
	head = append(head, cell{b.t("note"), b.st.header})
	s.row(itemsHeader, head...)
	row := itemsHeader
	var scale10 []scaleRow
	for _, sv := range b.data.cohort.Surveys {
		r := b.data.overall[sv.ID]
		q := b.cat.Phase(sv.Phase)
		if q == nil || len(r.Groups) == 0 {
			continue
		}
		g := r.Groups[0]
		for _, it := range q.Items() {
			if !it.Type.Scale() {
				continue
			}
			row++
			lead := []cell{{b.phase(sv.Phase), b.st.text}, {it.Key, b.st.text}, {it.Text.In(b.lang), b.st.wrap},
				{dimensionOrEmpty(b.tr, it.Dimension), b.st.text}}
			where := b.t("sheet.items") + " · " + b.phase(sv.Phase)
			if g.Suppressed {
				s.row(row, append(lead, b.suppressedCells(itemsColumns-len(lead))...)...)
				s.set(itemsNote, row, b.words(b.withhold(where, it.Key, groupWithheld(g))))
				continue
			}
			ij := findItem(g.Items, it.Key)
			switch {
			case ij.Suppressed:
				s.row(row, append(lead, b.suppressedCells(itemsColumns-len(lead))...)...)
				s.set(itemsNote, row, b.words(b.withhold(where, it.Key, ij.Withheld)))
			case ij.ItemFigures == nil:
				s.row(row, append(lead, b.words(b.t("no_answers")))...)
			default:
				s.row(row, append(lead, b.itemCells(ij)...)...)
				if it.Type == survey.Scale10 {
					scale10 = append(scale10, scaleRow{sv.Phase, ij, it.Text.In(b.lang)})
				}
			}
		}
	}
	if s.err == nil && row > itemsHeader {
		s.err = b.f.SetConditionalFormat(s.name, rangeRef(itemsDistFirst, itemsHeader+1, itemsColumns, row), heatMap)
	}
	b.writeScale10(s, row+3, scale10)
	s.finish(itemsHeader, row, itemsNote, false)
	return s.err
}

// itemCells are the figures of a shown item from n to the distribution.
func (b *book) itemCells(ij analytics.ItemJSON) []cell {
	f := ij.ItemFigures
	if f == nil {
		return nil
	}
	out := []cell{{f.N, b.st.int}, num(f.Mean, b.st.mean), num(f.SD, b.st.mean), {}, {}, num(f.Median, b.st.mean)}
	if f.CI95 != nil {
		out[3], out[4] = cell{f.CI95[0], b.st.mean}, cell{f.CI95[1], b.st.mean}
	}
	if ij.Type == survey.Scale10 {
		return append(out, b.words(b.t("scale10")))
	}
	out = append(out, num(f.Top2Box, b.st.rate))
	lo, hi, _ := survey.Likert5.Bounds()
	for v := lo; v <= hi; v++ {
		out = append(out, share(f.Distribution[strconv.Itoa(v)], f.N, b.st.rate))
	}
	return out
}

// writeScale10 puts the 0–10 distributions of rows in a table from row top.
func (b *book) writeScale10(s *sheet, top int, rows []scaleRow) {
	if len(rows) == 0 {
		return
	}
	s.set(1, top-1, cell{b.t("recommend.title"), b.st.heading})
	head := b.headers("phase", "item", "question", "n")
	lo, hi, _ := survey.Scale10.Bounds()
	for v := lo; v <= hi; v++ {
		head = append(head, cell{strconv.Itoa(v), b.st.header})
	}
	s.row(top, head...)
	for i, r := range rows {
		f := r.item.ItemFigures
		cs := []cell{{b.phase(r.phase), b.st.text}, {r.item.Key, b.st.text}, {r.label, b.st.text}, {f.N, b.st.int}}
		for v := lo; v <= hi; v++ {
			cs = append(cs, share(f.Distribution[strconv.Itoa(v)], f.N, b.st.rate))
		}
		s.row(top+1+i, cs...)
	}
	if s.err == nil {
		s.err = b.f.SetConditionalFormat(s.name, rangeRef(5, top+1, 15, top+len(rows)), heatMap)
	}
}

// share is count/n as a rate cell; empty when n is 0.
func share(count, n, style int) cell {
	if n == 0 {
		return cell{}
	}
	return cell{float64(count) / float64(n), style}
}

// groupWithheld is the withholding of a whole group.
func groupWithheld(g analytics.GroupJSON) analytics.Withheld {
	return g.Withheld
}

func findItem(items []analytics.ItemJSON, key string) analytics.ItemJSON {
	for _, it := range items {
		if it.Key == key {
			return it
		}
	}
	return analytics.ItemJSON{Key: key}
}

func dimensionOrEmpty(t tr, d string) any {
	if d == "" {
		return nil
	}
	return t.dimension(d)
}
