package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.campaign.CampaignStateMachine.Move;

/**
 * A stored campaign: its settings and where it is in its lifecycle.
 *
 * @param startedAt when the campaign began sending (its audience was taken); null until then
 * @param version   bumped by every write; a write applies only to the version it read
 */
record Campaign(
        UUID id,
        UUID workspaceId,
        CampaignSettings settings,
        CampaignStatus status,
        boolean archived,
        Instant startedAt,
        Instant sentAt,
        Instant pausedAt,
        Instant resumedAt,
        Instant abortedAt,
        String pausedReason,
        String failureReason,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static Campaign draft(UUID id, UUID workspaceId, CampaignSettings settings, Instant now) {
        return new Campaign(id, workspaceId, settings, CampaignStatus.DRAFT, false, null, null, null, null, null,
                null, null, now, now, 0);
    }

    CampaignState state() {
        return new CampaignState(status, archived, settings.sendMode(), settings.scheduledAt(), startedAt != null);
    }

    /** What a caller may ask of it now; retry-failed needs failed deliveries, which its metrics count. */
    List<CampaignAction> allowedActions(CampaignMetrics metrics, Instant now) {
        return CampaignStateMachine.allowedActions(state(), metrics.failedCount() > 0, now);
    }

    /** The campaign with other settings, changed at {@code now}. */
    Campaign edited(CampaignSettings newSettings, Instant now) {
        return new Campaign(id, workspaceId, newSettings, status, archived, startedAt, sentAt, pausedAt, resumedAt,
                abortedAt,
                pausedReason, failureReason, createdAt, now, version);
    }

    Campaign withSettings(CampaignSettings newSettings) {
        return edited(newSettings, updatedAt);
    }

    /** The campaign after {@code action} moved it, with the time of the move where it keeps one. */
    Campaign moved(Action action, Move move, Instant now) {
        return moved(action, move, now, null);
    }

    /**
     * The same, with why: a pause's reason (none for a pause someone asked for) or a failure's.
     * What each action records besides the new status, beside the state machine's table: the
     * time it stamps, the reason it keeps or clears.
     */
    Campaign moved(Action action, Move move, Instant now, String reason) {
        Instant started = startedAt;
        Instant sent = sentAt;
        Instant paused = pausedAt;
        Instant resumed = resumedAt;
        Instant aborted = abortedAt;
        String pauseReason = pausedReason;
        String failure = failureReason;
        switch (action) {
            case DUE -> started = now;
            case COMPLETE -> sent = now;
            case RETRY, ENROL -> sent = null;
            case PAUSE, HOLD -> {
                paused = now;
                pauseReason = reason;
            }
            case STOP_AND_ARCHIVE -> {
                if (status != move.status()) {
                    paused = now;
                }
            }
            case RESUME -> {
                resumed = now;
                pauseReason = null;
            }
            case ABORT -> aborted = now;
            case FAIL -> failure = reason;
            case SEND, ARCHIVE, UNARCHIVE, DELETE, EDIT -> {
                // the status alone
            }
        }
        return new Campaign(id, workspaceId, settings, move.status(), move.archived(), started, sent, paused, resumed,
                aborted, pauseReason, failure, createdAt, now, version);
    }
}
