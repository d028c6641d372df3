-- Provider webhooks (SES through SNS, SendGrid, Postmark, Mailgun) that report bounces and
-- complaints to /hooks/{provider}/{token}. The token says which workspace the events belong to;
-- only its SHA-256 is kept (token_hash), since Crier never needs the token back, only to find the
-- hook it names. What verifies the provider's signature (SendGrid's public key, Mailgun's signing
-- key, Postmark's basic-auth user and password) is kept in material, sealed with the master key.
create table feedback_hook (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    provider     varchar(16) not null,
    token_hash   varchar(64) not null,
    material     varchar(4000) not null,
    created_at   timestamp with time zone not null,
    constraint feedback_hook_token unique (token_hash)
);
create index feedback_hook_workspace on feedback_hook (workspace_id, created_at);

-- Mailgun's tokens already taken, so a signed request replayed within its max age is refused;
-- rows older than the max age are pruned, when a replay would be refused by its timestamp anyway.
create table feedback_hook_nonce (
    hook_id uuid not null references feedback_hook (id) on delete cascade,
    nonce   varchar(128) not null,
    seen_at timestamp with time zone not null,
    primary key (hook_id, nonce)
);
create index feedback_hook_nonce_seen on feedback_hook_nonce (seen_at);
