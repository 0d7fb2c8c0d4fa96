package match

// The statements of matching, all with parameters. Each reads survey's
// tables; none writes.

// qPhaseSurveys counts a cohort's surveys of one phase.
const qPhaseSurveys = `
SELECT count(*) FROM surveys WHERE cohort_id = ? AND phase = ?`

// qParticipants lists a cohort's participants with whether each is in a
// tandem of the cohort already, by name (then id), so that the same people
// with the same answers get the same proposal, whatever their random ids.
const qParticipants = `
SELECT p.id, p.name, p.role, p.department,
       EXISTS (SELECT 1 FROM tandem_members m JOIN tandems t ON t.id = m.tandem_id
               WHERE m.participant_id = p.id AND t.cohort_id = p.cohort_id) AS in_tandem
FROM participants p WHERE p.cohort_id = ? ORDER BY p.name, p.id`

// qExclusions lists the excluded pairs of a cohort.
const qExclusions = `
SELECT participant_a, participant_b FROM exclusions WHERE cohort_id = ?`

// qLatestAnswers returns the answers of each respondent's latest response
// to the cohort's surveys of one phase (a second intake survey replaces
// the first), by pseudonymous key. Anonymous responses carry no key and
// are left out.
const qLatestAnswers = `
WITH latest AS (
    SELECT id, respondent_key FROM responses
    WHERE cohort_id = ? AND phase = ? AND respondent_key IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY respondent_key ORDER BY submitted_at DESC, id DESC) = 1
)
SELECT l.respondent_key, a.item_key, a.num, a.choice
FROM latest l JOIN answers a ON a.response_id = l.id
ORDER BY l.respondent_key, a.item_key, a.choice`

// qTandemMembers lists the members of a cohort's tandems with their roles,
// tandem by tandem.
const qTandemMembers = `
SELECT t.id, p.id, p.role FROM tandems t
JOIN tandem_members m ON m.tandem_id = t.id
JOIN participants p ON p.id = m.participant_id
WHERE t.cohort_id = ? ORDER BY t.created_at, t.id, m.position`
