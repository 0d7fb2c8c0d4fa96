package analytics

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"tandem/survey"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// person is a participant of a test cohort.
type person struct {
	Role                           survey.Role
	Department, Generation, Region string
}

// world is a program with one cohort in a real store on a DuckDB file,
// filled through the store's own methods, as the participant pages would.
type world struct {
	tb      testing.TB
	st      *store.Store
	cat     *survey.Catalog
	program survey.Program
	cohort  survey.Cohort
	ids     []string // participant ids, in the order of the people
	people  []person
	opens   time.Time
}

// mustOpenStore opens a store on a fresh DuckDB file and closes it at the
// end of the test.
func mustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	return storetest.MustOpen(tb)
}

func mustCatalog(tb testing.TB) *survey.Catalog {
	tb.Helper()
	cat, err := survey.LoadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// newWorld makes a program with threshold and mode, and a cohort of
// people; its results are broken down by role only (the default).
func newWorld(tb testing.TB, threshold int, mode survey.Mode, people []person) *world {
	tb.Helper()
	return newWorldPublishing(tb, threshold, mode, people, nil, false)
}

// newWorldPublishing is newWorld with the program's breakdowns (nil: the
// default) and whether it releases rows.
func newWorldPublishing(tb testing.TB, threshold int, mode survey.Mode, people []person, breakdowns []string, rawRows bool) *world {
	tb.Helper()
	ctx := context.Background()
	w := &world{tb: tb, st: mustOpenStore(tb), cat: mustCatalog(tb), people: people,
		opens: time.Now().UTC().Add(-time.Hour)}
	var err error
	w.program, err = w.st.CreateProgram(ctx, survey.Program{Name: "RM", Language: "de", Threshold: threshold, Mode: mode,
		Breakdowns: breakdowns, RawRows: rawRows})
	if err != nil {
		tb.Fatal(err)
	}
	w.cohort, err = w.st.CreateCohort(ctx, w.program.ID, survey.Cohort{Name: "Runde 1", StartsOn: "2026-01-01", EndsOn: "2026-06-30"})
	if err != nil {
		tb.Fatal(err)
	}
	in := make([]survey.ParticipantInput, len(people))
	for i, p := range people {
		in[i] = survey.ParticipantInput{Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("p%d@example.com", i),
			Role: string(p.Role), Department: p.Department, Generation: p.Generation, Region: p.Region}
	}
	if w.ids, err = w.st.AddParticipants(ctx, w.cohort.ID, in); err != nil {
		tb.Fatal(err)
	}
	return w
}

// reader reads the world's results as of a moment after every survey has
// closed, so that they are published.
func (w *world) reader() *Reader {
	after := w.opens.Add(30 * 24 * time.Hour)
	return &Reader{DB: w.st.DB(), Catalog: w.cat, Now: func() time.Time { return after }}
}

// run puts a survey of phase to every participant and submits the forms
// of those in answers (index of the person → form values). Surveys open a
// minute apart in the order they are run.
func (w *world) run(phase survey.Phase, answers map[int]url.Values) string {
	w.tb.Helper()
	return w.runOpened(phase, answers, nil)
}

// runOpened is run where the people in opened open their link and leave
// without submitting.
func (w *world) runOpened(phase survey.Phase, answers map[int]url.Values, opened []int) string {
	w.tb.Helper()
	ctx := context.Background()
	w.opens = w.opens.Add(time.Minute)
	sv, err := w.st.CreateSurvey(ctx, w.cohort.ID, survey.Survey{Phase: phase, OpensAt: w.opens, ClosesAt: w.opens.Add(48 * time.Hour)})
	if err != nil {
		w.tb.Fatal(err)
	}
	invs, err := w.st.InviteAt(ctx, sv.ID, w.opens)
	if err != nil {
		w.tb.Fatal(err)
	}
	token := map[string]string{}
	for _, inv := range invs {
		token[inv.ParticipantID] = inv.Token
	}
	for _, i := range opened {
		f, err := w.st.FormByToken(ctx, token[w.ids[i]])
		if err == nil {
			err = w.st.MarkOpenedAt(ctx, f.Invitation.ID, w.opens.Add(time.Minute))
		}
		if err != nil {
			w.tb.Fatal(err)
		}
	}
	q := w.cat.Phase(phase)
	for i, values := range answers {
		f, err := w.st.FormByToken(ctx, token[w.ids[i]])
		if err != nil {
			w.tb.Fatal(err)
		}
		as, err := survey.DecodeForm(q, w.people[i].Role, values)
		if err != nil {
			w.tb.Fatalf("answers of person %d: %v", i, err)
		}
		if err := w.st.SubmitAt(ctx, f, "de", as, w.opens.Add(time.Minute)); err != nil {
			w.tb.Fatal(err)
		}
	}
	// Closing releases anonymous responses still waiting, so that the
	// results are whole.
	if _, err := w.st.CloseSurvey(ctx, sv.ID); err != nil {
		w.tb.Fatal(err)
	}
	return sv.ID
}

// form builds form values from pairs of key and value; a key may repeat
// (multi-choice).
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}
