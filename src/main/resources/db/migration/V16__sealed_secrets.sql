-- Stored secrets are sealed with the master key (see docs/security.md, "Secrets at rest"): the
-- sealed form (crier:v1:<key id>:<nonce>:<ciphertext>, base64url) is longer than the secret. Each
-- owning module seals plaintext rows, and rows sealed under an older master key, when it starts.
alter table webhook alter column secret set data type varchar(1000);
alter table link_secret alter column secret set data type varchar(200);
-- A sealed PKCS#8 key of 4096 bits is about 4,500 characters; varchar (not text) lets the resealing
-- compare the old value on H2 as on PostgreSQL.
alter table dkim_key alter column private_key set data type varchar(8000);
