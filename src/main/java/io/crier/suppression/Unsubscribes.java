package io.crier.suppression;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.AudienceLists;
import io.crier.audience.ListSummary;
import io.crier.audience.UnsubscribeGroups;
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
    private final UnsubscribeGroups groups;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Unsubscribes(LinkSecret secret, Suppressions suppressions, UnsubscribedDeliveries deliveries,
            CampaignCounters counters, CampaignAudiences audiences, AudienceLists lists, UnsubscribeGroups groups,
            ApplicationEventPublisher events, Clock clock) {
        this.groups = groups;
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

    /** The unsubscribe group the token's mail was sent under, with its name; none for a test message. */
    Optional<Group> group(Target target) {
        return recipient(target).flatMap(recipient -> audiences.unsubscribeGroup(recipient.campaignId())
                .flatMap(id -> groups.name(recipient.workspaceId(), id).map(name -> new Group(id, name))));
    }

    /** The workspace's groups as the token's recipient stands in each; none for a test message. */
    List<UnsubscribeGroups.Choice> groupChoices(Target target) {
        return recipient(target).map(recipient -> groups.choices(recipient.workspaceId(), recipient.email()))
                .orElse(List.of());
    }

    /**
     * The token's recipient leaves the groups in {@code leaving} and gets the others of the page's
     * choices again; false when it stands for nobody (a test message). Leaving a group counts as
     * an unsubscribe of the campaign whose mail linked to the page, once per delivery.
     */
    @Transactional
    boolean chooseGroups(Target target, Collection<UUID> leaving) {
        return recipient(target).map(recipient -> {
            int left = groups.choose(recipient.workspaceId(), recipient.email(), groupChoices(target).stream()
                    .map(UnsubscribeGroups.Choice::groupId).toList(), leaving, recipient.campaignId());
            if (left > 0) {
                countUnsubscribe(recipient, Timestamps.now(clock));
            }
            return true;
        }).orElse(false);
    }

    /**
     * The token's recipient leaves the group its mail was sent under, which counts as an unsubscribe
     * of that campaign, once per delivery; false without a group, or for a test message.
     */
    @Transactional
    boolean leaveGroup(Target target) {
        return recipient(target).flatMap(recipient -> audiences.unsubscribeGroup(recipient.campaignId())
                .flatMap(group -> groups.leave(recipient.workspaceId(), group, recipient.email(),
                        recipient.campaignId()))
                .map(newlyLeft -> {
                    if (newlyLeft) {
                        countUnsubscribe(recipient, Timestamps.now(clock));
                    }
                    return true;
                })).orElse(false);
    }

    /** The recipient's campaign counts one unsubscribe for the delivery, however many ways it is used. */
    private boolean countUnsubscribe(Recipient recipient, Instant now) {
        boolean first = deliveries.markUnsubscribed(recipient.deliveryId(), now);
        if (first) {
            counters.addUnsubscribe(recipient.campaignId());
        }
        return first;
    }

    /** A group as the preference page names it. */
    record Group(UUID id, String name) {
    }

    private Optional<Recipient> recipient(Target target) {
        return target instanceof Delivery delivery ? deliveries.recipient(delivery.id()) : Optional.empty();
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
        boolean first = countUnsubscribe(recipient, now);
        boolean suppressed = suppressions.add(recipient.workspaceId(), List.of(recipient.email()),
                SuppressionReason.UNSUBSCRIBED, how + " of campaign " + recipient.campaignId()).added() > 0;
        // A recipient who left a group through this mail first has it counted already, but is told of now.
        if (first || suppressed) {
            events.publishEvent(new ContactUnsubscribed(recipient.workspaceId(), recipient.campaignId(),
                    recipient.email(), now));
        }
        return true;
    }
}
