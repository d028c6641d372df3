package io.crier.delivery;

import java.util.Map;
import java.util.UUID;

/** A delivery this node holds the lease of, with what rendering its message needs. */
record ClaimedDelivery(long id, UUID campaignId, UUID workspaceId, UUID contactId, int step, String email,
        int attempts, String firstName, String lastName, String userId, Map<String, Object> customFields) {
}
