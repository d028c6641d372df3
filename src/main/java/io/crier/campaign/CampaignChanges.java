package io.crier.campaign;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.Ids;

/**
 * Writes campaigns safely when requests race: each change reads the campaign, decides its next
 * state from what it read, and writes only if no other write came in between (compare-and-set on
 * the version). A change that loses the race starts over from a fresh read, so every decision is
 * made on the state it applies to: of a pause and an abort sent together exactly one applies
 * first, and the other is decided on the result (a no-op, a move or a 422).
 */
@Component
class CampaignChanges {

    /** Races on one campaign are rare and short; giving up after a few rounds beats spinning. */
    private static final int ATTEMPTS = 5;

    private final CampaignRepository repository;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CampaignChanges(CampaignRepository repository, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.repository = repository;
        this.transactions = transactions;
        this.events = events;
    }

    /** The campaign; an id of another workspace, or no UUID at all, is the same 404 as an unknown one. */
    Campaign load(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(campaignId -> repository.find(workspaceId, campaignId))
                .orElseThrow(CampaignChanges::notFound);
    }

    private Campaign loadAnyKind(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(campaignId -> repository.findAnyKind(workspaceId, campaignId))
                .orElseThrow(CampaignChanges::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("CAMPAIGN", "Campaign");
    }

    void insert(Campaign campaign) {
        transactions.executeWithoutResult(status -> repository.insert(campaign));
    }

    /**
     * Applies {@code change} to the campaign as it is now. The change returns the next campaign, or
     * the very campaign it was given to leave it as it is, or throws to refuse.
     */
    Campaign update(UUID workspaceId, String id, UnaryOperator<Campaign> change) {
        return update(id, change, campaignId -> load(workspaceId, campaignId));
    }

    /** The engine's {@link #update}: it also moves the hidden transactional campaigns (to sent). */
    Campaign updateAnyKind(UUID workspaceId, String id, UnaryOperator<Campaign> change) {
        return update(id, change, campaignId -> loadAnyKind(workspaceId, campaignId));
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
     * change writes besides the campaign (re-queued deliveries) commits with the campaign's new
     * version or, when another write came first, is rolled back and decided again.
     */
    Campaign updateTogether(UUID workspaceId, String id, UnaryOperator<Campaign> change) {
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

    /** Deletes the campaign unless {@code check} refuses it by throwing. */
    void delete(UUID workspaceId, String id, Consumer<Campaign> check) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Campaign current = load(workspaceId, id);
            check.accept(current);
            if (repository.delete(current)) {
                return;
            }
        }
        throw concurrentChanges();
    }

    private static ApiException concurrentChanges() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT,
                "The campaign is being changed by other requests at the same time; try again");
    }
}
