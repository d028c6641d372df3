package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.campaign.CampaignStateMachine.Allow;
import io.crier.campaign.CampaignStateMachine.Decision;
import io.crier.campaign.CampaignStateMachine.Move;
import io.crier.campaign.CampaignStateMachine.NoOp;
import io.crier.campaign.CampaignStateMachine.Reject;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.Timestamps;

/**
 * Moves campaigns through their lifecycle on request: send, pause, resume, abort, retry-failed,
 * archive and unarchive, each decided by {@link CampaignStateMachine} and applied race-safely.
 *
 * <p>"Send" stops at the storage level: the campaign becomes {@code scheduled} for its start time,
 * and the delivery engine moves it to {@code sending} when that time comes. That is also what
 * AutoSend answers to a create with {@code publish} and {@code sendNow}.
 */
@Service
class CampaignTransitions {

    private final CampaignChanges changes;
    private final CampaignEdits edits;
    /** The calls that stop a campaign, and the statuses they leave it in, which they wait to hold on every node. */
    private static final Set<Action> STOPS = EnumSet.of(Action.PAUSE, Action.ABORT);
    private static final Set<CampaignStatus> STOPPED = EnumSet.of(CampaignStatus.PAUSED, CampaignStatus.ABORTED);

    private final FailedDeliveries failedDeliveries;
    private final CampaignFence fence;
    private final Clock clock;

    CampaignTransitions(CampaignChanges changes, CampaignEdits edits, FailedDeliveries failedDeliveries,
            CampaignFence fence, Clock clock) {
        this.changes = changes;
        this.edits = edits;
        this.failedDeliveries = failedDeliveries;
        this.fence = fence;
        this.clock = clock;
    }

    /**
     * Starts a draft at {@code requestedStart} (read in the campaign's timezone when it has no
     * offset), or else at its own {@code scheduledAt}, or now.
     */
    Campaign send(UUID workspaceId, String id, String requestedStart) {
        return changes.update(workspaceId, id, campaign -> start(campaign,
                startTime(requestedStart, campaign.settings().timezone()), Timestamps.now(clock)));
    }

    private static Instant startTime(String value, String timezone) {
        try {
            return value == null ? null : StartTimes.parse(value, timezone);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("scheduledAt", e.getMessage());
        }
    }

    /**
     * Pause, resume, abort, archive or unarchive. A pause or abort answers only once no node will
     * begin another SMTP transaction for the campaign (a repeat waits for the same fence again), and
     * with a 503 when that could not be confirmed.
     */
    Campaign apply(UUID workspaceId, String id, Action action) {
        Campaign campaign = changes.update(workspaceId, id, current -> {
            Instant now = Timestamps.now(clock);
            return switch (CampaignStateMachine.decide(current.state(), action, now)) {
                case Move move -> current.moved(action, move, now);
                case NoOp noOp -> current;
                case Reject reject -> throw reject.error();
                case Allow allow -> throw new IllegalArgumentException(action + " is not a state change");
            };
        });
        if (STOPS.contains(action) && STOPPED.contains(campaign.status())
                && !fence.awaitStopped(campaign.id(), campaign.status())) {
            throw fenceNotConfirmed(campaign.status());
        }
        return campaign;
    }

    /** 503: the change holds, but not every node has confirmed it; repeating the call is safe and waits again. */
    private static ApiException fenceNotConfirmed(CampaignStatus status) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.FENCE_NOT_CONFIRMED, "The campaign is "
                + status.wire() + ", but not every node has confirmed yet that it stopped sending it, so a message"
                + " may still begin. A retry is safe: it changes nothing more and waits for the nodes again");
    }

    /**
     * Re-queues the campaign's failed deliveries. A sent campaign with any goes back to sending;
     * with none, nothing changes (200 with the campaign as it is). A scheduled, sending or paused
     * campaign keeps its status, and its re-queued deliveries go out when it runs. The campaign's
     * version moves with every re-queue, so a concurrent completion, which re-reads the ledger for
     * the version it writes, cannot mark it sent with deliveries queued again.
     */
    Campaign retryFailed(UUID workspaceId, String id) {
        return changes.updateTogether(workspaceId, id, campaign -> {
            Instant now = Timestamps.now(clock);
            Decision decision = CampaignStateMachine.decide(campaign.state(), Action.RETRY, now);
            if (decision instanceof Reject reject) {
                throw reject.error();
            }
            if (failedDeliveries.requeue(campaign.id(), now) == 0) {
                return campaign;
            }
            return decision instanceof Move move ? campaign.moved(Action.RETRY, move, now)
                    : campaign.edited(campaign.settings(), now);
        });
    }

    /**
     * The campaign after a send request: a draft that has everything it needs becomes
     * {@code scheduled}; a start time in the past means now.
     */
    Campaign start(Campaign campaign, Instant requestedStart, Instant now) {
        Decision decision = CampaignStateMachine.decide(campaign.state(), Action.SEND, now);
        return switch (decision) {
            case Move move -> {
                edits.checkReady(campaign.workspaceId(), campaign.settings());
                Instant startAt = requestedStart != null ? requestedStart : campaign.settings().scheduledAt();
                startAt = startAt == null || startAt.isBefore(now) ? now : startAt;
                yield campaign.edited(campaign.settings().withScheduledAt(startAt), now)
                        .moved(Action.SEND, move, now);
            }
            case NoOp noOp -> campaign;
            case Reject reject -> throw reject.error();
            case Allow allow -> throw new IllegalStateException("SEND is a state change");
        };
    }
}
