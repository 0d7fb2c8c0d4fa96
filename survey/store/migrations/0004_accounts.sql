-- Accounts of the HR pages. Only an argon2id hash of a password is kept;
-- e-mail addresses are stored lower-cased.
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language      TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

-- Signed-in sessions: only the SHA-256 of the session ID that the cookie
-- holds, so that a copy of the database signs nobody in.
CREATE TABLE sessions (
    id_hash    BLOB PRIMARY KEY,
    account_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- Who organises or views which program. Admins need no membership.
CREATE TABLE program_members (
    program_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (program_id, account_id)
);

-- When an invitation was e-mailed, and last reminded.
ALTER TABLE invitations ADD COLUMN sent_at TIMESTAMP;
ALTER TABLE invitations ADD COLUMN reminded_at TIMESTAMP;
