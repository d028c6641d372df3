-- Transactional mail (POST /v1/mails/send and /bulk) runs through the same engine as campaigns:
-- each call is a hidden campaign of kind 'transactional' that starts at once, and each message
-- is a delivery row that carries its own recipient instead of pointing at a contact.
alter table campaign add column kind varchar(16) default 'campaign' not null;

-- The id a caller reads the message back by: random, so ids reveal nothing across workspaces.
alter table delivery add column message_id uuid;
-- The recipient's display name and placeholder values ({{name}} ...), a JSON object as text.
alter table delivery add column recipient_name varchar(200);
alter table delivery add column dynamic_data varchar;
alter table delivery add column created_at timestamp with time zone;
create unique index delivery_message_id on delivery (message_id);
