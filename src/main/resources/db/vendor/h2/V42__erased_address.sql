-- An erased contact's suppression entry (io.crier.suppression.ErasedAddresses), computed inside
-- set-based statements: the snapshot and enrolments keep erased addresses out with it.
create alias erased_address deterministic for 'io.crier.suppression.ErasedAddresses.entry';
