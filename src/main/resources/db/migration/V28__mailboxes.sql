-- Mailboxes Crier polls for bounces and replies (IMAP or POP3), per workspace or per sender (a
-- sender's replies). The password is sealed with the master key. A node takes a due mailbox with
-- a lease (poll_owner, poll_until), so only one node fetches a mailbox at a time; a dead node's
-- lease runs out and another takes over. failures counts the polls failed in a row, for back-off;
-- last_error says why the last one failed (null once a poll succeeds).
create table mailbox (
    id             uuid primary key,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    sender_id      uuid references sender (id) on delete cascade,
    protocol       varchar(8) not null,
    host           varchar(253) not null,
    port           integer not null,
    security       varchar(16) not null,
    username       varchar(320) not null,
    password       varchar(1000) not null,
    folder         varchar(200) not null,
    created_at     timestamp with time zone not null,
    next_poll_at   timestamp with time zone not null,
    poll_owner     uuid,
    poll_until     timestamp with time zone,
    last_poll_at   timestamp with time zone,
    last_error     varchar(1000),
    failures       integer not null default 0,
    fetched        bigint not null default 0
);
create index mailbox_workspace on mailbox (workspace_id, created_at);
create index mailbox_due on mailbox (next_poll_at);
