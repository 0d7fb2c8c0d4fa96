package exports

import (
	"fmt"
	"strings"
)

// methodHeader is the header row of the definitions.
const methodHeader = 4

// writeMethod explains every figure, lists what this workbook suppressed
// and why, and how the Responses sheet coarsened each survey's attributes.
// Every table has two columns: a short one and a wide one.
func (b *book) writeMethod() error {
	s := b.sheet(b.t("sheet.method"))
	s.widths(34, 110)
	s.set(1, 1, cell{b.t("method.title"), b.st.title})
	s.row(2, cell{b.t("threshold"), b.st.label}, cell{b.data.cohort.Threshold, b.st.intLeft})
	s.row(methodHeader, b.headers("term", "definition")...)
	row := methodHeader
	for _, d := range definitions() {
		row++
		s.row(row, cell{b.t(d + ".term"), b.st.label}, cell{definitionText(b.t(d+".text"), b.data.cohort.Threshold), b.st.wrap})
	}
	defsLast := row

	row += 3
	s.set(1, row-1, cell{b.t("suppressed.title"), b.st.heading})
	s.row(row, b.headers("where", "why")...)
	if len(b.withheld) == 0 {
		row++
		s.set(1, row, cell{b.t("nothing_suppressed"), b.st.text})
	}
	for _, n := range b.withheld {
		row++
		s.row(row, cell{n.where + " · " + n.what, b.st.wrap}, cell{n.why, b.st.wrap})
	}

	if b.src == nil { // a workbook without response rows
		s.finish(methodHeader, defsLast, 2, false)
		return s.err
	}
	row += 3
	s.set(1, row-1, cell{b.t("recoding.title"), b.st.heading})
	s.row(row, b.headers("survey", "recoding")...)
	for _, sv := range b.src.surveys {
		if sv.N == 0 {
			continue
		}
		row++
		label := fmt.Sprintf("%s (%s)", b.phase(sv.Phase), sv.OpensAt.Format("2006-01-02"))
		s.row(row, cell{label, b.st.text}, cell{b.recodingText(sv), b.st.wrap})
	}
	s.finish(methodHeader, defsLast, 2, false)
	return s.err
}

// recodingText says whether survey sv's rows are shown, and how their
// attributes are.
func (b *book) recodingText(sv *sourceSurvey) string {
	if sv.Rows.Suppressed {
		return b.t("recoding.left_out") + ": " + b.reason(sv.Rows)
	}
	parts := make([]string, len(b.src.attrs))
	for i, a := range b.src.attrs {
		how := b.t("recoding.kept")
		if n := sv.pub.Folded(a); n > 0 {
			how = b.t("recoding.other", n)
		}
		parts[i] = b.attribute(a) + ": " + how
	}
	return strings.Join(parts, "; ")
}

// definitionText fills the threshold into a definition that names it.
func definitionText(s string, threshold int) string {
	if strings.Contains(s, "%[1]d") {
		return fmt.Sprintf(s, threshold)
	}
	return s
}
