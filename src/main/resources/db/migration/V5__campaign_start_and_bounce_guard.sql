-- When a campaign began sending (its audience snapshot). A paused campaign that never started
-- resumes to scheduled, so it is started (and its audience taken) like any other; one that did
-- start resumes sending what is left.
alter table campaign add column started_at timestamp with time zone;
update campaign set started_at = updated_at
where exists (select 1 from delivery d where d.campaign_id = campaign.id);
