package analytics

import "fmt"

// Why a group or a figure is withheld. The reason travels with the withheld
// object in the JSON, so that a reader knows nothing is missing by accident.
const (
	// ReasonComplement marks a group or figure withheld although it is large
	// enough itself: published next to the total, it would let a small one
	// be worked out by subtraction.
	ReasonComplement = "suppressed so that another small group cannot be worked out"
)

// reasonFewResponses is why a group below the threshold is withheld.
func reasonFewResponses(threshold int) string {
	return fmt.Sprintf("fewer than %d responses", threshold)
}

// reasonFewAnswers is why a figure of a published group is withheld: it
// rests on fewer answers than the threshold (an optional item, or an item
// asked only of a small part of the group).
func reasonFewAnswers(threshold int) string {
	return fmt.Sprintf("fewer than %d answers", threshold)
}

// Suppress decides which cells of one breakdown are withheld. ns[i] is how
// many responses (or answers) cell i rests on; the cells partition a total
// that is published on its own (the report without breakdown), so whatever
// is withheld can be recovered, as a whole, by subtracting the published
// cells from it. withheld[i] marks cells already withheld for another
// reason (a figure of a suppressed group); it may be nil. Their n counts
// towards what is withheld; the reason returned for them is
// ReasonComplement, and the caller keeps its own.
//
// It returns one reason per cell, "" for a cell that may be shown:
//   - a cell with 0 < n < threshold is withheld (small);
//   - then, while the withheld cells together hold more than 0 and fewer
//     than threshold responses, the smallest shown cell with n > 0 is
//     withheld too (complement; ties go to the earlier cell). Where exactly
//     one cell is small, this withholds the next smallest, so that the
//     total cannot reveal the small one; where several small cells together
//     stay below the threshold, it withholds more, so that their union
//     cannot be worked out either.
//
// Cells with n = 0 are never withheld as small: nothing can be learnt
// about nobody. The caller words the small reason (responses or answers).
func Suppress(ns []int, withheld []bool, threshold int, small string) []string {
	out := make([]string, len(ns))
	hidden := 0
	for i, n := range ns {
		switch {
		case withheld != nil && withheld[i]:
			out[i] = ReasonComplement
			hidden += n
		case n > 0 && n < threshold:
			out[i] = small
			hidden += n
		}
	}
	for hidden > 0 && hidden < threshold {
		next := -1
		for i, n := range ns {
			if out[i] == "" && n > 0 && (next < 0 || n < ns[next]) {
				next = i
			}
		}
		if next < 0 {
			break // everything is withheld; the total alone reveals no part
		}
		out[next] = ReasonComplement
		hidden += ns[next]
	}
	return out
}
