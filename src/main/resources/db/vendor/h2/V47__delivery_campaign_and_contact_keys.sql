-- Every claim and every outcome rewrites its delivery rows, and H2 takes an updated row out of
-- every index of its table and puts it back, whichever columns changed. When the table was made,
-- H2 gave its campaign and contact keys an index each (on campaign_id, on contact_id), and H2 2.x
-- lets a key use only an index of exactly its columns, so delivery_once and delivery_contact could
-- not serve them. Without the two keys and their indexes an H2 node sent 1.31 times as many
-- messages a second for 0.75 of the CPU a message (docs/benchmarks.md). What the keys did:
-- - the campaign key's cascade had nothing to do: only a draft can be deleted, and a draft has no
--   deliveries (every delivery row comes from a campaign's start or from transactional mail);
-- - the contact key's "set null" is done by the ledger itself when contacts are deleted
--   (io.crier.delivery.DeletedContacts, on both databases).
-- PostgreSQL keeps both keys: it made no index for them, and its rewrites do not check them.
-- H2 named the keys itself, so each is found by its column (as in V44).
execute immediate 'alter table delivery drop constraint ' || quote_ident((
    select tc.constraint_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage k
      on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
    where tc.table_name = 'delivery' and tc.constraint_type = 'FOREIGN KEY' and k.column_name = 'campaign_id'));
execute immediate 'alter table delivery drop constraint ' || quote_ident((
    select tc.constraint_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage k
      on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
    where tc.table_name = 'delivery' and tc.constraint_type = 'FOREIGN KEY' and k.column_name = 'contact_id'));
