// Package throttle slows down clients that keep failing: people trying
// unknown participant links, and sign-in attempts on the HR pages. It
// holds counts in memory only and imports nothing of tandem.
package throttle
