package analytics

import (
	"slices"
)

// RoleCount is the participation of one role in one survey: invitations
// sent, links opened and invitations answered.
type RoleCount struct {
	Role                       string
	Invited, Opened, Submitted int
}

// FoldRoles applies the anonymity threshold to the participation of one
// survey by role, wherever per-role participation is shown (the cohort
// summary, the HR pages, the metrics), so that no group of fewer than
// threshold people is shown on its own. A role with fewer invitations than
// the threshold goes into Other; then, while Other holds more than 0 and
// fewer than threshold invitations, the smallest remaining role joins it
// (the complement rule of Suppress), so that it cannot be worked out by
// subtracting the shown roles from the survey's total either. Roles come
// back in reporting order, Other (if any) last.
//
// The rule counts invitations, not answers: a role does not move into
// Other and back as answers come in, so what a running survey shows stays
// the same, and "2 of 2 peers answered" is not shown because 2 peers were
// invited.
func FoldRoles(roles []RoleCount, threshold int) []RoleCount {
	roles = slices.Clone(roles)
	rank := reportOrder(attrRole)
	slices.SortStableFunc(roles, func(a, b RoleCount) int { return rank(a.Role, b.Role) })
	ns := make([]int, len(roles))
	for i, r := range roles {
		ns[i] = r.Invited
	}
	folded := Suppress(ns, nil, threshold, CodeFewResponses)
	out := make([]RoleCount, 0, len(roles)+1)
	other := RoleCount{Role: Other}
	for i, r := range roles {
		if folded[i] == "" {
			out = append(out, r)
			continue
		}
		other.Invited += r.Invited
		other.Opened += r.Opened
		other.Submitted += r.Submitted
	}
	if other.Invited > 0 {
		out = append(out, other)
	}
	return out
}
