// Package match proposes tandems from the answers to the intake survey: an
// optimal assignment of mentors to mentees that maximises the learning
// potential, with a random and a greedy baseline to compare it with; and,
// after the cohort, whether the matched potential predicted the knowledge
// gained. The assignment is the Hungarian algorithm, written here: the few
// Go packages for it are small one-person projects, and none is served by
// the Go module proxy.
//
// A proposal never reveals a rating: pairs are scored on bands of the
// ratings that each hold at least two answers (see Need), and it shows
// topics and words, not numbers (see Score). attack_test.go attacks it.
//
// Its reading side is read-only like the rest of analytics: it reads
// survey's tables and links a participant's intake answers through the
// store's pseudonymous respondent key, which it never shows. The API
// (api.go) serves the whole feature: proposals and their outcome, the
// organiser's exclusions, and accepting a proposal, which writes through
// Writer, the few store methods it needs, declared here and implemented by
// survey/store. It may import api, survey and its read-side sub-packages
// and analytics, never survey/store, survey/web, exports or cmd.
package match
