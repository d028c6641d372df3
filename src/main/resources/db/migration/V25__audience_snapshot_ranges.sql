-- Ranges of a snapshot's contacts cut off its cursor and not yet queued. Cutting a range is a
-- short transaction on the snapshot's row; queuing it is another, holding only the range's row,
-- so several workers queue one audience side by side. A range whose worker died stays here for
-- the next worker.
create table audience_chunk (
    campaign_id   uuid not null references audience_snapshot (campaign_id) on delete cascade,
    -- The range runs after this contact id (null: from the workspace's first) up to last_contact.
    after_contact uuid,
    last_contact  uuid not null,
    primary key (campaign_id, last_contact)
);
