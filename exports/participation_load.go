package exports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// maxNameLabel caps the program and cohort names in tandem_cohort_info.
const maxNameLabel = 64

// participation is one reading of the database: the metrics that do not
// depend on the moment of the scrape, built once, and the closing times
// from which "seconds until close" is worked out at each scrape.
type participation struct {
	static []prometheus.Metric
	closes []phaseClose
}

// phaseClose is the first closing time of the open surveys of one cohort
// and phase.
type phaseClose struct {
	labels []*dto.LabelPair // program, cohort, phase
	at     time.Time
}

func (p *participation) collect(ch chan<- prometheus.Metric, now time.Time) {
	for _, m := range p.static {
		ch <- m
	}
	for _, c := range p.closes {
		ch <- gauge{descClosesIn, c.labels, max(c.at.Sub(now).Seconds(), 0)}
	}
}

// phaseKey names one cohort's surveys of one phase.
type phaseKey struct{ program, cohort, phase string }

// phaseState gathers the surveys of one phaseKey.
type phaseState struct {
	open      int
	nextClose time.Time
}

// groupKey names the invitations of one phaseKey, role and state.
type groupKey struct {
	phaseKey
	role, state string
}

// counts are the invitations of one groupKey.
type counts struct{ invited, opened, submitted int }

// reading gathers the rows of participationSQL, in their order.
type reading struct {
	phases      map[phaseKey]*phaseState
	phaseOrder  []phaseKey
	groups      map[groupKey]*counts
	groupOrder  []groupKey
	surveys     map[string]bool
	cohortNames map[[2]string][2]string // program, cohort -> their names
	cohortOrder [][2]string
}

func loadParticipation(ctx context.Context, db Querier, now time.Time, window time.Duration) (*participation, error) {
	now = now.UTC()
	rows, err := db.QueryContext(ctx, participationSQL, now, now, now.Add(-window))
	if err != nil {
		return nil, fmt.Errorf("participation: %w", err)
	}
	defer rows.Close()
	r := &reading{phases: map[phaseKey]*phaseState{}, groups: map[groupKey]*counts{},
		surveys: map[string]bool{}, cohortNames: map[[2]string][2]string{}}
	for rows.Next() {
		var k phaseKey
		var programName, cohortName, surveyID string
		var open bool
		var closes time.Time
		var role sql.NullString
		var c counts
		if err := rows.Scan(&k.program, &k.cohort, &programName, &cohortName, &k.phase, &surveyID,
			&open, &closes, &role, &c.invited, &c.opened, &c.submitted); err != nil {
			return nil, fmt.Errorf("participation: %w", err)
		}
		r.survey(k, programName, cohortName, surveyID, open, closes)
		if role.Valid {
			r.invitations(k, role.String, open, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participation: %w", err)
	}
	return r.metrics(), nil
}

// survey notes one row's survey: its cohort, and whether it is open and
// when it closes.
func (r *reading) survey(k phaseKey, programName, cohortName, id string, open bool, closes time.Time) {
	pc := [2]string{k.program, k.cohort}
	if _, ok := r.cohortNames[pc]; !ok {
		r.cohortNames[pc] = [2]string{programName, cohortName}
		r.cohortOrder = append(r.cohortOrder, pc)
	}
	st := r.phases[k]
	if st == nil {
		st = &phaseState{}
		r.phases[k] = st
		r.phaseOrder = append(r.phaseOrder, k)
	}
	if !open || r.surveys[id] {
		return
	}
	r.surveys[id] = true
	st.open++
	if st.nextClose.IsZero() || closes.Before(st.nextClose) {
		st.nextClose = closes
	}
}

// invitations adds one row's counts to its group; two surveys of the same
// cohort, phase and state add up.
func (r *reading) invitations(k phaseKey, role string, open bool, c counts) {
	g := groupKey{phaseKey: k, role: role, state: "closed"}
	if open {
		g.state = "open"
	}
	sum := r.groups[g]
	if sum == nil {
		sum = &counts{}
		r.groups[g] = sum
		r.groupOrder = append(r.groupOrder, g)
	}
	sum.invited += c.invited
	sum.opened += c.opened
	sum.submitted += c.submitted
}

// metrics builds the series of the reading. The figures of one label set
// share their label pairs.
func (r *reading) metrics() *participation {
	p := &participation{static: make([]prometheus.Metric, 0, len(r.cohortOrder)+len(r.phaseOrder)+4*len(r.groupOrder))}
	for _, pc := range r.cohortOrder {
		names := r.cohortNames[pc]
		labels := prometheus.MakeLabelPairs(descCohortInfo, labelValues(pc[0], pc[1], nameLabel(names[0]), nameLabel(names[1])))
		p.static = append(p.static, gauge{descCohortInfo, labels, 1})
	}
	for _, k := range r.phaseOrder {
		st := r.phases[k]
		labels := prometheus.MakeLabelPairs(descOpen, labelValues(k.program, k.cohort, k.phase))
		p.static = append(p.static, gauge{descOpen, labels, float64(st.open)})
		if st.open > 0 {
			p.closes = append(p.closes, phaseClose{labels: labels, at: st.nextClose.UTC()})
		}
	}
	for _, g := range r.groupOrder {
		c := r.groups[g]
		labels := prometheus.MakeLabelPairs(descInvitations, labelValues(g.program, g.cohort, g.phase, g.role, g.state))
		p.static = append(p.static,
			gauge{descInvitations, labels, float64(c.invited)},
			gauge{descOpened, labels, float64(c.opened)},
			gauge{descSubmitted, labels, float64(c.submitted)})
		if c.invited > 0 {
			p.static = append(p.static, gauge{descRatio, labels, float64(c.submitted) / float64(c.invited)})
		}
	}
	return p
}

// gauge is a constant gauge like prometheus.MustNewConstMetric's, but
// sharing its label pairs with the other figures of its label set: a
// reading of 1000 cohorts builds a quarter of the label pairs.
type gauge struct {
	desc   *prometheus.Desc
	labels []*dto.LabelPair
	value  float64
}

func (g gauge) Desc() *prometheus.Desc { return g.desc }

func (g gauge) Write(m *dto.Metric) error {
	m.Label = g.labels
	m.Gauge = &dto.Gauge{Value: &g.value}
	return nil
}

// labelValues makes label values valid UTF-8, which the exposition format
// requires.
func labelValues(vs ...string) []string {
	for i, v := range vs {
		vs[i] = strings.ToValidUTF8(v, "?")
	}
	return vs
}

// nameLabel makes a program or cohort name a short, valid label value.
func nameLabel(s string) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "?")
	if utf8.RuneCountInString(s) <= maxNameLabel {
		return s
	}
	r := []rune(s)
	return string(r[:maxNameLabel-1]) + "…"
}
