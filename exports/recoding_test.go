package exports

import "testing"

// c is a combination of role, department, generation, region, language
// held by n responses.
func c(n int, v ...string) combo {
	var k combo
	copy(k.v[:], v)
	k.n = n
	return k
}

func TestDecideRecoding(t *testing.T) {
	type want struct {
		others [numAttrs]int
		hidden [numAttrs]bool
	}
	for _, tc := range []struct {
		name   string
		combos []combo
		want   want
	}{
		{
			name: "every value and combination large enough",
			combos: []combo{
				c(6, "mentor", "IT", "Gen Z", "DE", "de"),
				c(5, "mentee", "Sales", "Gen X", "DE", "de"),
			},
		},
		{
			name: "a small department and the next smallest join other",
			combos: []combo{
				c(10, "mentor", "IT", "Gen Z", "DE", "de"),
				c(6, "mentor", "HR", "Gen Z", "DE", "de"),
				c(2, "mentor", "Legal", "Gen Z", "DE", "de"),
			},
			// Legal (2) is small; other would hold 2 < 5, so HR (6) joins.
			want: want{others: [numAttrs]int{attrDepartment: 2}},
		},
		{
			name: "small values together large enough stay other alone",
			combos: []combo{
				c(10, "mentor", "IT", "Gen Z", "DE", "de"),
				c(3, "mentor", "HR", "Gen Z", "DE", "de"),
				c(3, "mentor", "Legal", "Gen Z", "DE", "de"),
			},
			want: want{others: [numAttrs]int{attrDepartment: 2}},
		},
		{
			name: "a small combination hides attributes, a shared language stays",
			combos: []combo{
				c(5, "mentor", "IT", "Gen Z", "DE", "de"),
				c(5, "mentor", "Sales", "Gen Y", "DE", "de"),
				c(1, "mentor", "IT", "Gen Y", "DE", "de"),
				c(4, "mentor", "Sales", "Gen Z", "DE", "de"),
			},
			// Each department holds 9 or 6 and each generation 9 or 6, but
			// IT × Gen Y is 1: generation is hidden, then department
			// alone passes; region and language are shown again.
			want: want{hidden: [numAttrs]bool{attrGeneration: true}},
		},
		{
			name: "only the role passes",
			combos: []combo{
				c(3, "mentor", "IT", "Gen Z", "DE", "de"),
				c(3, "mentor", "Sales", "Gen Y", "AT", "en"),
				c(3, "mentee", "IT", "Gen Y", "DE", "de"),
				c(3, "mentee", "Sales", "Gen Z", "AT", "en"),
			},
			want: want{hidden: [numAttrs]bool{attrDepartment: true, attrGeneration: true, attrRegion: true, attrLanguage: true}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := decideRecoding(tc.combos, 5)
			if r.others != tc.want.others || r.hidden != tc.want.hidden {
				t.Errorf("others %v, hidden %v; want %v, %v", r.others, r.hidden, tc.want.others, tc.want.hidden)
			}
			if got := r.smallest(tc.combos); got < 5 {
				t.Errorf("a shown combination holds %d responses, fewer than 5", got)
			}
		})
	}
}

func TestRecodingApply(t *testing.T) {
	r := decideRecoding([]combo{
		c(10, "mentor", "IT", "Gen Z", "DE", "de"),
		c(6, "mentor", "HR", "Gen Z", "DE", "de"),
		c(2, "mentor", "Legal", "Gen Z", "DE", "de"),
	}, 5)
	got := r.apply([numAttrs]string{"mentor", "Legal", "Gen Z", "DE", "de"})
	want := [numAttrs]attrValue{{value: "mentor"}, {kind: attrOther}, {value: "Gen Z"}, {value: "DE"}, {value: "de"}}
	if got != want {
		t.Errorf("apply = %v, want %v", got, want)
	}
}
