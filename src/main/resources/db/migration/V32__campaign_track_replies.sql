-- A campaign may have its messages' Reply-To rewritten to a reply address of Crier's (reply+<token>@
-- the reply domain), so replies come back to it; reply_to keeps the address they are passed on to.
alter table campaign add column track_replies boolean not null default false;
