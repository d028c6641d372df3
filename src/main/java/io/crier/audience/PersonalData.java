package io.crier.audience;

import java.util.Map;
import java.util.UUID;

/**
 * What one module holds about a person, for the GDPR export and erasure of a contact
 * ({@code GET /v1/contacts/{id}/export}, {@code DELETE /v1/contacts/{id}?erase=true}): each module
 * that keeps personal data in its own tables implements it, so only the owner reads and deletes
 * its rows. Erasure runs every implementation in one transaction, in their {@code @Order}.
 */
public interface PersonalData {

    /** The {@code @Order} of a module that finds the address's rows through delivery ids: before the ledger's. */
    int BEFORE_LEDGER = 0;
    /** The {@code @Order} of the delivery ledger's own erasure. */
    int LEDGER = 1;

    /** Sections of the export (a name and its rows), for the workspace's stored-form address. */
    Map<String, Object> export(UUID workspaceId, String email);

    /** Deletes every row of this module about the address, in the caller's transaction. */
    void erase(UUID workspaceId, String email);
}
