package io.crier.campaign;

import static io.crier.campaign.CampaignStatus.ABORTED;
import static io.crier.campaign.CampaignStatus.DRAFT;
import static io.crier.campaign.CampaignStatus.FAILED;
import static io.crier.campaign.CampaignStatus.PAUSED;
import static io.crier.campaign.CampaignStatus.SCHEDULED;
import static io.crier.campaign.CampaignStatus.SENT;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;

/**
 * Every rule of a campaign's lifecycle, in one place and free of I/O: given a campaign's state and
 * an action, whether the action moves it to a new state, may go ahead without changing it (edit,
 * delete), changes nothing (a repeat, answered 200 with the current state) or is refused.
 *
 * <p>The rules, in short (CampaignStateMachineTest holds the full table):
 * <ul>
 * <li>Send publishes a draft ({@code scheduled}); on a scheduled or sending campaign it is a no-op;
 *     a paused campaign is resumed, not sent again.</li>
 * <li>Pause stops a scheduled or sending campaign; on a draft or a paused one it is a no-op;
 *     sent, aborted and failed campaigns cannot be paused (422).</li>
 * <li>Resume returns a paused campaign that had started sending to {@code sending} or
 *     {@code sending_gradual} by its send mode. One paused before it started goes back to
 *     {@code scheduled}, to be started (its audience taken) when its time comes, which may be at
 *     once. On a scheduled or sending campaign resume is a no-op; a draft has never been sent, so
 *     resuming it is a 422.</li>
 * <li>Retry-failed re-queues a campaign's failed deliveries: a sent campaign goes back to
 *     {@code sending} or {@code sending_gradual} (its caller moves it only when something was
 *     re-queued); scheduled, sending and paused campaigns keep their status (the deliveries go
 *     out when they run); a draft has sent nothing and an aborted or failed campaign sends no
 *     more, so those are a 422.</li>
 * <li>Enrol adds contacts to a campaign: a draft's audience is taken when it starts, so there is
 *     nothing to do; a scheduled, sending or paused campaign queues their first step if it has
 *     started (a paused campaign holds it); a sent campaign queues it and goes back to sending;
 *     aborted and failed campaigns send no more (422).</li>
 * <li>Hold is the pause of a campaign that stays open to new contacts (Leadterra's sequences, which
 *     never finish): as pause, and a sent campaign is paused too, so contacts enrolled later
 *     wait for a resume.</li>
 * <li>Abort ends a scheduled, sending or paused campaign for good; repeating it is a no-op.</li>
 * <li>Edits are allowed while nothing is being sent: draft, scheduled, paused.</li>
 * <li>Only drafts can be deleted: AutoSend's 400 ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED.</li>
 * <li>{@code archived} is a flag beside the status. Only campaigns with nothing pending (draft,
 *     sent, aborted, failed) can be archived; a paused one must be resumed or aborted first. An
 *     archived campaign is frozen: it can only be unarchived, deleted (if a draft) or duplicated,
 *     and every other action is a 422 that says so.</li>
 * <li>Stop-and-archive is Blueshift's archive, which any campaign allows: a scheduled or sending
 *     campaign is paused and archived in one move, a paused one archived as it is; the others as
 *     archive. Unarchived, such a campaign is paused and can be resumed.</li>
 * </ul>
 */
final class CampaignStateMachine {

    enum Action {
        /** Publish a draft: it becomes {@code scheduled} for its start time (now, if none is later). */
        SEND("send"),
        PAUSE("pause"),
        RESUME("resume"),
        ABORT("abort"),
        /** The delivery engine found nothing left to send. */
        COMPLETE("complete"),
        /** The delivery engine cannot go on. */
        FAIL("fail"),
        ARCHIVE("archive"),
        UNARCHIVE("unarchive"),
        DELETE("delete"),
        /** Change the campaign's content, audience or settings. */
        EDIT("edit"),
        /** The delivery engine found a scheduled campaign whose time has come. */
        DUE("start sending"),
        /** Send the failed deliveries again. */
        RETRY("retry failed deliveries of"),
        /** Add contacts to a campaign that may have started: they begin at its first step. */
        ENROL("enrol contacts into"),
        /** Pause a campaign that stays open to new contacts, a sent one too. */
        HOLD("hold"),
        /** Archive, pausing a launched campaign first. */
        STOP_AND_ARCHIVE("archive");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }
    }

    sealed interface Decision {
    }

    /** The action moves the campaign to this status and archived flag. */
    record Move(CampaignStatus status, boolean archived) implements Decision {
    }

    /** The action may go ahead; it does not change the state itself. */
    record Allow() implements Decision {
    }

    /** The campaign is already where the action would take it. */
    record NoOp() implements Decision {
    }

    record Reject(ApiException error) implements Decision {
    }

    static final String ONLY_DRAFTS_DELETABLE = "ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED";

    private static final Decision ALLOW = new Allow();
    private static final Decision NO_OP = new NoOp();

    private CampaignStateMachine() {
    }

    static Decision decide(CampaignState state, Action action, Instant now) {
        return state.archived() ? decideArchived(state, action) : decideActive(state, action, now);
    }

    private static Decision decideActive(CampaignState state, Action action, Instant now) {
        return switch (action) {
            case SEND -> switch (state.status()) {
                case DRAFT -> move(SCHEDULED);
                case SCHEDULED, SENDING, SENDING_GRADUAL -> NO_OP;
                default -> reject(state, action);
            };
            case PAUSE -> switch (state.status()) {
                case CampaignStatus status when status.isPausable() -> move(PAUSED);
                case DRAFT, PAUSED -> NO_OP;
                default -> reject(state, action);
            };
            case HOLD -> switch (state.status()) {
                case CampaignStatus status when status.isPausable() || status == SENT -> move(PAUSED);
                case DRAFT, PAUSED -> NO_OP;
                default -> reject(state, action);
            };
            case RESUME -> switch (state.status()) {
                case PAUSED -> move(state.started() ? state.sendMode().sendingStatus() : SCHEDULED);
                case SCHEDULED, SENDING, SENDING_GRADUAL -> NO_OP;
                default -> reject(state, action);
            };
            case RETRY -> switch (state.status()) {
                case SENT -> move(state.sendMode().sendingStatus());
                case SCHEDULED, SENDING, SENDING_GRADUAL, PAUSED -> NO_OP;
                default -> reject(state, action);
            };
            case ENROL -> switch (state.status()) {
                case DRAFT -> NO_OP;
                case SCHEDULED, SENDING, SENDING_GRADUAL, PAUSED -> ALLOW;
                case SENT -> move(state.sendMode().sendingStatus());
                default -> reject(state, action);
            };
            case ABORT -> switch (state.status()) {
                case SCHEDULED, SENDING, SENDING_GRADUAL, PAUSED -> move(ABORTED);
                case ABORTED -> NO_OP;
                default -> reject(state, action);
            };
            case COMPLETE -> switch (state.status()) {
                case CampaignStatus status when status.isSending() -> move(SENT);
                case SENT -> NO_OP;
                default -> reject(state, action);
            };
            case FAIL -> switch (state.status()) {
                case SCHEDULED, SENDING, SENDING_GRADUAL -> move(FAILED);
                case FAILED -> NO_OP;
                default -> reject(state, action);
            };
            case DUE -> switch (state.status()) {
                case SCHEDULED -> isFuture(state.scheduledAt(), now) ? NO_OP : move(state.sendMode().sendingStatus());
                case CampaignStatus status when status.isSending() -> NO_OP;
                default -> reject(state, action);
            };
            case ARCHIVE -> switch (state.status()) {
                case CampaignStatus status when status == DRAFT || status.isFinished() -> new Move(status, true);
                default -> reject(state, action);
            };
            case STOP_AND_ARCHIVE -> switch (state.status()) {
                case CampaignStatus status when status.isPausable() || status == PAUSED -> new Move(PAUSED, true);
                default -> new Move(state.status(), true);
            };
            case UNARCHIVE -> NO_OP;
            case DELETE -> deleteDecision(state);
            case EDIT -> switch (state.status()) {
                case DRAFT, SCHEDULED, PAUSED -> ALLOW;
                default -> reject(state, action);
            };
        };
    }

    /**
     * What a caller may ask of the campaign now (its view's {@code allowedActions}): each request
     * that would change something. Duplicate always can. Retry-failed can where the table does not
     * refuse it and some deliveries failed. The others can where the table moves the campaign or
     * lets the request go ahead, so a repeat (pausing a paused campaign) is not offered.
     */
    static List<CampaignAction> allowedActions(CampaignState state, boolean failedDeliveries, Instant now) {
        return Arrays.stream(CampaignAction.values())
                .filter(action -> allows(state, action, failedDeliveries, now)).toList();
    }

    private static boolean allows(CampaignState state, CampaignAction action, boolean failedDeliveries,
            Instant now) {
        return switch (action) {
            case SEND -> goesAhead(state, Action.SEND, now);
            case PAUSE -> goesAhead(state, Action.PAUSE, now);
            case RESUME -> goesAhead(state, Action.RESUME, now);
            case ABORT -> goesAhead(state, Action.ABORT, now);
            case RETRY_FAILED -> failedDeliveries && !(decide(state, Action.RETRY, now) instanceof Reject);
            case ARCHIVE -> goesAhead(state, Action.ARCHIVE, now);
            case UNARCHIVE -> goesAhead(state, Action.UNARCHIVE, now);
            case DUPLICATE -> true;
            case UPDATE -> goesAhead(state, Action.EDIT, now);
            case DELETE -> goesAhead(state, Action.DELETE, now);
        };
    }

    private static boolean goesAhead(CampaignState state, Action action, Instant now) {
        Decision decision = decide(state, action, now);
        return decision instanceof Move || decision instanceof Allow;
    }

    private static Decision decideArchived(CampaignState state, Action action) {
        return switch (action) {
            case ARCHIVE, STOP_AND_ARCHIVE -> NO_OP;
            case UNARCHIVE -> new Move(state.status(), false);
            case DELETE -> deleteDecision(state);
            default -> new Reject(invalidTransition("Cannot " + action.verb + " an archived campaign (status "
                    + state.status().wire() + "); unarchive it first"));
        };
    }

    private static Decision deleteDecision(CampaignState state) {
        return state.status() == DRAFT ? ALLOW : new Reject(new ApiException(HttpStatus.BAD_REQUEST,
                ONLY_DRAFTS_DELETABLE, "Only draft campaigns can be deleted"));
    }

    private static Decision move(CampaignStatus status) {
        return new Move(status, false);
    }

    private static Decision reject(CampaignState state, Action action) {
        return new Reject(invalidTransition("Cannot " + action.verb + " a campaign whose status is "
                + state.status().wire()));
    }

    private static ApiException invalidTransition(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION, message);
    }

    private static boolean isFuture(Instant instant, Instant now) {
        return instant != null && instant.isAfter(now);
    }
}
