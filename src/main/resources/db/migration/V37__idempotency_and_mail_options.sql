-- Idempotency-Key (access): a key a caller sent with a POST, claimed before the call runs and
-- holding its answer once it has run, so a retry with the same key and body is answered again
-- without running twice. Rows live 24 hours (IdempotencyPurge deletes older ones).
create table idempotency_key (
    workspace_id uuid not null,
    idempotency_key varchar(255) not null,
    request_hash varchar(64) not null,
    -- null while the call runs; its answer's status once it has run
    status integer,
    content_type varchar(255),
    location varchar(2048),
    body bytea,
    created_at timestamp with time zone not null,
    primary key (workspace_id, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);

-- A transactional call's attachments (delivery), stored with its hidden campaign (the batch) so
-- every recipient's message, every retry and a resend after a crash carries them. Bounded by
-- crier.mail.attachments.* (10 files, 10 MB in all, decoded).
create table mail_attachment (
    campaign_id uuid not null references campaign (id) on delete cascade,
    position integer not null,
    filename varchar(255) not null,
    content_type varchar(255) not null,
    content bytea not null,
    primary key (campaign_id, position)
);

-- What a transactional call asked for beyond its content (delivery), one row per call (batch):
-- the To and Cc headers every copy shows (each address is a delivery of its own; Bcc is in no
-- header), its categories (a JSON array), campaignName, test (sent, kept out of the metrics) and
-- unsubscribeGroupId (stored, not yet enforced).
create table mail_batch (
    campaign_id uuid primary key references campaign (id) on delete cascade,
    workspace_id uuid not null,
    to_header varchar not null,
    cc_header varchar,
    categories varchar,
    campaign_name varchar(200),
    test boolean not null default false,
    unsubscribe_group_id varchar(100)
);
create index mail_batch_campaign_name on mail_batch (workspace_id, campaign_name);

-- Which header a transactional copy's address is in: to, cc or bcc (null for campaigns).
alter table delivery add column recipient_type varchar(3);
