-- Pairs of participants of a cohort that must never form a tandem, as the
-- organiser recorded them (a leader and their own manager, two people of
-- one team). A pair is stored once, its lesser id first.
CREATE TABLE exclusions (
    id            TEXT PRIMARY KEY,
    cohort_id     TEXT NOT NULL,
    participant_a TEXT NOT NULL,
    participant_b TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    UNIQUE (cohort_id, participant_a, participant_b)
);
