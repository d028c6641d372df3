-- Crier's foundation schema. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- Every business table carries workspace_id: each query filters on it, so one workspace
-- can never read or detect another's rows.

create table workspace (
    id         uuid primary key,
    name       varchar(200) not null,
    created_at timestamp with time zone not null
);

create table api_key (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    name         varchar(200) not null,
    -- The first characters of the key, shown in listings so a person can tell keys apart.
    prefix       varchar(32) not null,
    -- SHA-256 of the whole key, hex. Keys are 256-bit random strings, so a fast hash is safe.
    key_hash     varchar(64) not null unique,
    scopes       varchar(200) not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
create index api_key_workspace on api_key (workspace_id, created_at);

create table contact (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    -- Stored lower-cased and trimmed: addresses compare case-insensitively everywhere.
    email         varchar(320) not null,
    first_name    varchar(200),
    last_name     varchar(200),
    user_id       varchar(200),
    -- A JSON object, stored as text so both databases treat it alike.
    custom_fields varchar,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint contact_email_unique unique (workspace_id, email)
);
create index contact_workspace_created on contact (workspace_id, created_at, id);

create table contact_list (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    name         varchar(200) not null,
    description  varchar(1000),
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);
create index contact_list_workspace on contact_list (workspace_id, created_at, id);

create table list_member (
    list_id    uuid not null references contact_list (id) on delete cascade,
    contact_id uuid not null references contact (id) on delete cascade,
    added_at   timestamp with time zone not null,
    primary key (list_id, contact_id)
);
create index list_member_contact on list_member (contact_id);

create table template (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    name         varchar(200) not null,
    subject      varchar(998),
    html         varchar,
    text         varchar,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);
create index template_workspace on template (workspace_id, created_at, id);

create table campaign (
    id                     uuid primary key,
    workspace_id           uuid not null references workspace (id) on delete cascade,
    name                   varchar(200) not null,
    subject                varchar(998),
    preview_text           varchar(500),
    from_email             varchar(320),
    from_name              varchar(200),
    reply_to               varchar(320),
    html                   varchar,
    text                   varchar,
    template_id            uuid references template (id) on delete set null,
    send_mode              varchar(20) not null,
    gradual_emails_per_day integer,
    gradual_growth         varchar(10),
    gradual_per_hour       integer,
    gradual_per_minute     integer,
    scheduled_at           timestamp with time zone,
    timezone               varchar(64),
    tracking_open          boolean not null,
    tracking_click         boolean not null,
    threshold_preset       varchar(20),
    status                 varchar(20) not null,
    archived               boolean not null default false,
    sent_at                timestamp with time zone,
    paused_at              timestamp with time zone,
    resumed_at             timestamp with time zone,
    aborted_at             timestamp with time zone,
    paused_reason          varchar(500),
    failure_reason         varchar(500),
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null
);
create index campaign_workspace on campaign (workspace_id, created_at, id);
create index campaign_status on campaign (status);

-- A campaign's audience: the union of its included lists minus its excluded lists.
create table campaign_list (
    campaign_id uuid not null references campaign (id) on delete cascade,
    list_id     uuid not null references contact_list (id) on delete cascade,
    excluded    boolean not null,
    position    integer not null,
    primary key (campaign_id, list_id)
);
create index campaign_list_list on campaign_list (list_id);

-- Counters kept apart from the campaign row, so the delivery engine's frequent batched
-- updates never contend with the row that carries the campaign's state.
create table campaign_stats (
    campaign_id     uuid primary key references campaign (id) on delete cascade,
    total_contacts  integer not null default 0,
    processed       integer not null default 0,
    sent            integer not null default 0,
    delivered       integer not null default 0,
    opened          integer not null default 0,
    clicked         integer not null default 0,
    bounced         integer not null default 0,
    unsubscribed    integer not null default 0,
    spam_reported   integer not null default 0,
    suppressed      integer not null default 0,
    failed          integer not null default 0
);
