-- Per-list subscription status (issue 17): a contact is subscribed, unconfirmed (signed up on a
-- double opt-in form, link not followed yet) or unsubscribed on each list. Campaigns mail only
-- subscribed members; every existing member was put there by the API, so it is subscribed.
alter table list_member add column status varchar(20) default 'subscribed' not null;
-- When the status last changed (added_at for existing rows; Crier always sets it, the default
-- only serves SQL written before it existed).
alter table list_member add column status_at timestamp with time zone default current_timestamp not null;
update list_member set status_at = added_at;
-- When the last confirmation mail went out for this membership: the confirmation link carries it,
-- so only the newest link confirms, and the form mails an address at most once a day.
alter table list_member add column confirmation_sent_at timestamp with time zone;

-- A list may take sign-ups on a public form; double opt-in holds them unconfirmed until the
-- mailed link is followed. consent_text is what the form shows beside its button.
alter table contact_list add column public_form boolean default false not null;
alter table contact_list add column double_opt_in boolean default true not null;
alter table contact_list add column consent_text varchar(2000);

-- Proof of consent: who agreed to what, when, where from. Kept while the contact exists.
create table consent_record (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    contact_id   uuid not null references contact (id) on delete cascade,
    list_id      uuid references contact_list (id) on delete set null,
    -- Which form: hosted page, embedded snippet or JSON endpoint, and the list's name then.
    source       varchar(20) not null,
    list_name    varchar(200) not null,
    ip_address   varchar(45),
    user_agent   varchar(500),
    consent_text varchar(2000) not null,
    created_at   timestamp with time zone not null,
    confirmed_at timestamp with time zone
);
create index consent_record_contact on consent_record (contact_id, created_at);
