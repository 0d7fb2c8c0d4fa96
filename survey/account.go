package survey

import (
	"fmt"
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
	// Language is "de" or "en" as the person chose, or "" for the
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
		errs.Add("email", "is required")
	case !checkText(&errs, 0, "email", a.Email, maxEmailLength):
	case err != nil || addr.Address != a.Email || len(a.Email) > maxEmailLength:
		errs.Add("email", "is not an e-mail address")
	}
	checkText(&errs, 0, "name", a.Name, MaxNameLength) // optional
	if !a.Role.Valid() {
		errs.Add("role", "must be admin, organiser or viewer")
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
	switch {
	case !utf8.ValidString(pw):
		return &FieldError{Field: "password", Rule: "text", Message: "must be valid text"}
	case n < MinPasswordLength:
		return &FieldError{Field: "password", Rule: "too_short", Message: fmt.Sprintf("must have at least %d characters", MinPasswordLength)}
	case n > MaxPasswordLength:
		return &FieldError{Field: "password", Rule: "too_long", Message: fmt.Sprintf("must have at most %d characters", MaxPasswordLength)}
	}
	return nil
}
