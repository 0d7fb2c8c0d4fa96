package analytics

import (
	"slices"
	"testing"
)

func TestFoldRoles(t *testing.T) {
	rc := func(role string, invited, opened, submitted int) RoleCount {
		return RoleCount{Role: role, Invited: invited, Opened: opened, Submitted: submitted}
	}
	tests := []struct {
		name      string
		roles     []RoleCount
		threshold int
		want      []RoleCount
	}{
		{"no role small, in reporting order", []RoleCount{rc("mentee", 5, 4, 3), rc("mentor", 6, 6, 6)}, 5,
			[]RoleCount{rc("mentor", 6, 6, 6), rc("mentee", 5, 4, 3)}},
		{"a small role takes the next smallest with it", []RoleCount{rc("mentee", 5, 3, 3), rc("mentor", 6, 6, 4), rc("peer", 2, 2, 2)}, 5,
			[]RoleCount{rc("mentor", 6, 6, 4), rc(Other, 7, 5, 5)}},
		{"two small roles that make the threshold together", []RoleCount{rc("mentee", 3, 1, 0), rc("mentor", 9, 9, 9), rc("peer", 2, 2, 2)}, 5,
			[]RoleCount{rc("mentor", 9, 9, 9), rc(Other, 5, 3, 2)}},
		{"one small role beside one large: both go, other is the total", []RoleCount{rc("mentor", 20, 10, 5), rc("peer", 2, 2, 2)}, 5,
			[]RoleCount{rc(Other, 22, 12, 7)}},
		{"every role small", []RoleCount{rc("mentee", 1, 1, 1), rc("mentor", 3, 2, 1)}, 5,
			[]RoleCount{rc(Other, 4, 3, 2)}},
		{"by invitations, not answers: 2 of 2 answered stays folded at 3 (a tie goes to the role reported first)",
			[]RoleCount{rc("mentee", 3, 0, 0), rc("mentor", 3, 0, 0), rc("peer", 2, 2, 2)}, 3,
			[]RoleCount{rc("mentee", 3, 0, 0), rc(Other, 5, 2, 2)}},
		{"threshold 1 folds nothing", []RoleCount{rc("mentor", 1, 1, 1), rc("peer", 1, 0, 0)}, 1,
			[]RoleCount{rc("mentor", 1, 1, 1), rc("peer", 1, 0, 0)}},
		{"no roles", nil, 5, []RoleCount{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FoldRoles(tt.roles, tt.threshold); !slices.Equal(got, tt.want) {
				t.Errorf("FoldRoles(%v, %d): got %v, want %v", tt.roles, tt.threshold, got, tt.want)
			}
		})
	}
}
