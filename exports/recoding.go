package exports

import (
	"maps"
	"slices"

	"tandem/analytics"
)

// The attributes a response carries, in the order of the rows.
const (
	attrRole = iota
	attrDepartment
	attrGeneration
	attrRegion
	attrLanguage
	numAttrs
)

// attrKeys name the attributes, as the raw data's columns do.
var attrKeys = [numAttrs]string{"role", "department", "generation", "region", "language"}

// hideOrder is the order in which whole attributes are hidden when their
// combinations single out small groups: the least useful first. The role
// is never hidden; on its own it always passes (see decideRecoding).
var hideOrder = []int{attrLanguage, attrRegion, attrGeneration, attrDepartment}

// attrKind says how an attribute value is shown.
type attrKind uint8

const (
	attrAsIs   attrKind = iota
	attrOther           // a value held by fewer responses than the threshold
	attrHidden          // the attribute is not shown for this survey
)

// attrValue is one attribute of a row as shown.
type attrValue struct {
	kind  attrKind
	value string // the value when kind is attrAsIs
}

// combo is one combination of attribute values and its responses.
type combo struct {
	v [numAttrs]string
	n int
}

// recoding says how the attributes of one survey's rows are shown.
type recoding struct {
	kept   [numAttrs]map[string]bool // values shown as recorded
	others [numAttrs]int             // values shown as "other"
	hidden [numAttrs]bool            // attributes not shown at all
}

// decideRecoding coarsens the attributes of one survey's responses, whose
// combinations are combos, so that no row stands out in a group smaller
// than threshold:
//
//  1. per attribute, a value held by fewer than threshold responses is
//     shown as "other", and while the values shown as "other" hold fewer
//     than threshold responses together, the next smallest value joins
//     them (analytics.Suppress, the rule of the published figures);
//  2. then, while some combination of the attributes still shown is held
//     by fewer than threshold responses, whole attributes are hidden in
//     hideOrder; and those hidden are shown again, the last hidden first,
//     where the combinations allow it.
//
// With only the role left every group holds at least threshold responses
// (step 1), provided the survey has that many, which the caller ensures.
func decideRecoding(combos []combo, threshold int) recoding {
	var r recoding
	for a := range numAttrs {
		counts := map[string]int{}
		for _, c := range combos {
			counts[c.v[a]] += c.n
		}
		values := slices.Sorted(maps.Keys(counts))
		ns := make([]int, len(values))
		for i, v := range values {
			ns[i] = counts[v]
		}
		r.kept[a] = map[string]bool{}
		for i, reason := range analytics.Suppress(ns, nil, threshold, "small") {
			if reason == "" {
				r.kept[a][values[i]] = true
			} else {
				r.others[a]++
			}
		}
	}
	for _, a := range hideOrder {
		if r.smallest(combos) >= threshold {
			break
		}
		r.hidden[a] = true
	}
	// Show again what can be shown after all: an attribute hidden early
	// (such as a language everyone shares) may not be the one at fault.
	for i := len(hideOrder) - 1; i >= 0; i-- {
		if a := hideOrder[i]; r.hidden[a] {
			r.hidden[a] = false
			if r.smallest(combos) < threshold {
				r.hidden[a] = true
			}
		}
	}
	return r
}

// smallest is the fewest responses any shown combination holds.
func (r *recoding) smallest(combos []combo) int {
	groups := map[[numAttrs]attrValue]int{}
	for _, c := range combos {
		groups[r.apply(c.v)] += c.n
	}
	least := -1
	for _, n := range groups {
		if least < 0 || n < least {
			least = n
		}
	}
	return least
}

// apply shows the attribute values v by r.
func (r *recoding) apply(v [numAttrs]string) [numAttrs]attrValue {
	var out [numAttrs]attrValue
	for a := range numAttrs {
		switch {
		case r.hidden[a]:
			out[a] = attrValue{kind: attrHidden}
		case r.kept[a][v[a]]:
			out[a] = attrValue{value: v[a]}
		default:
			out[a] = attrValue{kind: attrOther}
		}
	}
	return out
}
