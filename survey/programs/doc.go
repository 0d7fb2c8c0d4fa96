// Package programs reads the settings a program gives its cohorts and
// surveys (language, anonymity threshold, mode, erasure, publication) out
// of survey's tables: the one scan of a program's row, and the one query
// of the program of a cohort, a survey or a participant, that the store,
// the statistics, matching and the exports all use.
//
// It imports database/sql and survey's core only, no driver: the
// read-only packages reach it without linking the store.
package programs
