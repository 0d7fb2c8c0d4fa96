package survey

import (
	"strconv"
	"strings"
)

// AcceptLanguage picks the language of Languages() that an Accept-Language
// header value prefers (RFC 9110): the highest q-value wins, the earlier of
// equals; a range matches a language and its regional forms ("de" and
// "de-AT" both ask for German); q=0 refuses; "*" names nothing in
// particular. It returns "" when the header names none of them, so
// that each page falls back to its own default.
func AcceptLanguage(header string) string {
	best, bestQ := "", 0.0
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q, ok := quality(params)
		if !ok || q <= 0 {
			continue
		}
		q -= float64(i) * 1e-6 // the earlier wins among equals
		tag = strings.ToLower(strings.TrimSpace(tag))
		for _, l := range languages {
			if (tag == l || strings.HasPrefix(tag, l+"-")) && q > bestQ {
				best, bestQ = l, q
			}
		}
	}
	return best
}

// quality reads the q parameter of a language range: 1 without one, false
// when it is not a number from 0 to 1.
func quality(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		name, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0, false
		}
		return q, true
	}
	return 1, true
}
