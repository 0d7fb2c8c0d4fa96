// Package demo seeds an empty store with a plausible reverse-mentoring
// program for `tandem serve --demo`: one finished cohort whose five phases
// were answered by a realistic population, one running cohort with its
// half-time survey open, and one upcoming cohort whose intake survey is
// answered and whose tandems are still to be matched.
//
// Every answer is generated as the form values a participant would post and
// passes through survey.DecodeForm and the store's SubmitAt, so the demo
// stores nothing the real pages would refuse. A seed makes the answers
// repeatable.
//
// The package imports survey and survey/store only.
package demo
