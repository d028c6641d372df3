-- Finds the finished (delivered or failed) webhook deliveries older than the retention, which
-- every sending node deletes from time to time.
create index webhook_delivery_finished on webhook_delivery (status, updated_at);
