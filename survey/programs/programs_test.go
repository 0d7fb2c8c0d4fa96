package programs_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/programs"
	"tandem/survey/store/storetest"
)

// TestSettings reads the program of a cohort, a survey and a participant
// through the one query, and finds what the store stored; unknown ids are
// not found, and nothing else answers for them.
func TestSettings(t *testing.T) {
	ctx := context.Background()
	st := storetest.MustOpen(t)
	// Another program first, so that a query that found any program would
	// be seen.
	if _, err := st.CreateProgram(ctx, survey.Program{Name: "Other", Language: "en", Threshold: 3, Mode: survey.ModeConfidential}); err != nil {
		t.Fatal(err)
	}
	prog, err := st.CreateProgram(ctx, survey.Program{Name: "Reverse Mentoring", Language: "de", Threshold: 7,
		Mode: survey.ModeAnonymous, Erasure: survey.ErasureDelete, Breakdowns: []string{}, RawRows: true})
	if err != nil {
		t.Fatal(err)
	}
	co, err := st.CreateCohort(ctx, prog.ID, survey.Cohort{Name: "Erste Runde", StartsOn: "2026-02-01", EndsOn: "2026-06-30"})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.AddParticipants(ctx, co.ID, []survey.ParticipantInput{{Name: "A", Email: "a@example.com", Role: "mentor"}})
	if err != nil {
		t.Fatal(err)
	}
	opens := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	sv, err := st.CreateSurvey(ctx, co.ID, survey.Survey{Phase: survey.PhaseKickoff, OpensAt: opens, ClosesAt: opens.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.Program(ctx, prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := programs.Settings{Cohort: co, Program: stored}

	tests := []struct {
		name, id string
		load     func(context.Context, programs.Querier, string) (programs.Settings, error)
		code     string
	}{
		{"cohort", co.ID, programs.ForCohort, ""},
		{"survey", sv.ID, programs.ForSurvey, ""},
		{"participant", ids[0], programs.ForParticipant, ""},
		{"unknown cohort", sv.ID, programs.ForCohort, survey.ENotFound},
		{"unknown survey", co.ID, programs.ForSurvey, survey.ENotFound},
		{"unknown participant", "nope", programs.ForParticipant, survey.ENotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.load(ctx, st.DB(), tc.id)
			if code := survey.ErrorCode(err); code != tc.code {
				t.Fatalf("got error %v, want code %q", err, tc.code)
			}
			if tc.code != "" {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if got.Program.Breakdowns == nil || got.Program.Erasure != survey.ErasureDelete || !got.Program.RawRows {
				t.Errorf("got program %+v, want no breakdowns as [], erasure delete, rows released", got.Program)
			}
		})
	}
}
