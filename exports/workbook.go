package exports

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of the workbook, made once per file.
type styles struct {
	title, heading, note, header, label, text, wrap int
	indent                                          int
	int, mean, rate, p, g, nps, date, datetime      int
	headline, suppressed, suppressedWrap            int
	dateLeft, datetimeLeft, intLeft                 int
}

func newStyles(f *excelize.File, t tr) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		if st.Alignment == nil { // rows hold wrapped text: align to the top
			st.Alignment = &excelize.Alignment{Vertical: "top"}
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	format := func(code, align string) *excelize.Style {
		return &excelize.Style{CustomNumFmt: &code, Alignment: &excelize.Alignment{Horizontal: align, Vertical: "top"}}
	}
	date, datetime := t.t("format.xlsx.date"), t.t("format.xlsx.datetime")
	grey := &excelize.Font{Italic: true, Color: "7F7F7F"}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}})
	s.heading = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	s.label = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.text = mk(&excelize.Style{})
	s.indent = mk(&excelize.Style{Alignment: &excelize.Alignment{Indent: 1, Vertical: "top"}})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.int = mk(format("0", "right"))
	s.mean = mk(format("0.0", "right"))
	s.rate = mk(format("0%", "right"))
	s.p = mk(format(`[<0.001]"< 0.001";0.000`, "right"))
	s.g = mk(format("0.00", "right"))
	s.nps = mk(format("+0;-0;0", "right"))
	s.date, s.datetime = mk(format(date, "right")), mk(format(datetime, "right"))
	s.intLeft = mk(format("0", "left"))
	s.dateLeft, s.datetimeLeft = mk(format(date, "left")), mk(format(datetime, "left"))
	of5 := t.t("of5")
	s.headline = mk(&excelize.Style{CustomNumFmt: &of5, Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}})
	s.suppressed = mk(&excelize.Style{Font: grey})
	return s, err
}

// cell is a value with its style. A string value is always written as a
// string cell: nothing in this package writes formulas.
type cell struct {
	v     any
	style int
}

// sheet writes the cells of one worksheet that is not streamed.
type sheet struct {
	f    *excelize.File
	name string
	err  error
	// Wrapped text needs rows tall enough, which excelize does not work
	// out: cols holds the widths set, wraps the styles that wrap, and
	// lines the most lines a row's wrapped cells need.
	cols  []float64
	wraps map[int]bool
	lines map[int]int
	// title is the style of sheet titles, whose rows need more height.
	title int
}

// set writes c at column col, row row (both 1-based). A nil value leaves
// the cell empty.
func (s *sheet) set(col, row int, c cell) {
	if s.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err == nil && c.v != nil {
		err = s.f.SetCellValue(s.name, ref, c.v)
	}
	if err == nil && c.style != 0 {
		err = s.f.SetCellStyle(s.name, ref, ref, c.style)
	}
	if text, ok := c.v.(string); ok && s.wraps[c.style] {
		s.lines[row] = max(s.lines[row], wrapLines(text, colWidth(s.cols, col)))
	}
	if c.style == s.title && s.title != 0 {
		s.lines[row] = max(s.lines[row], titleLines)
	}
	s.err = err
}

// row writes cs from column 1 of row.
func (s *sheet) row(row int, cs ...cell) {
	for i, c := range cs {
		s.set(i+1, row, c)
	}
}

// widths sets the widths of the columns from column 1 on; call it before
// writing wrapped text.
func (s *sheet) widths(ws ...float64) {
	s.cols = ws
	for i, w := range ws {
		if s.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		s.err = s.f.SetColWidth(s.name, col, col, w)
	}
}

// finish freezes the rows above firstDataRow (and the first column if
// freezeCol), puts an autofilter on the table from header row to lastRow
// over cols columns, and sets up printing.
func (s *sheet) finish(header, lastRow, cols int, freezeCol bool) {
	for row, n := range s.lines {
		if s.err == nil && n > 1 {
			s.err = s.f.SetRowHeight(s.name, row, lineHeight*float64(n))
		}
	}
	if s.err != nil {
		return
	}
	if header > 0 {
		s.err = s.f.SetPanes(s.name, panes(header, freezeCol))
		if s.err == nil && lastRow >= header {
			s.err = s.f.AutoFilter(s.name, rangeRef(1, header, cols, lastRow), nil)
		}
	}
	if s.err == nil {
		s.err = printSetup(s.f, s.name)
	}
}

// panes freezes the rows down to header, and column A if freezeCol.
func panes(header int, freezeCol bool) *excelize.Panes {
	x := 0
	if freezeCol {
		x = 1
	}
	first, _ := excelize.CoordinatesToCellName(x+1, header+1)
	return &excelize.Panes{Freeze: true, XSplit: x, YSplit: header, TopLeftCell: first, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}
}

// printSetup prints a sheet landscape, as wide as one page. It runs after
// AutoFilter, which replaces the sheet properties.
func printSetup(f *excelize.File, name string) error {
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: new("landscape"),
		FitToWidth: new(1), FitToHeight: new(0), Size: new(9)}); err != nil { // 9: A4
		return err
	}
	return f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: new(true)})
}

// lineHeight is the height of a line of text in points, lineHeightPx in
// pixels (at 96 dpi), as charts are sized.
const (
	lineHeight   = 15
	lineHeightPx = 20
	titleLines   = 2 // a title's row, in lines: room for its larger font
)

// colWidth is the width of column col (1-based) in widths, or Excel's
// default.
func colWidth(widths []float64, col int) float64 {
	if col <= len(widths) {
		return widths[col-1]
	}
	return 9
}

// wrapLines estimates how many lines text needs in a column of width
// (in widths of the digit 0; text runs a little narrower), wrapping at
// spaces as spreadsheets do.
func wrapLines(text string, width float64) int {
	perLine := max(1, int(width*1.1))
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= perLine:
				used += 1 + w
			default:
				n++
				used = w
			}
			for used > perLine { // a word longer than the line breaks
				n++
				used -= perLine
			}
		}
	}
	return n
}

// rangeRef is the reference A1:B2 of a rectangle, absolute for charts.
func rangeRef(col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1)
	b, _ := excelize.CoordinatesToCellName(col2, row2)
	return a + ":" + b
}

// ref is an absolute reference to a range of sheet name, as charts take it.
func ref(name string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	b, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return fmt.Sprintf("'%s'!%s:%s", name, a, b)
}

// axisFont is the font of the charts' axis labels: dark enough to read
// when printed.
var axisFont = excelize.Font{Color: "404040", Size: 9}

// chartTitle is a chart's title text.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text,
		Font: &excelize.Font{Bold: true, Size: 11}}}}
}

// writeWorkbook writes f to w as it zips, instead of building the whole
// file in memory first as excelize's Write does.
func writeWorkbook(f *excelize.File, w io.Writer) error {
	var zw *zip.Writer
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(w)
		return zw
	})
	// Write zips into zw, then copies its own (now empty) buffer to
	// io.Discard.
	if err := f.Write(io.Discard); err != nil {
		return fmt.Errorf("exports: write workbook: %w", err)
	}
	if zw == nil {
		return fmt.Errorf("exports: write workbook: the zip writer was not used")
	}
	return nil
}
