package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"tandem/survey"
)

// ReachJSON is what a round brought the organisation beyond what its
// people learnt: the networks its tandems made across departments, regions
// and generations (from the tandems and the participants' attributes,
// which HR set up itself: no answer is needed), and, from the final
// survey's published figures, the mentors willing to stay contact persons
// and the tandems that mean to keep meeting.
type ReachJSON struct {
	Tandems int `json:"tandems"`
	// Departments is the number of departments the tandems bring
	// together; CrossDepartment the tandems whose members come from more
	// than one (those with every member's department recorded count).
	Departments     int `json:"departments"`
	CrossDepartment int `json:"cross_department"`
	Regions         int `json:"regions"`
	CrossRegion     int `json:"cross_region"`
	// CrossGeneration counts the tandems whose members belong to more than
	// one generation; GenerationKnown those where every member's
	// generation is recorded, for the share.
	CrossGeneration int      `json:"cross_generation"`
	GenerationKnown int      `json:"generation_known"`
	CrossShare      *float64 `json:"cross_generation_share"`
	// Matrix counts the tandems connecting each pair of departments: From
	// is the mentors' (in a peer pair, the one listed first), To the
	// mentees'.
	Matrix []DepartmentLink `json:"matrix"`
	// ContactPersons are the mentors who agree (4 or 5) that they are happy
	// to be contact persons for digital topics, of N who answered, in the
	// final survey; Continuing the answers "yes" to whether the tandem
	// keeps meeting. Each is withheld as the final survey's figure is.
	ContactPersons *CountOf `json:"contact_persons"`
	Continuing     *CountOf `json:"continuing"`
}

// DepartmentLink is one cell of the department matrix.
type DepartmentLink struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Tandems int    `json:"tandems"`
}

// CountOf is a count of N, or withheld.
type CountOf struct {
	Withheld
	Count *int `json:"count,omitempty"`
	N     *int `json:"n,omitempty"`
}

// contactItem is the final survey's item on being a contact person.
const contactItem = "mentor_pool_2"

// qReachMembers lists the members of a cohort's tandems with their role
// and attributes, in the order of the tandem.
const qReachMembers = `
SELECT t.id, p.role, p.department, p.generation, p.region
FROM tandems t
JOIN tandem_members m ON m.tandem_id = t.id
JOIN participants p ON p.id = m.participant_id
WHERE t.cohort_id = ?
ORDER BY t.id, m.position`

// reach reads the tandems of cohortID and counts what they connect; final
// is the result of its final survey's whole group (nil without one).
func reach(ctx context.Context, tx *sql.Tx, cohortID string, final *GroupJSON) (ReachJSON, error) {
	type member struct{ role, department, generation, region string }
	tandems := map[string][]member{}
	var order []string
	err := each(ctx, tx, qReachMembers, []any{cohortID}, func(r *sql.Rows) error {
		var id string
		var m member
		if err := r.Scan(&id, &m.role, &m.department, &m.generation, &m.region); err != nil {
			return err
		}
		if tandems[id] == nil {
			order = append(order, id)
		}
		tandems[id] = append(tandems[id], m)
		return nil
	})
	if err != nil {
		return ReachJSON{}, fmt.Errorf("analytics: tandems of cohort %s: %w", cohortID, err)
	}
	out := ReachJSON{Tandems: len(order), Matrix: []DepartmentLink{}}
	departments, regions := map[string]bool{}, map[string]bool{}
	links := map[[2]string]int{}
	for _, id := range order {
		ms := tandems[id]
		attr := func(f func(member) string) (map[string]bool, bool) {
			seen, known := map[string]bool{}, true
			for _, m := range ms {
				v := f(m)
				known = known && v != ""
				if v != "" {
					seen[v] = true
				}
			}
			return seen, known
		}
		ds, dKnown := attr(func(m member) string { return m.department })
		rs, rKnown := attr(func(m member) string { return m.region })
		gs, gKnown := attr(func(m member) string { return m.generation })
		maps.Copy(departments, ds)
		maps.Copy(regions, rs)
		if dKnown && len(ds) > 1 {
			out.CrossDepartment++
		}
		if rKnown && len(rs) > 1 {
			out.CrossRegion++
		}
		if gKnown {
			out.GenerationKnown++
			if len(gs) > 1 {
				out.CrossGeneration++
			}
		}
		for _, l := range departmentLinks(ms, func(m member) (string, string) { return m.role, m.department }) {
			links[l]++
		}
	}
	out.Departments, out.Regions = len(departments), len(regions)
	out.CrossShare = rate(out.CrossGeneration, out.GenerationKnown)
	for _, l := range slices.SortedFunc(maps.Keys(links), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		out.Matrix = append(out.Matrix, DepartmentLink{From: l[0], To: l[1], Tandems: links[l]})
	}
	out.ContactPersons, out.Continuing = contactPersons(final), continuing(final)
	return out, nil
}

// departmentLinks are the (mentor's, mentee's) departments a tandem links,
// once each; a peer pair links its first member's to its second's.
func departmentLinks[M any](ms []M, of func(M) (role, department string)) [][2]string {
	var from, to []string
	for i, m := range ms {
		role, dept := of(m)
		if dept == "" {
			continue
		}
		switch {
		case role == string(survey.RoleMentor), role == string(survey.RolePeer) && i == 0:
			from = append(from, dept)
		default:
			to = append(to, dept)
		}
	}
	var out [][2]string
	for _, f := range from {
		for _, t := range to {
			if l := [2]string{f, t}; !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// contactPersons counts the 4s and 5s of the contact item, as the final
// survey's whole group shows it.
func contactPersons(final *GroupJSON) *CountOf {
	if final == nil {
		return nil
	}
	if final.Suppressed || final.GroupFigures == nil {
		return &CountOf{Withheld: final.Withheld}
	}
	for _, it := range final.Items {
		if it.Key != contactItem {
			continue
		}
		if it.ItemFigures == nil {
			return &CountOf{Withheld: it.Withheld}
		}
		agree := it.Distribution["4"] + it.Distribution["5"]
		return &CountOf{Count: &agree, N: new(it.N)}
	}
	return nil
}

// continuing counts the tandems' "yes" to keeping on meeting.
func continuing(final *GroupJSON) *CountOf {
	if final == nil {
		return nil
	}
	c := continuation(*final)
	switch {
	case c == nil:
		return nil
	case c.ContinuationFigures == nil:
		return &CountOf{Withheld: c.Withheld}
	}
	yes := c.Counts["yes"]
	return &CountOf{Count: &yes, N: new(c.N)}
}
