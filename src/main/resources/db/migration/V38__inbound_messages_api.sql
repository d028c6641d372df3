-- The inbound messages API (GET /v1/inbound/messages): what the listing shows and filters on is
-- read from each message's header when it is queued, so a page never loads raw mail. Null for
-- messages queued before this version (the listing shows them without these fields).
-- owner_workspace is the workspace a message belongs to: its mailbox's, else the workspace of the
-- delivery the intake tied it to; mail from the shared listener tied to nothing has none, and no
-- API shows it.
alter table inbound_message add column owner_workspace uuid;
alter table inbound_message add column from_address varchar(320);
alter table inbound_message add column header_from varchar(1000);
alter table inbound_message add column header_to varchar(4000);
alter table inbound_message add column header_cc varchar(4000);
alter table inbound_message add column subject varchar(998);
alter table inbound_message add column thread_id varchar(998);
alter table inbound_message add column attachment_count integer;
update inbound_message set owner_workspace = coalesce(workspace_id, matched_workspace);
create index inbound_message_owner on inbound_message (owner_workspace, id);

-- A transactional reply (POST /v1/inbound/messages/{id}/reply) carries the thread's In-Reply-To
-- and References headers in its one hidden campaign.
alter table campaign add column in_reply_to varchar(998);
alter table campaign add column thread_references varchar(1000);
