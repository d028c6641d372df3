-- A campaign's audience is queued in chunks of contacts, each committed with its cursor, so a
-- large audience neither holds one long transaction (and its locks) nor, on H2, one transaction's
-- worth of memory. A row exists while the snapshot is under way; any node takes the next chunk
-- (the row is locked while it does) and deletes the row after the last one.
create table audience_snapshot (
    campaign_id   uuid primary key references campaign (id) on delete cascade,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    -- The last contact id queued so far (contacts are taken in id order); null before the first chunk.
    after_contact uuid,
    not_before    timestamp with time zone not null
);

-- The chunks walk the workspace's contacts in id order.
create index contact_workspace_id on contact (workspace_id, id);
