-- Unsubscribe groups (audience), AutoSend's suppression groups: a named set of lists, today the
-- one list each group is created with, so leaving a group is the per-list status of issue 17
-- (unsubscribed on the group's list) and one mechanism serves lists and groups. Deleting the
-- group's list deletes the group.
create table unsubscribe_group (
    id uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    name varchar(200) not null,
    description varchar(1000),
    active boolean not null default true,
    list_id uuid not null references contact_list (id) on delete cascade,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index unsubscribe_group_workspace on unsubscribe_group (workspace_id, created_at);

-- The group a campaign (or a transactional call's hidden campaign) is sent under (campaign): its
-- leavers are not mailed, and its unsubscribe link leaves that group. No foreign key: a group
-- deleted later leaves the campaign sending to everyone its lists hold.
alter table campaign add column unsubscribe_group_id uuid;
