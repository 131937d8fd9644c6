-- The shop's own tables beside Orleans' grain storage, written by the group-commit provider in the same transaction
-- as an order's state (Silo/Storage/OrderWrite.cs).

-- Order events not yet relayed to the streams, or relayed so recently that a replay may still need them. A silo
-- relays the rows it wrote (owner); the rows of a silo that died, or of one that stopped removing them, are claimed
-- by another (owner and claimed_at change). Kept small: rows are removed about half a minute after their relay.
CREATE TABLE IF NOT EXISTS shop_order_outbox
(
    service_id text        NOT NULL,
    event_id   uuid        NOT NULL,
    seq        bigserial   NOT NULL,  -- claims take the oldest first
    owner      text        NOT NULL,  -- the silo relaying it (SiloAddress.ToParsableString)
    claimed_at timestamptz NOT NULL DEFAULT now(),
    payload    bytea       NOT NULL,  -- the OrderEvent, in Orleans' binary format
    PRIMARY KEY (service_id, event_id)
);

-- Each buyer's orders, newest first: one row per placed order, written with the order's first write, so the list
-- never misses an order that was answered and a user's own row no longer grows with every order.
CREATE TABLE IF NOT EXISTS shop_order_index
(
    service_id text        NOT NULL,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    order_id   uuid        NOT NULL,
    PRIMARY KEY (service_id, user_id, created_at, order_id)
);
