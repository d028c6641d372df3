-- An erased contact's suppression entry (io.crier.suppression.ErasedAddresses), computed inside
-- set-based statements: the snapshot and enrolments keep erased addresses out with it.
create function erased_address(key_hex varchar, email varchar) returns varchar
    language sql immutable strict parallel safe
    as $$ select 'erased:' || encode(sha256(decode(key_hex, 'hex') || convert_to(email, 'UTF8')), 'hex') $$;
