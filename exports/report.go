package exports

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"tandem/analytics"
	"tandem/survey"
)

// WriteReport writes the Excel evaluation of the cohort cohortID to w: a
// summary, the dimensions, every item, change and comparisons, topics,
// comments, one row per response, and the method. lang is one of
// survey.Languages, or "" for the program's language; now is the "data as of" moment. An
// unknown cohort is an ENotFound error and an unknown language an EInvalid
// one; both come before anything is written to w.
func WriteReport(ctx context.Context, w io.Writer, r *analytics.Reader, cohortID, lang string, now time.Time) error {
	_, err := writeReport(ctx, w, r, cohortID, lang, now)
	return err
}

// writeReport is WriteReport, also returning the cohort for the file name.
// Every figure is computed and the per-response rows are streamed to a
// temporary file before the first byte goes to w.
func writeReport(ctx context.Context, w io.Writer, r *analytics.Reader, cohortID, lang string, now time.Time) (cohortInfo, error) {
	if err := CheckLanguage(lang); err != nil {
		return cohortInfo{}, err
	}
	c, err := loadCohort(ctx, r.DB, cohortID)
	if err != nil {
		return c, err
	}
	if lang == "" {
		lang = c.Language
	}
	if !survey.IsLanguage(lang) {
		lang = survey.DefaultLanguage
	}
	data, err := loadReportData(ctx, r, c)
	if err != nil {
		return c, err
	}
	src, err := newResponseSource(ctx, r, c)
	if err != nil {
		return c, err
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, tr{lang: lang, cat: r.Catalog, threshold: c.Threshold}, data, src, now)
	if err != nil {
		return c, err
	}
	if err := b.build(ctx); err != nil {
		return c, err
	}
	return c, writeWorkbook(f, w)
}

// book is a workbook being written.
type book struct {
	tr
	f    *excelize.File
	st   styles
	data *reportData
	src  *responseSource
	now  time.Time
	// withheld lists what the sheets suppressed, for the Method sheet.
	withheld []withheldNote
	// notes are the reasons of the sheet being written, shown under its
	// table, each once.
	notes []string
}

// withheldNote is one suppressed figure or group: where, what, why.
type withheldNote struct{ where, what, why string }

func newBook(f *excelize.File, t tr, data *reportData, src *responseSource, now time.Time) (*book, error) {
	st, err := newStyles(f, t)
	if err != nil {
		return nil, fmt.Errorf("exports: styles: %w", err)
	}
	return &book{tr: t, f: f, st: st, data: data, src: src, now: now}, nil
}

// build writes every sheet in order, then the document properties.
func (b *book) build(ctx context.Context) error {
	reach := []analytics.RoundJSON{{Name: b.data.cohort.Name, Reach: b.data.summary.Reach}}
	steps := []func() error{b.writeSummary, b.writeDimensions, b.writeItems, b.writeChange, b.writeTopics,
		func() error { return b.writeReach(reach) }, func() error { return b.writeComments() }, func() error { return b.writeResponses(ctx) }, b.writeMethod}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("exports: report: %w", err)
		}
	}
	if err := b.f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	c := b.data.cohort
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.t("doc.title", c.ProgramName, c.Name),
		Subject:        b.t("doc.subject"),
		Creator:        "tandem",
		LastModifiedBy: "tandem",
		Created:        b.now.UTC().Format(time.RFC3339),
		Modified:       b.now.UTC().Format(time.RFC3339),
		Language:       b.lang,
	})
}

// sheet adds the worksheet name after the others.
func (b *book) sheet(name string) *sheet {
	_, err := b.f.NewSheet(name)
	return &sheet{f: b.f, name: name, err: err, lines: map[int]int{}, title: b.st.title,
		wraps: map[int]bool{b.st.header: true, b.st.wrap: true}}
}

// headers are header cells of the texts of keys.
func (b *book) headers(keys ...string) []cell {
	out := make([]cell, len(keys))
	for i, k := range keys {
		out[i] = cell{b.t(k), b.st.header}
	}
	return out
}

// words is a cell that says something in words instead of a figure.
func (b *book) words(s string) cell { return cell{s, b.st.suppressed} }

// note records a suppressed figure or group for the Method sheet.
func (b *book) note(where, what, why string) {
	b.withheld = append(b.withheld, withheldNote{where, what, why})
}

// addNote adds a note under the table of the sheet being written, unless
// it is there already.
func (b *book) addNote(n string) {
	if !slices.Contains(b.notes, n) {
		b.notes = append(b.notes, n)
	}
}

// num is a cell of *v, or empty when v is nil.
func num(v *float64, style int) cell {
	if v == nil {
		return cell{}
	}
	return cell{*v, style}
}
