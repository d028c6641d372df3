-- DKIM signing keys given or generated through the API: at most one per sending domain per
-- workspace. Mail whose From address is at that domain is signed with it. The private key is kept
-- as PKCS#8 PEM, since signing needs it; the API never shows it, only the public DNS record.
create table dkim_key (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    domain       varchar(253) not null,
    selector     varchar(253) not null,
    private_key  text not null,
    created_at   timestamp with time zone not null,
    constraint dkim_key_domain unique (workspace_id, domain)
);
