-- What happens to a participant's answers when they are erased: kept but
-- unlinked ('anonymise') or deleted ('delete'). DuckDB cannot add a column
-- with a constraint, so the default is filled in by the code as well.
ALTER TABLE programs ADD COLUMN erasure TEXT DEFAULT 'anonymise';
UPDATE programs SET erasure = 'anonymise' WHERE erasure IS NULL;
