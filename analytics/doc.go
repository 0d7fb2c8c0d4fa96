// Package analytics is read-only: SQL aggregations over survey's tables, the
// statistics of docs/methods.md (section 2) as pure functions, the
// publication and suppression of its section 3, and the results API.
// It may import survey and its sub-packages, never exports or cmd.
package analytics
