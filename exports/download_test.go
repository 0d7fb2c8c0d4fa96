package exports

import (
	"testing"
	"time"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Erste Runde":           "erste-runde",
		"Größe & Übermut 2026!": "groesse-uebermut-2026",
		"---":                   "",
		"Zoë 👋":                 "zo",
		"  Runde  2 ":           "runde-2",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFileName: the name of every download of a cohort, from the API and
// from the HR pages alike.
func TestFileName(t *testing.T) {
	day := time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC)
	tests := []struct{ name, id, ext, want string }{
		{"Erste Runde", "k3q7m2x9a4b6c8d2", "xlsx", "tandem-erste-runde-2026-07-01.xlsx"},
		{"Äußere Kreise – Köln", "k3q7m2x9a4b6c8d2", "csv", "tandem-aeussere-kreise-koeln-2026-07-01.csv"},
		{"🙂", "k3q7m2x9a4b6c8d2", "parquet", "tandem-k3q7m2x9a4b6c8d2-2026-07-01.parquet"},
		{"\"; evil=1", "id", "csv", "tandem-evil-1-2026-07-01.csv"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := FileName(tc.name, tc.id, day, tc.ext); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
