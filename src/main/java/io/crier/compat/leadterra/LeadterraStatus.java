package io.crier.compat.leadterra;

import io.crier.campaign.CampaignStatus;

/**
 * Crier's campaign statuses in Leadterra's three: {@code draft}, {@code running} (scheduled,
 * sending, or sent: a sequence with no lead left to mail still runs, and takes new leads) and
 * {@code paused}. Leadterra has nothing for an aborted or failed campaign, which only the native
 * API or another dialect can make; those keep Crier's names.
 */
final class LeadterraStatus {

    static final String DRAFT = "draft";
    static final String RUNNING = "running";
    static final String PAUSED = "paused";

    private LeadterraStatus() {
    }

    static String ofNative(CampaignStatus status) {
        return switch (status) {
            case DRAFT -> DRAFT;
            case SCHEDULED, SENDING, SENDING_GRADUAL, SENT -> RUNNING;
            case PAUSED -> PAUSED;
            case ABORTED, FAILED -> status.wire();
        };
    }

    /** Whether the campaign sends no more: aborted or failed. */
    static boolean isEnded(CampaignStatus status) {
        return status == CampaignStatus.ABORTED || status == CampaignStatus.FAILED;
    }
}
