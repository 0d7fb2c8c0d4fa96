-- What a program publishes: the attributes its results may be broken down
-- by (comma-separated, in the order of survey.Attributes; empty for overall
-- figures only) and whether per-response rows are released. Programs that
-- existed before keep results by role and release no rows. DuckDB cannot
-- add a column with a constraint, so the defaults are filled in here and
-- by the code.
ALTER TABLE programs ADD COLUMN breakdowns TEXT DEFAULT 'role';
UPDATE programs SET breakdowns = 'role' WHERE breakdowns IS NULL;
ALTER TABLE programs ADD COLUMN raw_rows BOOLEAN DEFAULT false;
UPDATE programs SET raw_rows = false WHERE raw_rows IS NULL;
