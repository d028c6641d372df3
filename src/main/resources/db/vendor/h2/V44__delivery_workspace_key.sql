-- A campaign's start inserts one delivery row per recipient, and every row's foreign-key check and
-- index entry is paid again when its transaction commits. As on PostgreSQL (V20), the workspace
-- key is checked for nothing: every delivery belongs to a campaign, whose own key to its workspace
-- already cascades a workspace's deletion to its deliveries. On H2 the key also took an index of
-- its own (delivery_recipient, which starts with workspace_id, came later), which goes with it.
-- H2 named the key itself, so it is found by its column.
execute immediate 'alter table delivery drop constraint ' || quote_ident((
    select tc.constraint_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage k
      on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
    where tc.table_name = 'delivery' and tc.constraint_type = 'FOREIGN KEY' and k.column_name = 'workspace_id'));
