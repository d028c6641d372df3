-- A campaign's start inserts one delivery row per recipient, and on PostgreSQL each row's index
-- entries and foreign-key triggers are most of that insert's cost (docs/benchmarks.md).
--
-- The workspace key is checked for nothing: every delivery belongs to a campaign, whose own key
-- to its workspace already cascades a workspace's deletion to its deliveries.
alter table delivery drop constraint delivery_workspace_id_fkey;

-- Only claimed rows carry a lease, and every query on leases asks for claimed rows.
drop index delivery_lease;
create index delivery_lease on delivery (lease_until) where status = 'claimed';

-- Only transactional mail has a message id; campaign rows no longer each add a null entry.
drop index delivery_message_id;
create unique index delivery_message_id on delivery (message_id) where message_id is not null;
