package exports

import "tandem/analytics"

// RoleOther is the role label under which the small roles of a survey are
// shown together (see FoldRoles).
const RoleOther = "other"

// RoleCount is the participation of one role in one survey: invitations
// sent, links opened and invitations answered.
type RoleCount struct {
	Role                       string
	Invited, Opened, Submitted int
}

// FoldRoles applies the anonymity threshold to the participation of one
// survey by role, so that no group of fewer than threshold people is shown
// on its own. A role with fewer invitations than the threshold goes into
// RoleOther; then, while RoleOther holds more than 0 and fewer than
// threshold invitations, the smallest remaining role joins it (the
// complement rule of analytics.Suppress), so that it cannot be worked out
// either by subtracting the shown roles from the survey's total. Roles keep
// their order; RoleOther, if any, comes last.
//
// The rule counts invitations, not answers: a role does not move into
// RoleOther and back as answers come in, so the series of a running survey
// stay the same, and "2 of 2 peers answered" is not shown because 2 peers
// were invited.
func FoldRoles(roles []RoleCount, threshold int) []RoleCount {
	ns := make([]int, len(roles))
	for i, r := range roles {
		ns[i] = r.Invited
	}
	folded := analytics.Suppress(ns, nil, threshold, "fewer invitations than the threshold")
	out := make([]RoleCount, 0, len(roles)+1)
	other := RoleCount{Role: RoleOther}
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
