-- Finds a workspace's deliveries to an address, so that suppressing it withdraws the mail still
-- waiting for it in every campaign without scanning the ledger.
create index delivery_recipient on delivery (workspace_id, email);
