-- A range's queued count, set when its contacts are queued and added to the campaign's figures in a
-- transaction of its own: the campaign's counter row, locked to a range's long commit, held the
-- other workers' ranges (and the senders' outcome flushes) behind it. Null: not queued yet.
alter table audience_chunk add column queued integer;
