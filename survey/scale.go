package survey

// Bounds returns the lowest and the highest answer of a scale item type
// (Likert5: 1–5, Scale10: 0–10), and false for types that are not scales.
// Validation, figures, workbooks and charts all ask here.
func (t ItemType) Bounds() (lo, hi int, ok bool) {
	switch t {
	case Likert5:
		return 1, 5, true
	case Scale10:
		return 0, 10, true
	}
	return 0, 0, false
}

// Scale reports whether items of type t are answered on a numeric scale.
func (t ItemType) Scale() bool {
	_, _, ok := t.Bounds()
	return ok
}
