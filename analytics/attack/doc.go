// Package attack plays the attacker against what tandem publishes. Given
// everything one audience can fetch about a program (results by every
// breakdown, summaries, per-response rows, looks taken while a survey ran)
// and what that audience knows anyway (the participants with their
// attributes, and who answered which survey), it tries to learn something
// about fewer respondents than the threshold:
//
//   - comment intersection: place a comment in every group that shows it
//     and intersect those groups;
//   - row linkage: match per-response rows against the groups' answer
//     distributions, assign rows that fit one group, subtract, repeat;
//   - differencing: solve, exactly and with rational numbers, for a small
//     set of answers in the span of the published sets of one figure
//     (groups of every breakdown, pairs across phases);
//   - timeline: difference two looks at a survey taken before and after a
//     few more responses.
//
// Tests use it twice: against the service as it is, where every attack
// must find nothing, and with the protection switched off, where every
// attack must succeed somewhere, so that the attacks are known to work.
// It is test support: the service never imports it.
package attack
