package io.crier.delivery.engine;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A delivery this node holds the lease of, with what rendering its message needs, and when it fell
 * due (its {@code not_before}, for the claim-lag metric). A transactional
 * message carries its own recipient: a {@code messageId}, a {@code recipientName} and its
 * {@code dynamicData}; for a campaign's delivery these are null.
 */
record ClaimedDelivery(long id, UUID campaignId, UUID workspaceId, UUID contactId, int step, String email,
        int attempts, String firstName, String lastName, String userId, Map<String, Object> customFields,
        UUID messageId, String recipientName, Map<String, Object> dynamicData, Instant due) {

    /** A transactional message needs no contact; a campaign's delivery whose contact was deleted has none left. */
    boolean contactDeleted() {
        return contactId == null && messageId == null;
    }
}
