package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.campaign.CampaignStateMachine.Allow;
import io.crier.campaign.CampaignStateMachine.Decision;
import io.crier.campaign.CampaignStateMachine.Move;
import io.crier.campaign.CampaignStateMachine.NoOp;
import io.crier.campaign.CampaignStateMachine.Reject;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * Applies the lifecycle: every write of a stored campaign goes through here. Each one reads the
 * campaign, asks {@link CampaignStateMachine} what the action does to it, and writes the result
 * only if no other write came in between (compare-and-set on the version), telling listeners in the
 * same transaction when the status moved. A change that loses the race starts over from a fresh
 * read, so every decision is made on the state it applies to: of a pause and an abort sent
 * together exactly one applies first, and the other is decided on the result (a no-op, a move or
 * a 422).
 *
 * <p>"Send" stops at the storage level: the campaign becomes {@code scheduled} for its start time,
 * and the delivery engine moves it to {@code sending} when that time comes ({@link Action#DUE}).
 */
@Component
class CampaignLifecycle {

    /** Races on one campaign are rare and short; giving up after a few rounds beats spinning. */
    private static final int ATTEMPTS = 5;
    /** The calls that stop a campaign, and the statuses they leave it in, which they wait to hold on every node. */
    private static final Set<Action> STOPS = EnumSet.of(Action.PAUSE, Action.HOLD, Action.STOP_AND_ARCHIVE,
            Action.ABORT);
    private static final Set<CampaignStatus> STOPPED = EnumSet.of(CampaignStatus.PAUSED, CampaignStatus.ABORTED);

    private final CampaignRepository repository;
    private final CampaignEdits edits;
    private final FailedDeliveries failedDeliveries;
    private final LateEnrolments lateEnrolments;
    private final CampaignFence fence;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignLifecycle(CampaignRepository repository, CampaignEdits edits, FailedDeliveries failedDeliveries,
            LateEnrolments lateEnrolments, CampaignFence fence, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.edits = edits;
        this.failedDeliveries = failedDeliveries;
        this.lateEnrolments = lateEnrolments;
        this.fence = fence;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** The campaign; an id of another workspace, or no UUID at all, is the same 404 as an unknown one. */
    Campaign load(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(campaignId -> repository.find(workspaceId, campaignId))
                .orElseThrow(CampaignLifecycle::notFound);
    }

    void insert(Campaign campaign) {
        transactions.executeWithoutResult(status -> repository.insert(campaign));
    }

    /**
     * A verb a caller asked for (pause, resume, abort, archive, unarchive): the campaign moved, as
     * it was (a repeat), or a 422 that says why not. A pause or abort answers only once no node
     * will begin another SMTP transaction for the campaign (a repeat waits for the same fence
     * again), and with a 503 when that could not be confirmed.
     */
    Campaign apply(UUID workspaceId, String id, Action action) {
        Campaign campaign = update(workspaceId, id, current -> {
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

    /**
     * Publishes a draft to start at {@code requestedStart} (read in the campaign's timezone when it
     * has no offset), or else at its own start time, or now.
     */
    Campaign send(UUID workspaceId, String id, String requestedStart) {
        return update(workspaceId, id, campaign -> sent(campaign,
                startTime(requestedStart, campaign.settings().timezone()), Timestamps.now(clock)));
    }

    /** A requested start time, read in the campaign's timezone when it has no offset. */
    private static Instant startTime(String value, String timezone) {
        try {
            return value == null ? null : StartTimes.parse(value, timezone);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("scheduledAt", e.getMessage());
        }
    }

    /**
     * The campaign after a send request: a draft that has everything it needs becomes
     * {@code scheduled}; a start time in the past means now. For a campaign about to be written
     * by the caller (a create, or an edit that also publishes).
     */
    Campaign sent(Campaign campaign, Instant requestedStart, Instant now) {
        return switch (CampaignStateMachine.decide(campaign.state(), Action.SEND, now)) {
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

    /**
     * A move the engine makes (start when due, complete, fail, pause on its own), on a campaign of
     * any kind: empty unless the action moves the campaign as read and {@code stillApplies} holds
     * then. Joins the caller's transaction when there is one.
     */
    Optional<Campaign> applyForEngine(CampaignRef ref, Action action, String reason, BooleanSupplier stillApplies) {
        AtomicBoolean moved = new AtomicBoolean();
        Campaign result = update(ref.id().toString(), campaign -> {
            moved.set(false);
            Instant now = Timestamps.now(clock);
            if (CampaignStateMachine.decide(campaign.state(), action, now) instanceof Move move
                    && stillApplies.getAsBoolean()) {
                moved.set(true);
                return campaign.moved(action, move, now, reason);
            }
            return campaign;
        }, campaignId -> Ids.parse(campaignId).flatMap(id -> repository.findAnyKind(ref.workspaceId(), id))
                .orElseThrow(CampaignLifecycle::notFound));
        return moved.get() ? Optional.of(result) : Optional.empty();
    }

    /** A 422 unless {@code action} (an edit or a delete) may go ahead on the campaign as it is. */
    void checkAllowed(Campaign campaign, Action action) {
        if (CampaignStateMachine.decide(campaign.state(), action, Timestamps.now(clock)) instanceof Reject reject) {
            throw reject.error();
        }
    }

    /**
     * Re-queues the campaign's failed deliveries. A sent campaign with any goes back to sending;
     * with none, nothing changes (200 with the campaign as it is). A scheduled, sending or paused
     * campaign keeps its status, and its re-queued deliveries go out when it runs. The campaign's
     * version moves with every re-queue, so a concurrent completion, which re-reads the ledger for
     * the version it writes, cannot mark it sent with deliveries queued again.
     */
    Campaign retryFailed(UUID workspaceId, String id) {
        return updateTogether(workspaceId, id, campaign -> {
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
     * Enrols contacts already in the campaign's audience; how many first steps were queued now.
     * A started campaign queues them at once (a sent one goes back to sending for them). Every
     * enrolment moves the version, so a start or a completion racing with it is decided again on
     * the campaign as the enrolment left it: a start then takes the new contacts with its audience,
     * and a completion sees their queued steps.
     */
    int enrol(ApiPrincipal caller, String id, Collection<UUID> contactIds) {
        UUID workspaceId = caller.workspaceId();
        AtomicInteger queued = new AtomicInteger();
        updateTogether(workspaceId, id, campaign -> {
            SendScope.toEnrol(caller, campaign);
            queued.set(0);
            Instant now = Timestamps.now(clock);
            return switch (CampaignStateMachine.decide(campaign.state(), Action.ENROL, now)) {
                case Reject reject -> throw reject.error();
                case NoOp noOp -> campaign;
                case Allow allow -> {
                    if (campaign.startedAt() != null) {
                        queued.set(lateEnrolments.queueFirstStep(campaign.id(), workspaceId, contactIds, now));
                    }
                    yield campaign.edited(campaign.settings(), now);
                }
                case Move move -> {
                    queued.set(lateEnrolments.queueFirstStep(campaign.id(), workspaceId, contactIds, now));
                    yield queued.get() == 0 ? campaign : campaign.moved(Action.ENROL, move, now);
                }
            };
        });
        return queued.get();
    }

    /**
     * Applies {@code change} to the campaign as it is now: an edit, which decides for itself with
     * {@link #checkAllowed} and {@link #sent}. It returns the next campaign, or the very campaign
     * it was given to leave it as it is, or throws to refuse.
     */
    Campaign update(UUID workspaceId, String id, UnaryOperator<Campaign> change) {
        return update(id, change, campaignId -> load(workspaceId, campaignId));
    }

    /** Deletes the campaign if the state machine allows it (only drafts). */
    void delete(UUID workspaceId, String id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Campaign current = load(workspaceId, id);
            checkAllowed(current, Action.DELETE);
            if (repository.delete(current)) {
                return;
            }
        }
        throw concurrentChanges();
    }

    private Campaign update(String id, UnaryOperator<Campaign> change, Function<String, Campaign> loader) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Campaign current = loader.apply(id);
            Campaign next = change.apply(current);
            if (next == current) {
                return current;
            }
            if (Boolean.TRUE.equals(transactions.execute(status -> save(current, next)))) {
                return next;
            }
        }
        throw concurrentChanges();
    }

    /**
     * Like {@link #update}, but reading, deciding and writing happen in one transaction, so what the
     * change writes besides the campaign (queued deliveries) commits with the campaign's new
     * version or, when another write came first, is rolled back and decided again.
     */
    private Campaign updateTogether(UUID workspaceId, String id, UnaryOperator<Campaign> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Campaign result = transactions.execute(status -> {
                Campaign current = load(workspaceId, id);
                Campaign next = change.apply(current);
                if (next == current || save(current, next)) {
                    return next;
                }
                status.setRollbackOnly();
                return null;
            });
            if (result != null) {
                return result;
            }
        }
        throw concurrentChanges();
    }

    /** Writes the change and, in the same transaction, tells listeners when the status moved. */
    private boolean save(Campaign current, Campaign next) {
        if (!repository.save(current, next)) {
            return false;
        }
        if (current.status() != next.status()) {
            events.publishEvent(new CampaignStatusChanged(current.id(), current.workspaceId(),
                    current.status(), next.status(), reason(next),
                    repository.isTransactional(current.id())));
        }
        return true;
    }

    private static String reason(Campaign campaign) {
        return switch (campaign.status()) {
            case PAUSED -> campaign.pausedReason();
            case FAILED -> campaign.failureReason();
            default -> null;
        };
    }

    /** 503: the change holds, but not every node has confirmed it; repeating the call is safe and waits again. */
    private static ApiException fenceNotConfirmed(CampaignStatus status) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.FENCE_NOT_CONFIRMED, "The campaign is "
                + status.wire() + ", but not every node has confirmed yet that it stopped sending it, so a message"
                + " may still begin. A retry is safe: it changes nothing more and waits for the nodes again");
    }

    private static ApiException notFound() {
        return ApiException.notFound("CAMPAIGN", "Campaign");
    }

    private static ApiException concurrentChanges() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT,
                "The campaign is being changed by other requests at the same time; try again");
    }
}
