package io.crier.campaign;

import java.util.UUID;

/**
 * Published inside the transaction that changes a campaign's status, so a listener that writes
 * (the delivery engine's fence) commits or rolls back with the change. {@code from} and
 * {@code to} are status names as the API shows them; {@code reason} says why the engine paused or
 * failed the campaign (null for a move someone asked for). {@code transactional} marks the hidden
 * campaign behind a transactional mail call, whose moves the engine needs but nobody is told of.
 */
public record CampaignStatusChanged(UUID campaignId, UUID workspaceId, String from, String to, String reason,
        boolean transactional) {

    /** True when the campaign must stop sending: paused, aborted, or otherwise no longer running. */
    public boolean stopsSending() {
        return "paused".equals(to) || "aborted".equals(to) || isSending(from) && !isSending(to);
    }

    /** A paused campaign goes on: back to sending, or to scheduled if it had not started. */
    public boolean isResume() {
        return "paused".equals(from) && !"aborted".equals(to);
    }

    public boolean isAbort() {
        return "aborted".equals(to);
    }

    private static boolean isSending(String status) {
        return "sending".equals(status) || "sending_gradual".equals(status);
    }
}
