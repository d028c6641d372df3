-- AutoSend's template and webhook fields that Crier had no column for. A template's type and
-- builder are AutoSend's labels, kept and shown as given; Crier sends every template the same way.
alter table template add column template_type varchar(40);
alter table template add column builder_type varchar(40);

-- A webhook can be switched off without deleting it (AutoSend's isActive), and keeps the caller's
-- metadata object as JSON text.
alter table webhook add column active boolean default true not null;
alter table webhook add column metadata varchar(4000);
