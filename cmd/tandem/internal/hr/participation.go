package hr

import (
	"slices"
	"strings"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/store"
)

// roleBars are a survey's participation bars per role, by the rule the
// metrics follow (analytics.FoldRoles): a role with fewer invitations than
// the program's threshold is shown together with the next smallest, so
// that no small group can be made out, also not by subtracting the shown
// roles from the total. It says whether any role was folded.
func roleBars(lang, surveyID string, rs []store.Recipient, threshold int) ([]barView, bool) {
	var roles []analytics.RoleCount
	for _, r := range rs {
		i := slices.IndexFunc(roles, func(rc analytics.RoleCount) bool { return rc.Role == string(r.Role) })
		if i < 0 {
			roles = append(roles, analytics.RoleCount{Role: string(r.Role)})
			i = len(roles) - 1
		}
		roles[i].Invited++
		if r.OpenedAt != nil {
			roles[i].Opened++
		}
		if r.SubmittedAt != nil {
			roles[i].Submitted++
		}
	}
	slices.SortStableFunc(roles, func(a, b analytics.RoleCount) int { return roleRank(a.Role) - roleRank(b.Role) })
	shown := analytics.FoldRoles(roles, threshold)
	var bars []barView
	for _, rc := range shown {
		label, id := survey.Role(rc.Role).Plural(lang), rc.Role
		if rc.Role == analytics.Other {
			label, id = foldedLabel(lang, roles, shown), "other"
		}
		bars = append(bars, bar(lang, "bar-"+surveyID+"-"+id, label, rc.Submitted, rc.Opened, rc.Invited, ""))
	}
	return bars, len(shown) > 0 && shown[len(shown)-1].Role == analytics.Other
}

// roleRank orders roles as survey.Roles lists them.
func roleRank(role string) int {
	if i := slices.Index(survey.Roles, survey.Role(role)); i >= 0 {
		return i
	}
	return len(survey.Roles)
}

// foldedLabel names the roles shown together: those of all that are not
// shown on their own ("Mentees + Peers").
func foldedLabel(lang string, all, shown []analytics.RoleCount) string {
	var names []string
	for _, rc := range all {
		if !slices.ContainsFunc(shown, func(s analytics.RoleCount) bool { return s.Role == rc.Role }) {
			names = append(names, survey.Role(rc.Role).Plural(lang))
		}
	}
	return strings.Join(names, " + ")
}
