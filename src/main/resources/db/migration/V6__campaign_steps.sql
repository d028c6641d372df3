-- Multi-step campaigns. Step 0 is the campaign's own subject and content; its follow-up steps
-- (1, 2, ...) are stored here. Step n of a contact is queued when step n - 1 was sent to that
-- contact, due its delay later (days, hours and minutes, kept as given).
create table campaign_step (
    campaign_id   uuid not null references campaign (id) on delete cascade,
    step          integer not null,
    subject       varchar(998),
    preview_text  varchar(500),
    html          varchar,
    text          varchar,
    template_id   uuid references template (id) on delete set null,
    delay_days    integer not null,
    delay_hours   integer not null,
    delay_minutes integer not null,
    primary key (campaign_id, step)
);

-- Outcome counters of each follow-up step, beside campaign_stats (which counts every step's
-- messages together). Only final outcomes that never change again are counted per step.
create table campaign_step_stats (
    campaign_id uuid not null references campaign (id) on delete cascade,
    step        integer not null,
    sent        integer not null default 0,
    bounced     integer not null default 0,
    primary key (campaign_id, step)
);
