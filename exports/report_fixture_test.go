package exports

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
	"tandem/survey/demo"
	"tandem/survey/store"
	"tandem/survey/store/storetest"
)

// reportNow is the "data as of" moment of the test workbooks.
var reportNow = time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)

// mustStore opens a store on a fresh DuckDB file, closed at the end.
func mustStore(tb testing.TB) *store.Store {
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

// scenarioFile is testdata/scenario47.json (made by scenario47_make.py).
type scenarioFile struct {
	Program struct {
		Name      string      `json:"name"`
		Language  string      `json:"language"`
		Threshold int         `json:"threshold"`
		Mode      survey.Mode `json:"mode"`
	} `json:"program"`
	Cohort  survey.Cohort `json:"cohort"`
	Surveys []struct {
		Phase    survey.Phase `json:"phase"`
		OpensAt  time.Time    `json:"opens_at"`
		ClosesAt time.Time    `json:"closes_at"`
	} `json:"surveys"`
	Participants []struct {
		survey.ParticipantInput
		Answers map[survey.Phase]url.Values `json:"answers"` // a null phase: invited, not submitted
	} `json:"participants"`
}

// loaded is a cohort in a store, ready for export.
type loaded struct {
	st       *store.Store
	cat      *survey.Catalog
	cohortID string
	names    []string // participants' names and e-mail addresses
	tokens   []string // invitation tokens known to the test
}

func readScenario(tb testing.TB) scenarioFile {
	tb.Helper()
	var sc scenarioFile
	b, err := os.ReadFile(filepath.Join("testdata", "scenario47.json"))
	if err == nil {
		err = json.Unmarshal(b, &sc)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// loadScenario puts the scenario into a fresh store through the store's
// own methods, as the setup API and participant pages would.
func loadScenario(tb testing.TB) loaded {
	tb.Helper()
	ctx := context.Background()
	sc := readScenario(tb)
	l := loaded{st: mustStore(tb), cat: mustCatalog(tb)}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	p, err := l.st.CreateProgram(ctx, survey.Program{Name: sc.Program.Name, Language: sc.Program.Language,
		Threshold: sc.Program.Threshold, Mode: sc.Program.Mode, RawRows: true})
	must(err)
	c, err := l.st.CreateCohort(ctx, p.ID, sc.Cohort)
	must(err)
	l.cohortID = c.ID
	in := make([]survey.ParticipantInput, len(sc.Participants))
	for i, pp := range sc.Participants {
		in[i] = pp.ParticipantInput
		l.names = append(l.names, pp.Name, pp.Email)
	}
	ids, err := l.st.AddParticipants(ctx, c.ID, in)
	must(err)
	for _, s := range sc.Surveys {
		sv, err := l.st.CreateSurvey(ctx, c.ID, survey.Survey{Phase: s.Phase, OpensAt: s.OpensAt, ClosesAt: s.ClosesAt})
		must(err)
		invs, err := l.st.InviteAt(ctx, sv.ID, s.OpensAt)
		must(err)
		token := map[string]string{}
		for _, inv := range invs {
			token[inv.ParticipantID] = inv.Token
			l.tokens = append(l.tokens, inv.Token)
		}
		for i, pp := range sc.Participants {
			values := pp.Answers[s.Phase]
			if values == nil {
				continue
			}
			f, err := l.st.FormByToken(ctx, token[ids[i]])
			must(err)
			as, err := survey.DecodeForm(l.cat.Phase(s.Phase), survey.Role(pp.Role), values)
			must(err)
			must(l.st.SubmitAt(ctx, f, "de", as, s.OpensAt.Add(time.Duration(i+1)*time.Hour)))
		}
	}
	return l
}

// loadDemo seeds the demo program and returns its finished cohort.
func loadDemo(tb testing.TB) loaded {
	tb.Helper()
	ctx := context.Background()
	l := loaded{st: mustStore(tb), cat: mustCatalog(tb)}
	info, err := demo.Seed(ctx, l.st, l.cat, "http://tandem.test", reportNow, 7)
	if err != nil {
		tb.Fatal(err)
	}
	l.cohortID = info.FinishedCohortID
	for _, link := range info.Links {
		l.tokens = append(l.tokens, link.URL[strings.LastIndex(link.URL, "/")+1:])
	}
	ps, err := l.st.Participants(ctx, info.FinishedCohortID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range ps {
		l.names = append(l.names, p.Name, p.Email)
	}
	return l
}

// reader reads l as of reportNow, after its surveys closed.
func (l loaded) reader() *analytics.Reader {
	return &analytics.Reader{DB: l.st.DB(), Catalog: l.cat, Now: func() time.Time { return reportNow }}
}

// report writes the workbook of l in lang and returns its bytes.
func (l loaded) report(tb testing.TB, lang string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteReport(context.Background(), &buf, l.reader(), l.cohortID, lang, reportNow); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// open reads a workbook with excelize, closed at the end of the test.
func openBook(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// saveBook writes b to a file in a fresh temporary folder.
func saveBook(tb testing.TB, b []byte, name string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}
