package store

// WithArrivalOrder switches off the protection of anonymous responses, for
// the tests that show the attack it prevents: responses are written at
// once, in the order they arrive, and invitations and responses carry the
// exact times, as before the protection existed.
func WithArrivalOrder() Option { return func(s *Store) { s.arrivalOrder = true } }
