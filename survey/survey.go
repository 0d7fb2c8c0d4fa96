package survey

import "time"

// Role is a participant's part in a tandem.
type Role string

// The roles of a program (docs/methods.md, section 1).
const (
	RoleMentor Role = "mentor" // the junior who teaches
	RoleMentee Role = "mentee" // the leader who learns
	RolePeer   Role = "peer"   // both at once, in peer pairs
)

// Roles lists every role in reporting order.
var Roles = []Role{RoleMentor, RoleMentee, RolePeer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleMentor || r == RoleMentee || r == RolePeer }

// Phase is the point of a cohort a survey belongs to.
type Phase string

// The phases of a cohort, in order. The intake comes before the kick-off:
// it asks what each participant wants to learn or can teach, so that
// tandems can be matched; it is the only phase answered before tandems
// exist.
const (
	PhaseIntake   Phase = "intake"
	PhaseKickoff  Phase = "kickoff"
	PhaseCheckin  Phase = "checkin"
	PhaseMidpoint Phase = "midpoint"
	PhaseFinal    Phase = "final"
)

// Phases lists every phase in order.
var Phases = []Phase{PhaseIntake, PhaseKickoff, PhaseCheckin, PhaseMidpoint, PhaseFinal}

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool {
	return p == PhaseIntake || p == PhaseKickoff || p == PhaseCheckin || p == PhaseMidpoint || p == PhaseFinal
}

// Mode says whether responses can be linked across phases.
type Mode string

// The modes of a program.
const (
	// ModeConfidential links a participant's responses through a
	// pseudonymous respondent key that is never shown.
	ModeConfidential Mode = "confidential"
	// ModeAnonymous stores no link at all between a response and a person.
	ModeAnonymous Mode = "anonymous"
)

// The erasure policies of a program: what happens to the answers of a
// participant who is erased.
const (
	ErasureAnonymise = "anonymise" // keep the answers, unlinked from anyone
	ErasureDelete    = "delete"    // delete the answers too
)

// Dimensions lists the benefit dimensions (docs/methods.md, section 2) in
// reporting order; DimensionLabel names them.
var Dimensions = []string{
	"content_flexibility", "time_flexibility", "one_to_one", "hands_on", "time_well_spent",
	"perspective", "competence", "role_understanding", "network", "trust_openness",
	"comfort_zone", "transfer", "mentor_pool",
}

// Generations lists the generation bands a participant may carry.
var Generations = []string{"Gen Z", "Gen Y", "Gen X", "Baby Boomer"}

// DefaultThreshold is the anonymity threshold of a program that sets none.
const DefaultThreshold = 5

// Program is a reverse-mentoring program of an organisation.
type Program struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Language  string `json:"language"`
	Threshold int    `json:"anonymity_threshold"`
	Mode      Mode   `json:"mode"`
	Erasure   string `json:"erasure"`
	// Breakdowns are the attributes (of Attributes) that results may be
	// broken down by, and RawRows says whether per-response rows are
	// released. Both make up the program's publication; they are chosen
	// before the first response arrives and fixed after it, because
	// switching after seeing results is itself a way to single people out.
	Breakdowns []string  `json:"breakdowns"`
	RawRows    bool      `json:"raw_rows"`
	CreatedAt  time.Time `json:"created_at"`
}

// Attributes are the attributes of a participant that results may be
// broken down by, in the order reports list them.
var Attributes = []string{"role", "department", "generation", "region"}

// DefaultBreakdowns is the publication of a program that chooses none:
// results by role only.
var DefaultBreakdowns = []string{"role"}

// Cohort is one round of a program.
type Cohort struct {
	ID        string `json:"id"`
	ProgramID string `json:"program_id"`
	Name      string `json:"name"`
	StartsOn  string `json:"starts_on"`
	EndsOn    string `json:"ends_on"`
}

// Participant is a person taking part in a cohort. The attributes serve
// grouped reporting only.
type Participant struct {
	ID         string `json:"id"`
	CohortID   string `json:"cohort_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Role       Role   `json:"role"`
	Department string `json:"department"`
	Generation string `json:"generation"`
	Region     string `json:"region"`
}

// Tandem is the unit that meets: 1:1, two mentors with one mentee, or a
// peer pair.
type Tandem struct {
	ID       string   `json:"id"`
	CohortID string   `json:"cohort_id"`
	Shape    string   `json:"shape"`
	Members  []string `json:"members"`
}

// The shapes of a tandem.
const (
	ShapeOneToOne = "1:1"
	ShapeTwoToOne = "2:1"
	ShapePeer     = "peer"
)

// Status is where a survey stands at a moment.
type Status string

// The statuses of a survey.
const (
	StatusScheduled Status = "scheduled"
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
)

// Survey is one phase of a cohort put to its participants.
type Survey struct {
	ID       string    `json:"id"`
	CohortID string    `json:"cohort_id"`
	Phase    Phase     `json:"phase"`
	OpensAt  time.Time `json:"opens_at"`
	ClosesAt time.Time `json:"closes_at"`
	// ClosedAt is set when an organiser closed the survey early.
	ClosedAt  *time.Time `json:"closed_at,omitempty"`
	Invited   int        `json:"invited"`
	Opened    int        `json:"opened"`
	Submitted int        `json:"submitted"`
	// Responses is how many responses are stored for the evaluation;
	// with Pending it makes Submitted, unless answers were erased or
	// purged.
	Responses int `json:"responses"`
	// Pending is how many responses of an anonymous program wait, sealed,
	// to be released into the evaluation in a shuffled group.
	Pending int `json:"pending"`
}

// StatusAt returns the survey's status at now.
func (s *Survey) StatusAt(now time.Time) Status {
	switch {
	case s.ClosedAt != nil || !now.Before(s.ClosesAt):
		return StatusClosed
	case now.Before(s.OpensAt):
		return StatusScheduled
	default:
		return StatusOpen
	}
}

// Invitation is a participant's personal link to one survey. Only the hash
// of its token is stored.
type Invitation struct {
	ID            string
	SurveyID      string
	ParticipantID string
	TokenHash     []byte
	OpenedAt      *time.Time
	SubmittedAt   *time.Time
}
