-- Grain state for Orleans' ADO.NET grain storage provider.
-- One row per grain state: (service id, grain type hash/string, grain id hash/N0/N1/extension). Guid keys fill N0/N1,
-- long keys N1, string keys only the extension string, which is NULL for plain Guid and long keys.
-- Version is the ETag (int4, parsed as Int32 by the provider); it starts at 1. "version + 1" on int4 raises
-- "integer out of range" at int.MaxValue, so a write is refused instead of wrapping to an ETag already handed out.

CREATE TABLE IF NOT EXISTS orleans_storage
(
    grain_id_hash             integer NOT NULL,
    grain_id_n0               bigint  NOT NULL,
    grain_id_n1               bigint  NOT NULL,
    grain_type_hash           integer NOT NULL,
    grain_type_string         text    NOT NULL,
    grain_id_extension_string text,
    service_id                text    NOT NULL,
    payload_binary            bytea,   -- NULL once cleared: the row and its version survive a clear
    version                   integer NOT NULL,
    -- The only index: it makes reads and writes an index lookup (the int hashes lead), and its NULLS NOT DISTINCT
    -- uniqueness makes the losing one of two concurrent first writes a no-op. Writes only change unindexed columns,
    -- so with free room on the page (fillfactor) an update stays a HOT update with no index maintenance.
    -- The key strings are in the index: together they must stay under btree's ~2.7 kB entry limit.
    CONSTRAINT orleans_storage_key UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type_string,
         grain_id_extension_string)
) WITH (fillfactor = 90);

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- No row: no ETag. A row with a NULL payload (cleared) still reports its version.
('ReadFromStorageKey', $q$
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- The hot path, one statement: with an ETag, update where the version still matches; without one, insert version 1
-- unless a row exists. Only one of the two CTEs can match (the other is switched off by its constant condition).
-- Always exactly one row: the new version, or NULL on a conflict, which the provider turns into
-- InconsistentStateException.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary,
        version        = version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND service_id = @ServiceId
      AND grain_type_string = @GrainTypeString
      AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
                                 grain_id_extension_string, service_id, payload_binary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted)) AS NewGrainStateVersion;
$q$),

-- Keeps the row (payload NULL) and bumps the version, so the grain's next write is an update. No row on a conflict.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload_binary = NULL,
    version        = version + 1
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version;
$q$),

-- Only used with DeleteStateOnClear. Success must return a non-NULL value that differs from the caller's ETag:
-- versions start at 1, so 0 never equals it. No row on a conflict.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING 0;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
