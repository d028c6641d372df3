-- When a campaign began sending (its audience snapshot). A paused campaign that never started
-- resumes to scheduled, so it is started (and its audience taken) like any other; one that did
-- start resumes sending what is left.
alter table campaign add column started_at timestamp with time zone;
update campaign set started_at = updated_at
where exists (select 1 from delivery d where d.campaign_id = campaign.id);

-- A campaign's own bounce-rate limit (a fraction, and the deliveries needed before it applies);
-- without one, its thresholdPreset's applies. Presets are a fixed set now, balanced by default.
alter table campaign add column bounce_rate_threshold double precision;
alter table campaign add column bounce_min_sample integer;
update campaign set threshold_preset = 'balanced'
where threshold_preset is null or threshold_preset not in ('conservative', 'balanced', 'aggressive', 'off');
alter table campaign alter column threshold_preset set not null;

-- The sent and bounced counts when the campaign was last resumed: the bounce guard judges only
-- what was delivered since, so a resumed campaign gets a fresh minimum sample.
alter table campaign_stats add column bounce_base_sent integer not null default 0;
alter table campaign_stats add column bounce_base_bounced integer not null default 0;
