package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"tandem/survey"
)

// MaxTandems bounds the tandems one request may create.
const MaxTandems = survey.MaxParticipants / 2

// CreateTandems forms every tandem of tandems in cohortID in one
// transaction, or none: it checks them all first against the rules of
// CreateTandem (members of the cohort, in no tandem yet, a 1:1, 2:1 or
// peer shape), and also that no participant appears in two of them and
// that no tandem holds a pair the organiser excluded. Any failure is an
// EInvalid error naming each tandem and member at fault
// ("tandems[2].members[1]").
func (s *Store) CreateTandems(ctx context.Context, cohortID string, tandems [][]string) ([]survey.Tandem, error) {
	if _, err := s.Cohort(ctx, cohortID); err != nil {
		return nil, err
	}
	if len(tandems) == 0 || len(tandems) > MaxTandems {
		return nil, survey.Invalid("the tandems are not valid", survey.Fault("tandems", survey.RuleListSize, "min", 1, "max", MaxTandems))
	}
	var out []survey.Tandem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := loadTandemCheck(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		var errs survey.Fields
		shapes := make([]string, len(tandems))
		for i, members := range tandems {
			shapes[i] = c.check(&errs, i, members)
		}
		if err := errs.Err("some tandems are not valid; none was created"); err != nil {
			return err
		}
		now := s.now().UTC()
		for i, members := range tandems {
			t := survey.Tandem{ID: survey.NewID(), CohortID: cohortID, Shape: shapes[i], Members: members}
			if _, err := tx.ExecContext(ctx, `INSERT INTO tandems (id, cohort_id, shape, created_at) VALUES (?, ?, ?, ?)`,
				t.ID, cohortID, t.Shape, now); err != nil {
				return fmt.Errorf("create tandems: %w", err)
			}
			for pos, id := range members {
				if _, err := tx.ExecContext(ctx, `INSERT INTO tandem_members VALUES (?, ?, ?)`, t.ID, id, pos); err != nil {
					return fmt.Errorf("create tandems: %w", err)
				}
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// tandemCheck is what checking new tandems of a cohort needs to know.
type tandemCheck struct {
	roles    map[string]survey.Role
	inTandem map[string]bool
	excluded map[[2]string]bool // ordered pairs
	placed   map[string]int     // member -> index of the request's tandem holding it
}

func loadTandemCheck(ctx context.Context, tx *sql.Tx, cohortID string) (*tandemCheck, error) {
	c := &tandemCheck{inTandem: map[string]bool{}, excluded: map[[2]string]bool{}, placed: map[string]int{}}
	var err error
	if c.roles, err = cohortRoles(ctx, tx, cohortID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT m.participant_id FROM tandem_members m JOIN tandems t ON t.id = m.tandem_id
		WHERE t.cohort_id = ?`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("tandem members: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("tandem members: %w", err)
		}
		c.inTandem[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tandem members: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT participant_a, participant_b FROM exclusions WHERE cohort_id = ?`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("exclusions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, fmt.Errorf("exclusions: %w", err)
		}
		c.excluded[p] = true
	}
	return c, rows.Err()
}

// check records in errs what is wrong with tandem i and returns its shape.
func (c *tandemCheck) check(errs *survey.Fields, i int, members []string) string {
	field := fmt.Sprintf("tandems[%d].members", i)
	if len(members) < 2 || len(members) > 3 {
		errs.Add(field, survey.RuleTandemSize)
		return ""
	}
	before := len(*errs)
	roles := make([]survey.Role, 0, len(members))
	for j, id := range members {
		f := fmt.Sprintf("%s[%d]", field, j)
		role, ok := c.roles[id]
		switch {
		case slices.Contains(members[:j], id):
			errs.Add(f, survey.RuleTwice)
		case !ok:
			errs.Add(f, survey.RuleNotInCohort, "participant", survey.PersonRef(id))
		case c.inTandem[id]:
			errs.Add(f, survey.RuleInTandem, "participant", survey.PersonRef(id))
		default:
			if k, dup := c.placed[id]; dup {
				errs.Add(f, survey.RuleInTwo, "participant", survey.PersonRef(id), "tandem", k)
			}
			c.placed[id] = i
			roles = append(roles, role)
		}
	}
	if len(*errs) > before {
		return ""
	}
	shape, err := survey.TandemShape(roles)
	if err != nil {
		errs.Add(field, survey.RuleTandemShape)
		return ""
	}
	for j, a := range members {
		for _, b := range members[j+1:] {
			x, y := ordered(a, b)
			if c.excluded[[2]string{x, y}] {
				errs.Add(field, survey.RuleExcluded, "participant", survey.PersonRef(a), "partner", survey.PersonRef(b))
			}
		}
	}
	return shape
}

// RespondentKey returns the pseudonymous key that links participantID's
// responses in confidential mode. It is for read-only code that must link
// a participant's answers to the participant, as matching does; the key
// must never be shown. It is empty, and matches no response, when the
// store was opened without the server key.
func (s *Store) RespondentKey(participantID string) string {
	k, _ := s.respondentKey(participantID)
	return k
}
