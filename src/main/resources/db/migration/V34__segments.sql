-- A contact list is a list, whose members are written, or a segment, whose members are the
-- workspace's contacts its filter matches when asked (docs/api.md, "Segments"). A sub-segment
-- matches only members of its parent; a parent cannot be deleted while a segment names it.
alter table contact_list add column type varchar(10) not null default 'list';
alter table contact_list add column filter_criteria varchar;
alter table contact_list add column parent_list_id uuid references contact_list (id);

-- Each contact's custom fields, typed, one row each, kept with the JSON column by the audience
-- module: a segment's rule on a custom field is a look-up in this key, alike on both databases
-- (H2 cannot read a field out of JSON text). A number is also a number, a date or instant also a
-- time, so greater-than and before compare by value, not by text. Null fields have no row.
create table contact_field (
    contact_id   uuid not null references contact (id) on delete cascade,
    name         varchar(200) not null,
    text_value   varchar not null,
    number_value numeric,
    time_value   timestamp with time zone,
    primary key (contact_id, name)
);

-- A segment's "opened"/"clicked" rule asks for one contact's events, of a kind, since a time.
create index tracking_event_contact on tracking_event (contact_id, kind, occurred_at);
