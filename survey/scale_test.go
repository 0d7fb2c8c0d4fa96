package survey

import "testing"

func TestItemTypeBounds(t *testing.T) {
	tests := []struct {
		typ    ItemType
		lo, hi int
		scale  bool
	}{
		{Likert5, 1, 5, true},
		{Scale10, 0, 10, true},
		{Single, 0, 0, false},
		{Multi, 0, 0, false},
		{Text, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.typ), func(t *testing.T) {
			lo, hi, ok := tc.typ.Bounds()
			if lo != tc.lo || hi != tc.hi || ok != tc.scale || tc.typ.Scale() != tc.scale {
				t.Errorf("got %d–%d %v (Scale %v), want %d–%d %v", lo, hi, ok, tc.typ.Scale(), tc.lo, tc.hi, tc.scale)
			}
		})
	}
}
