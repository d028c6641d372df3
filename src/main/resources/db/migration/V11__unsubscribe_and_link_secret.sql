-- The secret that signs the links Crier puts into mail (unsubscribe), when crier.link-secret does
-- not give one: made by the first node that starts, then shared by every node on the database.
create table link_secret (
    id         integer primary key,
    secret     varchar(100) not null,
    created_at timestamp with time zone not null
);

-- When the recipient of a delivery unsubscribed through its link: the campaign's unsubscribed
-- counter counts each delivery once, however often its link is used.
alter table delivery add column unsubscribed_at timestamp with time zone;

-- Suppression listings page through a workspace's entries oldest first.
create index suppression_workspace_created on suppression (workspace_id, created_at, email);
