-- Webhooks: where a workspace wants events pushed. events holds the event names subscribed to,
-- space-separated, in the webhook's format's own names (crier: delivery.sent, ...; leadterra:
-- message.sent, ...). The secret signs every body; it is kept as given, since signing needs it.
create table webhook (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    format       varchar(20) not null,
    url          varchar(2048) not null,
    events       varchar(1000) not null,
    secret       varchar(200) not null,
    created_at   timestamp with time zone not null
);
create index webhook_workspace on webhook (workspace_id, created_at);

-- The outbox: one row per event per subscribed webhook, written in the transaction that records
-- what happened, so no event is lost and none is sent for something rolled back. The body is
-- stored exactly as it is sent and signed. A node claims due rows with a lease (on the database's
-- clock) so each is sent by one node at a time; a dead node's lease runs out and another takes over.
create table webhook_delivery (
    id              uuid primary key,
    webhook_id      uuid not null references webhook (id) on delete cascade,
    workspace_id    uuid not null,
    event           varchar(64) not null,
    body            text not null,
    status          varchar(16) not null,
    attempts        integer not null default 0,
    -- When the next attempt is due; null once delivered or failed.
    next_attempt_at timestamp with time zone,
    lease_owner     varchar(64),
    lease_until     timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_log on webhook_delivery (webhook_id, created_at);

-- Every attempt at a delivery, for the delivery log: the receiver's status code or the error.
create table webhook_attempt (
    delivery_id  uuid not null references webhook_delivery (id) on delete cascade,
    attempt      integer not null,
    attempted_at timestamp with time zone not null,
    status_code  integer,
    error        varchar(1000),
    duration_ms  integer not null,
    primary key (delivery_id, attempt)
);
