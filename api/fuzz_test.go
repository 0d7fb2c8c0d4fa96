package api

import (
	"errors"
	"testing"

	"tandem/survey"
)

// checkInputErr fails unless err is nil or a typed error with a status the
// API maps: a decoder must never panic nor fail with a 500.
func checkInputErr(t *testing.T, err error) {
	t.Helper()
	var e *survey.Error
	if err != nil && (!errors.As(err, &e) || StatusOf(err) >= 500) {
		t.Fatalf("untyped or internal error %T: %v", err, err)
	}
}

// FuzzAPIInputs feeds arbitrary bodies to the JSON decoding and validation
// of every setup request.
func FuzzAPIInputs(f *testing.F) {
	f.Add([]byte(`{"name":"RM","language":"de","anonymity_threshold":5,"mode":"confidential"}`), uint8(0))
	f.Add([]byte(`{"name":"R1","starts_on":"2026-01-01","ends_on":"2026-06-30"}`), uint8(1))
	f.Add([]byte(`{"phase":"final","opens_at":"2026-06-01T08:00:00Z","closes_at":"2026-06-15T18:00:00+02:00"}`), uint8(2))
	f.Add([]byte(`[{"name":"Zoë","email":"z@example.com","role":"mentor","generation":"gen z"}]`), uint8(3))
	f.Add([]byte(`{"members":["a","b","c"]}`), uint8(4))
	f.Add([]byte(`{"name":5}{}`), uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, kind uint8) {
		switch kind % 5 {
		case 0:
			var in survey.ProgramInput
			if err := DecodeJSON(body, &in); err != nil {
				checkInputErr(t, err)
				return
			}
			p, err := in.Program()
			checkInputErr(t, err)
			if err == nil && (p.Threshold < 1 || p.Name == "" || (p.Language != "de" && p.Language != "en")) {
				t.Fatalf("accepted an invalid program %+v", p)
			}
		case 1:
			var in survey.CohortInput
			if err := DecodeJSON(body, &in); err == nil {
				_, err = in.Cohort()
				checkInputErr(t, err)
			} else {
				checkInputErr(t, err)
			}
		case 2:
			var in survey.SurveyInput
			if err := DecodeJSON(body, &in); err == nil {
				sv, err := in.Survey()
				checkInputErr(t, err)
				if err == nil && !sv.ClosesAt.After(sv.OpensAt) {
					t.Fatalf("accepted a survey that closes before it opens")
				}
			} else {
				checkInputErr(t, err)
			}
		case 3:
			var rows []survey.ParticipantInput
			if err := DecodeJSON(body, &rows); err == nil {
				ps, err := survey.Participants(rows, nil)
				checkInputErr(t, err)
				for _, p := range ps {
					if !p.Role.Valid() || p.Email == "" {
						t.Fatalf("accepted an invalid participant %+v", p)
					}
				}
			} else {
				checkInputErr(t, err)
			}
		default:
			var in struct {
				Members []string `json:"members"`
			}
			checkInputErr(t, DecodeJSON(body, &in))
		}
	})
}
