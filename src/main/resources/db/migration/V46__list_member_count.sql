-- A list's member count, kept with its memberships: every answer that shows a list (a campaign's
-- too: a pause answers the campaign) read it with a count(*) over the list's members, which took
-- 20-50 ms for a list of 100,000 while sending and grew with the list. A segment's count is its
-- filter's and stays 0 here.
alter table contact_list add column member_count bigint default 0 not null;
update contact_list set member_count = (select count(*) from list_member m where m.list_id = contact_list.id);
