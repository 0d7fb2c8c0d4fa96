package match

import (
	"context"
	"database/sql"

	"tandem/survey"
)

// Request is what an organiser asks for: the shape of the tandems and,
// optionally, the seed of the random baseline.
type Request struct {
	Shape string `json:"shape"`
	Seed  *int64 `json:"seed"`
	// expose undoes the protection of the ratings; only the attack test
	// sets it, and no JSON body can.
	expose exposure
}

// MaxSide bounds the mentors and the mentees one proposal considers: the
// assignment takes cubic time, about 40 ms for 500 × 500 but minutes for
// tens of thousands. Reverse-mentoring cohorts hold dozens.
const MaxSide = 2000

// DefaultSeed is the random baseline's seed where the request gives none,
// so that the same request always gives the same answer.
const DefaultSeed = 1

// ProposalJSON is what POST /cohorts/{id}/matching returns.
type ProposalJSON struct {
	CohortID string `json:"cohort_id"`
	Shape    string `json:"shape"`
	Seed     int64  `json:"seed"`
	Proposal
	// WithoutIntake are the participants considered whose intake answers
	// were not found: every rating of theirs counts as neutral.
	WithoutIntake []string `json:"without_intake"`
	// AlreadyInTandem counts the participants left out because they are
	// in a tandem of the cohort already.
	AlreadyInTandem int `json:"already_in_tandem"`
}

// Suggest proposes tandems for the participants of cohortID who are in no
// tandem yet, from their answers to the cohort's intake survey. It refuses
// with EConflict in anonymous mode (no answer is linked to anyone), when
// the cohort has no intake survey, when no participant's intake answers
// are found, or when either side has more than MaxSide people.
func Suggest(ctx context.Context, db *sql.DB, keys Keyer, cat *survey.Catalog, cohortID string, req Request) (ProposalJSON, error) {
	out, err := newProposalJSON(cohortID, req)
	if err != nil {
		return out, err
	}
	in, inTandem, err := readInput(ctx, db, keys, cohortID)
	out.AlreadyInTandem = inTandem
	if err != nil {
		return out, err
	}
	in.Topics, in.expose = intakeTopics(cat), req.expose
	return propose(out, in)
}

// newProposalJSON checks req and starts the answer to it.
func newProposalJSON(cohortID string, req Request) (ProposalJSON, error) {
	out := ProposalJSON{CohortID: cohortID, Shape: req.Shape, Seed: DefaultSeed}
	if req.Seed != nil {
		out.Seed = *req.Seed
	}
	if out.Shape == "" {
		out.Shape = survey.ShapeOneToOne
	}
	if out.Shape != survey.ShapeOneToOne && out.Shape != survey.ShapeTwoToOne {
		return out, survey.Invalid("the matching request is not valid",
			survey.Fault("shape", survey.RuleChoice, "options", []string{survey.ShapeOneToOne, survey.ShapeTwoToOne}))
	}
	return out, nil
}

// propose completes out, whose request is checked, with the proposal for
// in: everything Suggest does once the cohort's answers are read.
func propose(out ProposalJSON, in Input) (ProposalJSON, error) {
	out.WithoutIntake = []string{}
	for _, p := range append(append([]*Person{}, in.Mentors...), in.Mentees...) {
		if !p.Answered {
			out.WithoutIntake = append(out.WithoutIntake, p.ID)
		}
	}
	if len(out.WithoutIntake) == len(in.Mentors)+len(in.Mentees) && len(out.WithoutIntake) > 0 {
		return out, survey.Errorf(survey.EConflict, "no intake answers yet from the mentors and mentees without a tandem: matching would be guesswork")
	}
	if len(in.Mentors) > MaxSide || len(in.Mentees) > MaxSide {
		return out, survey.Errorf(survey.EConflict, "%d mentors and %d mentees are too many to match at once (at most %d each)",
			len(in.Mentors), len(in.Mentees), MaxSide)
	}
	in.Shape, in.Seed = out.Shape, uint64(out.Seed)
	var err error
	if out.Proposal, err = Propose(in); err != nil {
		return out, err
	}
	return out, nil
}

// readInput reads, in one snapshot, the candidates of a proposal with their
// intake answers and the cohort's exclusions, and how many participants are
// in a tandem already.
func readInput(ctx context.Context, db *sql.DB, keys Keyer, cohortID string) (Input, int, error) {
	var in Input
	inTandem := 0
	err := readOnly(ctx, db, func(tx *sql.Tx) error {
		c, err := readCohort(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if c.mode != survey.ModeConfidential {
			return survey.Errorf(survey.EConflict, "the program is anonymous: intake answers are linked to no one, so tandems cannot be matched from them; form them by hand with POST /api/v1/cohorts/{id}/tandems")
		}
		if ok, err := hasSurvey(ctx, tx, cohortID, survey.PhaseIntake); err != nil {
			return err
		} else if !ok {
			return survey.Errorf(survey.EConflict, "the cohort has no intake survey: schedule one (phase \"intake\") and let the participants answer it first")
		}
		intake, err := latestAnswers(ctx, tx, cohortID, survey.PhaseIntake)
		if err != nil {
			return err
		}
		cands, err := readCandidates(ctx, tx, keys, cohortID, intake)
		if err != nil {
			return err
		}
		if in.Exclusions, err = readExclusions(ctx, tx, cohortID); err != nil {
			return err
		}
		in.Mentors, in.Mentees, in.Peers = cands.mentors, cands.mentees, cands.peers
		inTandem = cands.inTandem
		return nil
	})
	return in, inTandem, err
}
