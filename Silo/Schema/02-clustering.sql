-- Cluster membership for Orleans' ADO.NET clustering provider (silos and gateway-listing clients).
-- One version row per cluster (DeploymentId = ClusterId): every membership change bumps it, and the provider uses it as
-- the table ETag for optimistic concurrency. Versions are int4 (the ETag is parsed as Int32): integer arithmetic raises
-- "integer out of range" rather than wrap past int.MaxValue, so a full counter stops changes instead of reusing ETags.
-- Times are timestamptz: Npgsql sends the provider's UTC DateTimes as timestamptz, a plain timestamp would skew them.
-- CREATE OR REPLACE cannot rename or retype a function's parameters: such a change needs a DROP FUNCTION first.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text    NOT NULL PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0
);

-- ON DELETE CASCADE: deleting a cluster's version row removes its members with it.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text,       -- opaque to us: stored exactly as the provider sends it
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a silo row and bumps the version, all or nothing. The version row is locked first (FOR UPDATE), so
-- concurrent inserts and updates of the same cluster serialise on it and each sees the version the previous one left.
-- Returns false, changing nothing, on a stale version, a missing version row or an existing silo row.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS
$$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id
        FOR UPDATE;
    IF current_version IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    suspect_times, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1 WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$$;

-- Updates a silo's status, suspicions and heartbeat and bumps the version, all or nothing (same locking as above).
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS
$$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id
        FOR UPDATE;
    IF current_version IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status          = p_status,
        suspect_times   = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1 WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$$;

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- ON CONFLICT DO NOTHING is race-safe when several silos start at once; the outer SELECT always yields one row.
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted);
$q$),

-- Version row left-joined to the members: always one row while the cluster exists; a NULL StartTime means no member.
('MembershipReadAllKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),

-- The silo filter sits in the join so that a missing silo still yields the version-only row.
('MembershipReadRowKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    p_deployment_id => @DeploymentId, p_address => @Address, p_port => @Port, p_generation => @Generation,
    p_silo_name => @SiloName, p_host_name => @HostName, p_status => @Status, p_proxy_port => @ProxyPort,
    p_start_time => @StartTime, p_i_am_alive_time => @IAmAliveTime, p_version => @Version);
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    p_deployment_id => @DeploymentId, p_address => @Address, p_port => @Port, p_generation => @Generation,
    p_status => @Status, p_suspect_times => @SuspectTimes, p_i_am_alive_time => @IAmAliveTime,
    p_version => @Version);
$q$),

-- Heartbeat: touches one row only and, by design, not the version.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation;
$q$),

-- Silos that accept clients: active ones with a gateway port (the provider does not drop port 0 itself).
('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0;
$q$),

-- The cascade removes the members together with the version row.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$),

-- Fallback, used only without CleanupDefunctSiloEntryKey: Dead (6) rows older than the cutoff. Rows carrying
-- suspicions are kept: whether a vote is recent would need parsing the opaque SuspectTimes text.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
  AND NULLIF(suspect_times, '') IS NULL;
$q$),

-- The provider picked this row as defunct from a read: delete it only if nothing changed since (still Dead, same
-- times and suspicions), so a concurrent update wins. An empty SuspectTimes text and NULL count as equal.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND NULLIF(suspect_times, '') IS NOT DISTINCT FROM NULLIF(@SuspectTimes, '');
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
