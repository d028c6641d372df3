package io.crier.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The campaign module's view of enrolling contacts into a campaign that has started, which the
 * delivery engine owns and implements: their first step is queued in the same transaction that
 * records the enrolment on the campaign.
 */
public interface LateEnrolments {

    /**
     * Queues step 0 of the campaign, due at {@code now}, for each of these contacts of the
     * workspace that has no step 0 in it yet and is not suppressed; joins the caller's transaction.
     * Returns how many were queued.
     */
    int queueFirstStep(UUID campaignId, UUID workspaceId, Collection<UUID> contactIds, Instant now);

    /** Those of these contacts of the workspace whose address is on its suppression list. */
    Set<UUID> suppressed(UUID workspaceId, Collection<UUID> contactIds);
}
