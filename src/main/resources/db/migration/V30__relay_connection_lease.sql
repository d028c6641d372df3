-- Connection leases (delivery's ConnectionLeases): one row per connection a relay pool with
-- max-connections may have open, over all nodes. A node takes a free row (no owner, or a lease that
-- ran out on the database's clock) before it opens a connection to the pool's relays, renews it with
-- its heartbeats while the connection may be open, and gives it back when it closes it; a dead
-- node's rows come free when their lease runs out.
create table relay_connection_lease (
    pool        varchar(100) not null,
    slot        integer not null,
    node_id     varchar(64),
    lease_until timestamp with time zone,
    primary key (pool, slot)
);
