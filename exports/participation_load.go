package exports

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"tandem/analytics"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

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

// surveyRoles are the invitations of one survey, by role, as read.
type surveyRoles struct {
	id        string
	key       phaseKey
	open      bool
	threshold int
	roles     []analytics.RoleCount
}

// reading gathers the rows of participationSQL.
type reading struct {
	fold       bool // fold small roles (see analytics.FoldRoles)
	phases     map[phaseKey]*phaseState
	phaseOrder []phaseKey
	groups     map[groupKey]*counts
	groupOrder []groupKey
	surveys    map[string]bool
}

// loadParticipation reads the participation of the surveys in the window
// as of now. With fold, the small roles of each survey are folded
// (analytics.FoldRoles) before the surveys of one cohort, phase and state add up.
func loadParticipation(ctx context.Context, db Querier, now time.Time, window time.Duration, fold bool) (*participation, error) {
	now = now.UTC()
	rows, err := db.QueryContext(ctx, participationSQL, now, now, now.Add(-window))
	if err != nil {
		return nil, fmt.Errorf("participation: %w", err)
	}
	defer rows.Close()
	r := &reading{fold: fold, phases: map[phaseKey]*phaseState{}, groups: map[groupKey]*counts{}, surveys: map[string]bool{}}
	var cur *surveyRoles
	for rows.Next() {
		var sv surveyRoles
		var closes time.Time
		var role sql.NullString
		var c analytics.RoleCount
		if err := rows.Scan(&sv.key.program, &sv.key.cohort, &sv.threshold, &sv.key.phase, &sv.id,
			&sv.open, &closes, &role, &c.Invited, &c.Opened, &c.Submitted); err != nil {
			return nil, fmt.Errorf("participation: %w", err)
		}
		r.survey(sv.key, sv.id, sv.open, closes)
		if cur == nil || cur.id != sv.id {
			r.invitations(cur)
			cur = &sv
		}
		if role.Valid {
			c.Role = role.String
			cur.roles = append(cur.roles, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participation: %w", err)
	}
	r.invitations(cur)
	return r.metrics(), nil
}

// survey notes one row's survey: whether it is open and when it closes.
func (r *reading) survey(k phaseKey, id string, open bool, closes time.Time) {
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

// invitations adds the roles of one survey, small ones folded, to their
// groups; two surveys of the same cohort, phase and state add up.
func (r *reading) invitations(sv *surveyRoles) {
	if sv == nil {
		return
	}
	roles := sv.roles
	if r.fold {
		roles = analytics.FoldRoles(roles, sv.threshold)
	}
	state := "closed"
	if sv.open {
		state = "open"
	}
	for _, rc := range roles {
		role := rc.Role
		if role == analytics.Other {
			role = RoleOther
		}
		g := groupKey{phaseKey: sv.key, role: role, state: state}
		sum := r.groups[g]
		if sum == nil {
			sum = &counts{}
			r.groups[g] = sum
			r.groupOrder = append(r.groupOrder, g)
		}
		sum.invited += rc.Invited
		sum.opened += rc.Opened
		sum.submitted += rc.Submitted
	}
}

// metrics builds the series of the reading. The figures of one label set
// share their label pairs. Series come in the order of their label values
// sorted by label name (cohort, phase, program, role, state), the order in
// which the registry sorts them, so that a scrape sorts input already
// sorted.
func (r *reading) metrics() *participation {
	p := &participation{static: make([]prometheus.Metric, 0, len(r.phaseOrder)+4*len(r.groupOrder))}
	for _, k := range r.phaseOrder {
		st := r.phases[k]
		labels := prometheus.MakeLabelPairs(descOpen, labelValues(k.program, k.cohort, k.phase))
		p.static = append(p.static, gauge{descOpen, labels, float64(st.open)})
		if st.open > 0 {
			p.closes = append(p.closes, phaseClose{labels: labels, at: st.nextClose.UTC()})
		}
	}
	slices.SortFunc(r.groupOrder, func(a, b groupKey) int {
		return cmp.Or(strings.Compare(a.cohort, b.cohort), strings.Compare(a.phase, b.phase),
			strings.Compare(a.program, b.program), strings.Compare(a.role, b.role), strings.Compare(a.state, b.state))
	})
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
