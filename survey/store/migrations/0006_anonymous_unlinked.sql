-- Anonymous programs link nothing: not by a key, not by a time, not by the
-- order in which rows are stored.
--
-- A response of an anonymous program is committed sealed (AES-256-GCM under
-- a key derived from the server key, which is kept outside the database)
-- and waits here until it is released into responses and answers together
-- with others, in a shuffled order. The sealed blob holds the response's
-- attributes and answers, never the invitation, the participant or a time.
CREATE TABLE pending_responses (
    id        TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    sealed    BLOB NOT NULL
);

-- In anonymous programs invitations.opened_at and submitted_at say whether,
-- not when: an opened or answered invitation carries its survey's opening
-- time, and so does every response (responses.submitted_at). Rows written
-- before this migration are set so too.
UPDATE invitations SET opened_at = s.opens_at
FROM surveys s, cohorts c, programs g
WHERE s.id = invitations.survey_id AND c.id = s.cohort_id AND g.id = c.program_id
    AND g.mode = 'anonymous' AND invitations.opened_at IS NOT NULL;

UPDATE invitations SET submitted_at = s.opens_at
FROM surveys s, cohorts c, programs g
WHERE s.id = invitations.survey_id AND c.id = s.cohort_id AND g.id = c.program_id
    AND g.mode = 'anonymous' AND invitations.submitted_at IS NOT NULL;

UPDATE responses SET submitted_at = s.opens_at
FROM surveys s, cohorts c, programs g
WHERE s.id = responses.survey_id AND c.id = s.cohort_id AND g.id = c.program_id
    AND g.mode = 'anonymous';

-- Anonymous responses written before this migration lie in the order they
-- came in: write them, and their answers, again in a random order.
CREATE TEMP TABLE anonymous_order AS
    SELECT r.id, random() AS k FROM responses r
    JOIN cohorts c ON c.id = r.cohort_id JOIN programs g ON g.id = c.program_id
    WHERE g.mode = 'anonymous';
CREATE TEMP TABLE anonymous_responses AS
    SELECT r.*, o.k AS shuffle_key FROM responses r JOIN anonymous_order o ON o.id = r.id;
CREATE TEMP TABLE anonymous_answers AS
    SELECT a.*, o.k AS shuffle_key FROM answers a JOIN anonymous_order o ON o.id = a.response_id;
DELETE FROM answers WHERE response_id IN (SELECT id FROM anonymous_order);
DELETE FROM responses WHERE id IN (SELECT id FROM anonymous_order);
INSERT INTO responses SELECT * EXCLUDE (shuffle_key) FROM anonymous_responses ORDER BY shuffle_key;
INSERT INTO answers SELECT * EXCLUDE (shuffle_key) FROM anonymous_answers ORDER BY shuffle_key, item_key;
DROP TABLE anonymous_answers;
DROP TABLE anonymous_responses;
DROP TABLE anonymous_order;
