package exports

// participationSQL reads the participation of the surveys in the window in
// one statement (one consistent snapshot): a row per survey and role of
// the invited, with how many invitations were sent, opened and answered
// (a survey without invitations gives one row with a NULL role and 0),
// and the anonymity threshold of the survey's program, by which small
// roles are folded together. Names of programs and cohorts are not read:
// they never become labels.
//
// Parameters: now (for the open/closed state), now again (the survey has
// opened) and the start of the window (it ended no earlier). A survey ends
// at closes_at, or earlier when it was closed by hand (closed_at).
//
// The rows of one survey come together, so that its roles can be folded
// before they are added up by cohort, phase and state.
const participationSQL = `
SELECT c.program_id, s.cohort_id, g.threshold, s.phase, s.id,
       s.closed_at IS NULL AND s.closes_at > ? AS open, s.closes_at,
       CASE WHEN count(i.id) > 0 THEN coalesce(p.role, 'unknown') END AS role,
       count(i.id), count(i.opened_at), count(i.submitted_at)
FROM surveys s
JOIN cohorts c ON c.id = s.cohort_id
JOIN programs g ON g.id = c.program_id
LEFT JOIN invitations i ON i.survey_id = s.id
LEFT JOIN participants p ON p.id = i.participant_id
WHERE s.opens_at <= ?
  AND CASE WHEN s.closed_at IS NOT NULL AND s.closed_at < s.closes_at
           THEN s.closed_at ELSE s.closes_at END >= ?
GROUP BY c.program_id, s.cohort_id, g.threshold, s.phase, s.id, s.closed_at, s.closes_at, p.role
ORDER BY s.cohort_id, s.phase, c.program_id, s.id, role`
