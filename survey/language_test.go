package survey

import "testing"

func TestAcceptLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", ""},
		{"de", "de"},
		{"de-AT,de;q=0.9,en;q=0.8", "de"},
		{"en-GB,en;q=0.9,de;q=0.8", "en"},
		// q-values decide, not the order (the participant pages read only
		// the first language before).
		{"en;q=0.1, de", "de"},
		{"fr, en;q=0.5, de;q=0.7", "de"},
		{"fr-CH, fr;q=0.9, *;q=0.5", ""},
		// The earlier of equals wins.
		{"en, de", "en"},
		{"de;q=0.8, en;q=0.8", "de"},
		// q=0 refuses; a malformed q counts as nothing.
		{"de;q=0, en;q=0.1", "en"},
		{"de;q=abc, en;q=0.2", "en"},
		{"de;q=2", ""},
		// A range is a language or its regional form, not a prefix.
		{"dex, ens", ""},
		{"DE-de", "de"},
		{" en ; q = 0.4 , de ; q=0.3", "en"},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			if got := AcceptLanguage(tc.header); got != tc.want {
				t.Errorf("AcceptLanguage(%q): got %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}
