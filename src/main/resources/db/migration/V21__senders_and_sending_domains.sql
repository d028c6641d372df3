-- Sending domains a workspace has claimed, with what the last DNS check found. verified_domain
-- holds the domain while it is verified and is null otherwise: unique, so only one workspace at a
-- time can have a domain verified (H2 has no partial unique index to say it more directly).
create table sending_domain (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    domain          varchar(253) not null,
    status          varchar(16) not null,
    verified_domain varchar(253),
    checks          text,
    checked_at      timestamp with time zone,
    created_at      timestamp with time zone not null,
    constraint sending_domain_domain unique (workspace_id, domain),
    constraint sending_domain_verified unique (verified_domain)
);

-- The From identities of a workspace. default_of holds the workspace's id on its default sender and
-- is null on every other: unique, so a workspace has at most one default.
create table sender (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    email        varchar(320) not null,
    name         varchar(200),
    reply_to     varchar(320),
    default_of   uuid,
    created_at   timestamp with time zone not null,
    constraint sender_email unique (workspace_id, email),
    constraint sender_default unique (default_of)
);
