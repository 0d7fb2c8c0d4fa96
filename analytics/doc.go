// Package analytics is read-only: SQL aggregations over survey's tables, the
// statistics of DOMAIN.md as pure functions, suppression, and the results API.
// It may import survey and its sub-packages, never exports or cmd.
package analytics
