-- The ledger no longer keeps an index by address. A campaign's start filled delivery_recipient
-- (workspace, address) in random order, one cache miss per row: half of a million-recipient
-- start's CPU on H2 (docs/benchmarks.md). A delivery to an address is found through its contact
-- instead, whose ids a start's ranges walk in order; one without a contact (transactional mail, a
-- deleted contact's) by its address under the null contact in the same index.
create index delivery_contact on delivery (contact_id, workspace_id, email);
drop index delivery_recipient;

-- The addresses a contact had before its current one (the audience's), so that mail it was sent
-- there is still found by that address: a suppression withdraws it, a bounce from it is matched,
-- an export or erasure of the address includes it. Never the contact's current address.
create table contact_former_address (
    workspace_id uuid not null,
    email        varchar(320) not null,
    contact_id   uuid not null,
    left_at      timestamp with time zone not null,
    primary key (workspace_id, email, contact_id)
);
-- Before the key, so that H2 takes it for the key rather than making one of its own.
create index contact_former_address_contact on contact_former_address (contact_id);
alter table contact_former_address add constraint contact_former_address_contact_key
    foreign key (contact_id) references contact (id) on delete cascade;

-- Changes made before this version are known only from the ledger: a contact's delivery to
-- another address than its own. It left that address at its last change at the latest.
insert into contact_former_address (workspace_id, email, contact_id, left_at)
select distinct d.workspace_id, d.email, d.contact_id, c.updated_at
from delivery d join contact c on c.id = d.contact_id
where d.email <> c.email;
