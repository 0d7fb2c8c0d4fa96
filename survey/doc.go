// Package survey is tandem's system of record: the domain types of a
// reverse-mentoring program (programs, cohorts, participants, tandems,
// surveys, invitations, responses) and the accounts of the organisers who
// run it, the built-in questionnaires, the validation of everything users
// send, and the errors that carry those failures to the edges.
//
// The package imports no other tandem package and none of gin, database/sql
// or prometheus: adapters live in sub-packages (survey/store for DuckDB,
// survey/programs for the one read of a program's settings that the store
// and the read-only packages share, survey/web for the participant pages
// and the setup API, survey/roster for participant files, survey/throttle
// for clients that keep failing, survey/mail for SMTP).
package survey
