package demo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"tandem/survey"
)

// plan says how a survey was answered.
type plan struct {
	share     float64   // share of the invited who submit
	openShare float64   // share of the others who open the link without submitting
	until     time.Time // last moment of activity: the close, or now for an open survey
}

// pending is an invitation nobody has touched yet.
type pending struct {
	r     *respondent
	token string
}

// visit is one participant's use of a link: opened, and submitted with
// answers at a moment if submit is set.
type visit struct {
	token      string
	r          *respondent
	submit     bool
	answers    []survey.Answer
	opened, at time.Time
}

// conduct invites rs to sv when it opens and plays out the plan: who
// submits what and when, who only looks, and who never opens the link. It
// returns the untouched invitations in the order of rs.
func (s *seeder) conduct(ctx context.Context, sv survey.Survey, rs []*respondent, p plan) ([]pending, error) {
	invs, err := s.st.InviteAt(ctx, sv.ID, sv.OpensAt)
	if err != nil {
		return nil, fmt.Errorf("invite to %s: %w", sv.Phase, err)
	}
	tokens := make(map[string]string, len(invs))
	for _, inv := range invs {
		tokens[inv.ParticipantID] = inv.Token
	}
	q := s.catalog.Phase(sv.Phase)
	if q == nil {
		return nil, fmt.Errorf("no questionnaire for phase %s", sv.Phase)
	}
	ans := newAnswerer(s.rng, sv.Phase)
	submits := s.responders(rs, p.share)
	var visits []visit
	var untouched []pending
	for i, r := range rs {
		tok, ok := tokens[r.id]
		if !ok {
			return nil, fmt.Errorf("%s: no invitation for %s", sv.Phase, r.name)
		}
		switch {
		case submits[i]:
			v := visit{token: tok, r: r, submit: true, at: s.moment(sv.OpensAt, p.until)}
			v.opened = later(sv.OpensAt, v.at.Add(-time.Duration(1+s.rng.IntN(20))*time.Minute))
			values := ans.form(q, r)
			if v.answers, err = survey.DecodeForm(q, r.role, values); err != nil {
				return nil, fmt.Errorf("%s answers of %s: %w", sv.Phase, r.name, err)
			}
			visits = append(visits, v)
		case s.rng.Float64() < p.openShare:
			visits = append(visits, visit{token: tok, r: r, opened: s.moment(sv.OpensAt, p.until)})
		default:
			untouched = append(untouched, pending{r: r, token: tok})
		}
	}
	for _, v := range visits {
		if err := s.visit(ctx, v); err != nil {
			return nil, fmt.Errorf("%s visit of %s: %w", sv.Phase, v.r.name, err)
		}
	}
	return untouched, nil
}

// visit opens the link as the page would and submits the answers.
func (s *seeder) visit(ctx context.Context, v visit) error {
	f, err := s.st.FormByToken(ctx, v.token)
	if err != nil {
		return err
	}
	if err := s.st.MarkOpenedAt(ctx, f.Invitation.ID, v.opened); err != nil {
		return err
	}
	if !v.submit {
		return nil
	}
	return s.st.SubmitAt(ctx, f, v.r.lang(), v.answers, v.at)
}

// responders marks who of rs submits: a share of them, those with the
// most engagement (plus chance) first, so the same people tend to answer
// every phase.
func (s *seeder) responders(rs []*respondent, share float64) []bool {
	score := make([]float64, len(rs))
	order := make([]int, len(rs))
	for i, r := range rs {
		score[i] = r.engagement + 0.8*s.rng.NormFloat64()
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	out := make([]bool, len(rs))
	k := int(math.Round(share * float64(len(rs))))
	for _, i := range order[:k] {
		out[i] = true
	}
	return out
}

// moment draws when someone acts in [from, until): most soon after the
// invitation, some after a reminder, and in office hours (7-19 UTC) where
// the window holds some.
func (s *seeder) moment(from, until time.Time) time.Time {
	span := until.Sub(from) - 2*time.Minute
	var t time.Time
	for try := 0; try < 8; try++ {
		u := s.rng.Float64()
		t = from.Add(time.Minute + time.Duration(u*u*float64(span))).Truncate(time.Second)
		if h := t.Hour(); h >= 7 && h < 19 {
			break
		}
	}
	return t
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
