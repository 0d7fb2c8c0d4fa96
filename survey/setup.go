package survey

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Limits on what an organiser may send.
const (
	MaxNameLength      = 200
	MaxAttributeLength = 100
	MaxParticipants    = 5000 // per import
	MaxThreshold       = 100
	maxEmailLength     = 254 // RFC 5321's path limit less the brackets
)

// ProgramInput is what an organiser sends to create a program.
type ProgramInput struct {
	Name      string `json:"name"`
	Language  string `json:"language"`
	Threshold *int   `json:"anonymity_threshold"`
	Mode      Mode   `json:"mode"`
	Erasure   string `json:"erasure"`
	// Breakdowns defaults to DefaultBreakdowns; an empty list publishes
	// overall figures only.
	Breakdowns *[]string `json:"breakdowns"`
	RawRows    bool      `json:"raw_rows"`
}

// Program checks in and returns the program it describes, with defaults
// filled in: English, threshold 5, confidential mode.
func (in ProgramInput) Program() (Program, error) {
	var errs Fields
	p := Program{Name: trimText(in.Name), Language: in.Language, Mode: in.Mode, Threshold: DefaultThreshold, Erasure: in.Erasure}
	checkName(&errs, "name", p.Name)
	if p.Language == "" {
		p.Language = "en"
	} else if p.Language != "de" && p.Language != "en" {
		errs.Add("language", "must be \"de\" or \"en\"")
	}
	if in.Threshold != nil {
		p.Threshold = *in.Threshold
		if p.Threshold < 1 || p.Threshold > MaxThreshold {
			errs.Add("anonymity_threshold", "must be between 1 and %d", MaxThreshold)
		}
	}
	if p.Mode == "" {
		p.Mode = ModeConfidential
	} else if p.Mode != ModeConfidential && p.Mode != ModeAnonymous {
		errs.Add("mode", "must be \"confidential\" or \"anonymous\"")
	}
	if p.Erasure == "" {
		p.Erasure = ErasureAnonymise
	} else if p.Erasure != ErasureAnonymise && p.Erasure != ErasureDelete {
		errs.Add("erasure", "must be \"anonymise\" or \"delete\"")
	}
	p.Breakdowns, p.RawRows = slices.Clone(DefaultBreakdowns), in.RawRows
	if in.Breakdowns != nil {
		p.Breakdowns = checkBreakdowns(&errs, *in.Breakdowns)
	}
	return p, errs.Err("the program is not valid")
}

// PublicationInput is what an admin sends to change what a program
// publishes, before its first response.
type PublicationInput struct {
	Breakdowns *[]string `json:"breakdowns"`
	RawRows    *bool     `json:"raw_rows"`
}

// Apply checks in and returns p with the publication it describes; fields
// left out keep p's values.
func (in PublicationInput) Apply(p Program) (Program, error) {
	var errs Fields
	if in.Breakdowns != nil {
		p.Breakdowns = checkBreakdowns(&errs, *in.Breakdowns)
	}
	if in.RawRows != nil {
		p.RawRows = *in.RawRows
	}
	return p, errs.Err("the publication is not valid")
}

// checkBreakdowns records an error for every entry of bs that is not one
// of Attributes or repeats one, and returns bs in the order of Attributes.
func checkBreakdowns(errs *Fields, bs []string) []string {
	out := []string{}
	for i, b := range bs {
		field := fmt.Sprintf("breakdowns[%d]", i)
		switch {
		case !slices.Contains(Attributes, b):
			errs.Add(field, "must be one of %s", strings.Join(Attributes, ", "))
		case slices.Index(bs, b) < i:
			errs.Add(field, "is listed twice")
		}
	}
	for _, a := range Attributes {
		if slices.Contains(bs, a) {
			out = append(out, a)
		}
	}
	return out
}

// CohortInput is what an organiser sends to create a cohort.
type CohortInput struct {
	Name     string `json:"name"`
	StartsOn string `json:"starts_on"`
	EndsOn   string `json:"ends_on"`
}

// Cohort checks in and returns the cohort it describes.
func (in CohortInput) Cohort() (Cohort, error) {
	var errs Fields
	c := Cohort{Name: trimText(in.Name), StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	checkName(&errs, "name", c.Name)
	start, err1 := time.Parse(time.DateOnly, in.StartsOn)
	if err1 != nil {
		errs.Add("starts_on", "must be a date YYYY-MM-DD")
	}
	end, err2 := time.Parse(time.DateOnly, in.EndsOn)
	if err2 != nil {
		errs.Add("ends_on", "must be a date YYYY-MM-DD")
	}
	if err1 == nil && err2 == nil && end.Before(start) {
		errs.Add("ends_on", "must not be before starts_on")
	}
	return c, errs.Err("the cohort is not valid")
}

// ParticipantInput is one participant as imported.
type ParticipantInput struct {
	Name       string `json:"name"`
	Email      string `json:"email"`
	Role       string `json:"role"`
	Department string `json:"department"`
	Generation string `json:"generation"`
	Region     string `json:"region"`
}

// Participants checks every row and returns the participants, or an
// EInvalid error naming each bad row (1-based) and field. Existing holds
// the e-mail addresses already in the cohort, lower-cased.
func Participants(rows []ParticipantInput, existing map[string]bool) ([]Participant, error) {
	var errs Fields
	if len(rows) == 0 {
		errs.Add("participants", "at least one participant is needed")
	}
	if len(rows) > MaxParticipants {
		errs.Add("participants", "at most %d participants per import", MaxParticipants)
		return nil, errs.Err("the import is too large")
	}
	seen := map[string]int{}
	out := make([]Participant, 0, len(rows))
	for i, r := range rows {
		n := i + 1
		p := Participant{
			Name: trimText(r.Name), Email: trimText(r.Email),
			Role: Role(strings.ToLower(strings.TrimSpace(r.Role))), Department: trimText(r.Department),
			Generation: normaliseGeneration(r.Generation), Region: trimText(r.Region),
		}
		if p.Name == "" {
			errs.AddRow(n, "name", "is required")
		} else {
			checkText(&errs, n, "name", p.Name, MaxNameLength)
		}
		addr, err := mail.ParseAddress(p.Email)
		switch {
		case p.Email == "":
			errs.AddRow(n, "email", "is required")
		case !checkText(&errs, n, "email", p.Email, maxEmailLength):
		case err != nil || addr.Address != p.Email || len(p.Email) > maxEmailLength:
			errs.AddRow(n, "email", "is not an e-mail address")
		default:
			key := strings.ToLower(p.Email)
			if first, dup := seen[key]; dup {
				errs.AddRow(n, "email", "repeats row %d", first)
			} else if existing[key] {
				errs.AddRow(n, "email", "is already in this cohort")
			}
			seen[key] = n
		}
		if !p.Role.Valid() {
			errs.AddRow(n, "role", "must be mentor, mentee or peer")
		}
		if p.Generation != "" && !slices.Contains(Generations, p.Generation) {
			errs.AddRow(n, "generation", "must be one of Gen Z, Gen Y, Gen X, Baby Boomer")
		}
		checkText(&errs, n, "department", p.Department, MaxAttributeLength)
		checkText(&errs, n, "region", p.Region, MaxAttributeLength)
		out = append(out, p)
	}
	if err := errs.Err("some participants are not valid; nothing was stored"); err != nil {
		return nil, err
	}
	return out, nil
}

// normaliseGeneration accepts "gen z", "GenZ", "baby boomer" and the like.
func normaliseGeneration(s string) string {
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	for _, g := range Generations {
		if key == strings.ToLower(strings.ReplaceAll(g, " ", "")) {
			return g
		}
	}
	return strings.TrimSpace(s)
}

// TandemShape returns the shape that members' roles make: one mentor and one
// mentee (1:1), two mentors and one mentee (2:1), or two peers.
func TandemShape(roles []Role) (string, error) {
	count := map[Role]int{}
	for _, r := range roles {
		count[r]++
	}
	switch {
	case len(roles) == 2 && count[RoleMentor] == 1 && count[RoleMentee] == 1:
		return ShapeOneToOne, nil
	case len(roles) == 3 && count[RoleMentor] == 2 && count[RoleMentee] == 1:
		return ShapeTwoToOne, nil
	case len(roles) == 2 && count[RolePeer] == 2:
		return ShapePeer, nil
	}
	return "", Invalid("the tandem is not valid", FieldError{Field: "members",
		Message: "must be one mentor and one mentee, two mentors and one mentee, or two peers"})
}

// SurveyInput is what an organiser sends to schedule a survey.
type SurveyInput struct {
	Phase    Phase  `json:"phase"`
	OpensAt  string `json:"opens_at"`
	ClosesAt string `json:"closes_at"`
}

// Survey checks in and returns the survey it describes.
func (in SurveyInput) Survey() (Survey, error) {
	var errs Fields
	s := Survey{Phase: in.Phase}
	if !in.Phase.Valid() {
		errs.Add("phase", "must be intake, kickoff, checkin, midpoint or final")
	}
	var err1, err2 error
	s.OpensAt, err1 = time.Parse(time.RFC3339, in.OpensAt)
	if err1 != nil {
		errs.Add("opens_at", "must be an RFC 3339 time such as 2026-03-01T08:00:00Z")
	}
	s.ClosesAt, err2 = time.Parse(time.RFC3339, in.ClosesAt)
	if err2 != nil {
		errs.Add("closes_at", "must be an RFC 3339 time such as 2026-03-15T18:00:00Z")
	}
	if err1 == nil && err2 == nil && !s.ClosesAt.After(s.OpensAt) {
		errs.Add("closes_at", "must be after opens_at")
	}
	s.OpensAt, s.ClosesAt = s.OpensAt.UTC(), s.ClosesAt.UTC()
	return s, errs.Err("the survey is not valid")
}

// checkName checks the required name of a program or a cohort.
func checkName(errs *Fields, field, v string) {
	if v == "" {
		errs.Add(field, "is required")
		return
	}
	checkText(errs, 0, field, v, MaxNameLength)
}
