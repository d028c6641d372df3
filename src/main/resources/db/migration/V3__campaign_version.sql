-- Every write to a campaign row is a compare-and-set on this counter (where version = the one
-- read; set version = version + 1), so of two concurrent requests that read the same state, say
-- a pause and an abort, or two edits, only one applies; the other reads again and decides anew.
alter table campaign add column version bigint not null default 0;
