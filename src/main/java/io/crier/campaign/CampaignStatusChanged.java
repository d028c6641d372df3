package io.crier.campaign;

import java.util.UUID;

/**
 * Published inside the transaction that changes a campaign's status, so a listener that writes
 * (the delivery engine's fence) commits or rolls back with the change. {@code reason} says why the
 * engine paused or failed the campaign (null for a move someone asked for). {@code transactional}
 * marks the hidden campaign behind a transactional mail call, whose moves the engine needs but
 * nobody is told of.
 */
public record CampaignStatusChanged(UUID campaignId, UUID workspaceId, CampaignStatus from, CampaignStatus to,
        String reason, boolean transactional) {

    /** A paused campaign goes on: back to sending, or to scheduled if it had not started. */
    public boolean isResume() {
        return from == CampaignStatus.PAUSED && to != CampaignStatus.ABORTED;
    }

    public boolean isAbort() {
        return to == CampaignStatus.ABORTED;
    }

    /** Aborted, or failed: nothing still queued for the campaign may go out. */
    public boolean endsSending() {
        return isAbort() || to == CampaignStatus.FAILED;
    }
}
