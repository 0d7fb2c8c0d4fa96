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
	} else if !IsLanguage(p.Language) {
		errs.Add("language", RuleChoice, "options", Languages())
	}
	if in.Threshold != nil {
		p.Threshold = *in.Threshold
		if p.Threshold < 1 || p.Threshold > MaxThreshold {
			errs.Add("anonymity_threshold", RuleRange, "min", 1, "max", MaxThreshold)
		}
	}
	if p.Mode == "" {
		p.Mode = ModeConfidential
	} else if p.Mode != ModeConfidential && p.Mode != ModeAnonymous {
		errs.Add("mode", RuleChoice, "options", asStrings([]Mode{ModeConfidential, ModeAnonymous}))
	}
	if p.Erasure == "" {
		p.Erasure = ErasureAnonymise
	} else if p.Erasure != ErasureAnonymise && p.Erasure != ErasureDelete {
		errs.Add("erasure", RuleChoice, "options", []string{ErasureAnonymise, ErasureDelete})
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
			errs.Add(field, RuleChoice, "options", Attributes)
		case slices.Index(bs, b) < i:
			errs.Add(field, RuleTwice)
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
		errs.Add("starts_on", RuleDate)
	}
	end, err2 := time.Parse(time.DateOnly, in.EndsOn)
	if err2 != nil {
		errs.Add("ends_on", RuleDate)
	}
	if err1 == nil && err2 == nil && end.Before(start) {
		errs.Add("ends_on", RuleDateOrder)
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
		errs.Add("participants", RuleImportEmpty)
	}
	if len(rows) > MaxParticipants {
		errs.Add("participants", RuleImportSize, "max", MaxParticipants)
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
			errs.AddRow(n, "name", RuleRequired)
		} else {
			checkText(&errs, n, "name", p.Name, MaxNameLength)
		}
		addr, err := mail.ParseAddress(p.Email)
		switch {
		case p.Email == "":
			errs.AddRow(n, "email", RuleRequired)
		case !checkText(&errs, n, "email", p.Email, maxEmailLength):
		case err != nil || addr.Address != p.Email || len(p.Email) > maxEmailLength:
			errs.AddRow(n, "email", RuleEmail)
		default:
			key := strings.ToLower(p.Email)
			if first, dup := seen[key]; dup {
				errs.AddRow(n, "email", RuleDuplicate, "row", first)
			} else if existing[key] {
				errs.AddRow(n, "email", RuleInCohort)
			}
			seen[key] = n
		}
		if !p.Role.Valid() {
			errs.AddRow(n, "role", RuleChoice, "options", asStrings(Roles))
		}
		if p.Generation != "" && !slices.Contains(Generations, p.Generation) {
			errs.AddRow(n, "generation", RuleChoice, "options", Generations)
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
	return "", Invalid("the tandem is not valid", Fault("members", RuleTandemShape))
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
		errs.Add("phase", RuleChoice, "options", asStrings(Phases))
	}
	var err1, err2 error
	s.OpensAt, err1 = time.Parse(time.RFC3339, in.OpensAt)
	if err1 != nil {
		errs.Add("opens_at", RuleTime)
	}
	s.ClosesAt, err2 = time.Parse(time.RFC3339, in.ClosesAt)
	if err2 != nil {
		errs.Add("closes_at", RuleTime)
	}
	if err1 == nil && err2 == nil && !s.ClosesAt.After(s.OpensAt) {
		errs.Add("closes_at", RuleTimeOrder)
	}
	s.OpensAt, s.ClosesAt = s.OpensAt.UTC(), s.ClosesAt.UTC()
	return s, errs.Err("the survey is not valid")
}

// checkName checks the required name of a program or a cohort.
func checkName(errs *Fields, field, v string) {
	if v == "" {
		errs.Add(field, RuleRequired)
		return
	}
	checkText(errs, 0, field, v, MaxNameLength)
}
