-- The system of record. Foreign keys are enforced in code: DuckDB's foreign
-- keys forbid the erasures that data protection requires later.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE programs (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    language   TEXT NOT NULL,
    threshold  INTEGER NOT NULL,
    mode       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE cohorts (
    id         TEXT PRIMARY KEY,
    program_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    starts_on  DATE NOT NULL,
    ends_on    DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE participants (
    id         TEXT PRIMARY KEY,
    cohort_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    role       TEXT NOT NULL,
    department TEXT NOT NULL,
    generation TEXT NOT NULL,
    region     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE tandems (
    id         TEXT PRIMARY KEY,
    cohort_id  TEXT NOT NULL,
    shape      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE tandem_members (
    tandem_id      TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    position       INTEGER NOT NULL
);

CREATE TABLE surveys (
    id         TEXT PRIMARY KEY,
    cohort_id  TEXT NOT NULL,
    phase      TEXT NOT NULL,
    opens_at   TIMESTAMP NOT NULL,
    closes_at  TIMESTAMP NOT NULL,
    closed_at  TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- Only the SHA-256 of a token is kept; the token itself is shown once.
CREATE TABLE invitations (
    id             TEXT PRIMARY KEY,
    survey_id      TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    token_hash     BLOB NOT NULL UNIQUE,
    created_at     TIMESTAMP NOT NULL,
    opened_at      TIMESTAMP,
    submitted_at   TIMESTAMP
);

-- A response carries the participant's attributes for grouped reporting
-- and, in confidential mode only, a pseudonymous respondent key. It never
-- names the invitation or the participant.
CREATE TABLE responses (
    id             TEXT PRIMARY KEY,
    survey_id      TEXT NOT NULL,
    cohort_id      TEXT NOT NULL,
    phase          TEXT NOT NULL,
    respondent_key TEXT,
    role           TEXT NOT NULL,
    department     TEXT NOT NULL,
    generation     TEXT NOT NULL,
    region         TEXT NOT NULL,
    language       TEXT NOT NULL,
    submitted_at   TIMESTAMP NOT NULL
);

-- One row per answer: num for scales, choice for single and multi items
-- (a row per ticked option), text for free text.
CREATE TABLE answers (
    response_id TEXT NOT NULL,
    survey_id   TEXT NOT NULL,
    item_key    TEXT NOT NULL,
    num         DOUBLE,
    choice      TEXT,
    text        TEXT
);
