package io.crier.suppression;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.AudienceLists;
import io.crier.audience.ListSummary;
import io.crier.campaign.CampaignAudiences;
import io.crier.campaign.CampaignCounters;
import io.crier.shared.LinkSecret;
import io.crier.shared.Timestamps;
import io.crier.suppression.UnsubscribeTokens.Delivery;
import io.crier.suppression.UnsubscribeTokens.Target;
import io.crier.suppression.UnsubscribedDeliveries.Recipient;

/**
 * What an unsubscribe link does: a valid token's recipient is suppressed with reason
 * {@code unsubscribed}, and the campaign that mailed them counts one unsubscribe per delivery,
 * however often the link is used. A token Crier did not sign finds nothing and records nothing.
 */
@Service
class Unsubscribes {

    private final LinkSecret secret;
    private final Suppressions suppressions;
    private final UnsubscribedDeliveries deliveries;
    private final CampaignCounters counters;
    private final CampaignAudiences audiences;
    private final AudienceLists lists;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Unsubscribes(LinkSecret secret, Suppressions suppressions, UnsubscribedDeliveries deliveries,
            CampaignCounters counters, CampaignAudiences audiences, AudienceLists lists,
            ApplicationEventPublisher events, Clock clock) {
        this.secret = secret;
        this.suppressions = suppressions;
        this.deliveries = deliveries;
        this.counters = counters;
        this.audiences = audiences;
        this.lists = lists;
        this.events = events;
        this.clock = clock;
    }

    /** What the token stands for: a delivery still in the ledger, or a test message; empty otherwise. */
    Optional<Target> target(String token) {
        return UnsubscribeTokens.of(secret).read(token).filter(target -> !(target instanceof Delivery delivery)
                || deliveries.recipient(delivery.id()).isPresent());
    }

    /**
     * The lists "leave this list" leaves for the token's recipient: those its campaign was sent to
     * ({@code toLists}); none for a test message, or mail sent to no list (transactional mail).
     * (For a segment named in {@code toLists}, the lists it is made from: whatever names no list
     * is no list to leave.)
     */
    Collection<ListSummary> listsToLeave(Target target) {
        if (!(target instanceof Delivery delivery)) {
            return List.of();
        }
        return deliveries.recipient(delivery.id())
                .map(recipient -> lists.find(recipient.workspaceId(),
                        audiences.lists(recipient.campaignId()).included()).values())
                .orElse(List.of());
    }

    /**
     * The token's recipient leaves the lists of {@link #listsToLeave} and stays subscribed to the
     * workspace's others; nothing is suppressed. False when it stands for nobody (a test message).
     */
    @Transactional
    boolean leaveLists(Target target) {
        if (!(target instanceof Delivery delivery)) {
            return false;
        }
        return deliveries.recipient(delivery.id()).map(recipient -> {
            lists.leave(recipient.workspaceId(), recipient.email(),
                    audiences.lists(recipient.campaignId()).included());
            return true;
        }).orElse(false);
    }

    /** Unsubscribes the token's recipient; false when it stands for nobody (a test message). */
    @Transactional
    boolean unsubscribe(Target target) {
        if (!(target instanceof Delivery delivery)) {
            return false;
        }
        return unsubscribe(delivery.id(), "unsubscribe link");
    }

    /**
     * Unsubscribes the recipient of a delivery still in the ledger, however they asked ({@code how}:
     * its link, its mailto address); false when the ledger no longer has it.
     */
    @Transactional
    boolean unsubscribe(long deliveryId, String how) {
        Optional<Recipient> found = deliveries.recipient(deliveryId);
        if (found.isEmpty()) {
            return false;
        }
        Recipient recipient = found.get();
        Instant now = Timestamps.now(clock);
        boolean first = deliveries.markUnsubscribed(recipient.deliveryId(), now);
        suppressions.add(recipient.workspaceId(), List.of(recipient.email()), SuppressionReason.UNSUBSCRIBED,
                how + " of campaign " + recipient.campaignId());
        if (first) {
            counters.addUnsubscribe(recipient.campaignId());
            events.publishEvent(new ContactUnsubscribed(recipient.workspaceId(), recipient.campaignId(),
                    recipient.email(), now));
        }
        return true;
    }
}
