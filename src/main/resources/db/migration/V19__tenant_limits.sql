-- Test messages each workspace sent per UTC day (TestSendQuota): shared by every node, so the
-- daily quota holds for the installation. A workspace's earlier days are deleted on its first test
-- of a new day.
create table test_send_count (
    workspace_id uuid not null references workspace (id) on delete cascade,
    sent_on      date not null,
    sent         integer not null,
    primary key (workspace_id, sent_on)
);

-- Opens and clicks past crier.tracking.retention are deleted by their time (TrackingRetention).
create index tracking_event_occurred on tracking_event (occurred_at);
