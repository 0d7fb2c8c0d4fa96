package survey

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// AccountRole is what an organiser's account may do on the HR pages.
type AccountRole string

// The roles of an account.
const (
	// AccountAdmin may do everything: every program, and the accounts.
	AccountAdmin AccountRole = "admin"
	// AccountOrganiser sets up and runs the programs they are a member of
	// (and those they create).
	AccountOrganiser AccountRole = "organiser"
	// AccountViewer sees the results of their programs and downloads them;
	// they change nothing.
	AccountViewer AccountRole = "viewer"
)

// AccountRoles lists the roles, most powerful first.
var AccountRoles = []AccountRole{AccountAdmin, AccountOrganiser, AccountViewer}

// Valid reports whether r is a known account role.
func (r AccountRole) Valid() bool {
	return r == AccountAdmin || r == AccountOrganiser || r == AccountViewer
}

// Limits on accounts.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

// Account is a person who signs in to the HR pages. Only a hash of the
// password is ever kept.
type Account struct {
	ID    string      `json:"id"`
	Email string      `json:"email"` // lower-cased
	Name  string      `json:"name"`
	Role  AccountRole `json:"role"`
	// Language is one of Languages as the person chose, or "" for the
	// browser's preference.
	Language  string    `json:"language"`
	CreatedAt time.Time `json:"created_at"`
}

// AccountInput is what creates an account.
type AccountInput struct {
	Email    string
	Name     string
	Role     string
	Password string
}

// Account checks in and returns the account it describes (the password is
// checked, not kept).
func (in AccountInput) Account() (Account, error) {
	var errs Fields
	a := Account{Email: strings.ToLower(trimText(in.Email)), Name: trimText(in.Name),
		Role: AccountRole(strings.ToLower(strings.TrimSpace(in.Role)))}
	addr, err := mail.ParseAddress(a.Email)
	switch {
	case a.Email == "":
		errs.Add("email", RuleRequired)
	case !checkText(&errs, 0, "email", a.Email, maxEmailLength):
	case err != nil || addr.Address != a.Email || len(a.Email) > maxEmailLength:
		errs.Add("email", RuleEmail)
	}
	checkText(&errs, 0, "name", a.Name, MaxNameLength) // optional
	if !a.Role.Valid() {
		errs.Add("role", RuleChoice, "options", asStrings(AccountRoles))
	}
	if f := CheckPassword(in.Password); f != nil {
		errs = append(errs, *f)
	}
	return a, errs.Err("the account is not valid")
}

// CheckPassword returns the rule a new password breaks, or nil. Length is
// what makes a password strong; no composition rules are imposed.
func CheckPassword(pw string) *FieldError {
	n := utf8.RuneCountInString(pw)
	var f FieldError
	switch {
	case !utf8.ValidString(pw):
		f = Fault("password", RuleText)
	case n < MinPasswordLength:
		f = Fault("password", RuleTooShort, "min", MinPasswordLength)
	case n > MaxPasswordLength:
		f = Fault("password", RuleTooLong, "max", MaxPasswordLength)
	default:
		return nil
	}
	return &f
}

// asStrings lists roles, modes or phases as strings, for the sentence of
// RuleChoice.
func asStrings[R ~string](rs []R) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
