package io.crier.campaign;

import java.util.UUID;

/**
 * The delivery engine's pause fence, as the campaign module asks for it: a pause or abort call,
 * once its change has committed, waits here until no node will begin another SMTP transaction for
 * the campaign, and answers only then.
 */
public interface CampaignFence {

    /**
     * Returns true once every live node has stopped sending the campaign, now {@code status}; false
     * when that could not be confirmed: not in time, or not at all (the database failed, the
     * thread was interrupted).
     */
    boolean awaitStopped(UUID campaignId, CampaignStatus status);
}
