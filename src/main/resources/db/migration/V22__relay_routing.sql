-- A workspace's routing rules (delivery's PoolRouting): which relay pool its mail goes through, by
-- campaign, by sender domain or for the whole workspace. match_key says which:
-- 'campaign:<id>', 'domain:<domain>' or 'workspace', one rule each.
create table relay_route (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    match_key     varchar(300) not null,
    campaign_id   uuid references campaign (id) on delete cascade,
    sender_domain varchar(253),
    pool          varchar(100) not null,
    created_at    timestamp with time zone not null,
    unique (workspace_id, match_key)
);

-- A campaign's sending window (campaign's SendingWindowSettings): days (mon,...; null: every day),
-- from and to as HH:mm, in window_timezone (null: the campaign's timezone, else UTC). No window
-- when window_from is null.
alter table campaign add column window_days varchar(30);
alter table campaign add column window_from varchar(5);
alter table campaign add column window_to varchar(5);
alter table campaign add column window_timezone varchar(64);

-- Send slots shared by every node (delivery's SendSlots): one row per relay pool with limits
-- ('pool:<name>') and per recipient-provider throttle ('provider:<name>'), locked while slots are
-- taken, as campaign_pacing is for gradual campaigns. day_count counts the slots taken since
-- day_start (a UTC midnight), for a pool's daily volume.
create table send_slot (
    name         varchar(200) primary key,
    next_slot_at timestamp with time zone not null,
    day_start    timestamp with time zone not null,
    day_count    bigint not null
);
