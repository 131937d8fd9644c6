-- Query table of Orleans' ADO.NET providers (clustering, grain persistence, reminders).
-- The providers load their SQL with the fixed text "SELECT QueryKey, QueryText FROM OrleansQuery": the names are
-- unquoted, so PostgreSQL folds them to lower case and the table must be created unquoted as well.
-- The later scripts upsert their rows here, so re-running them refreshes the query texts.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);
