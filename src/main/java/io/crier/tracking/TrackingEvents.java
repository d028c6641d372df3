package io.crier.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.AudienceContacts;
import io.crier.campaign.CampaignCounters;
import io.crier.audience.ContactDetails;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.content.TemplateProblem;
import io.crier.shared.LinkSecret;
import io.crier.shared.Timestamps;
import io.crier.tracking.TrackedDeliveries.TrackedDelivery;

/**
 * Records what an open pixel or a click redirect was fetched for. A token Crier did not sign (or
 * one changed), one whose delivery is gone, or a click on a link that is not its campaign's finds
 * nothing and records nothing. A click leads to the link as written, its placeholders rendered
 * for the delivery's contact as they are now (a deleted contact keeps only the address it was
 * mailed at); a link whose placeholders fail for that contact (within the small render budget a
 * public endpoint allows) leads nowhere and records nothing. Otherwise the event is kept with its
 * machine flag and counted: a person's first open (click) of a delivery counts once in the unique
 * {@code opened} ({@code clicked}), every person's one in the totals, a machine's only in the
 * machine counts. Only {@code crier.tracking.events-per-delivery} events of one delivery are
 * recorded per {@code event-window}; a replayed link past that still answers, and records nothing.
 */
@Service
class TrackingEvents {

    private static final int MAX_USER_AGENT = 500;
    private static final Logger log = LoggerFactory.getLogger(TrackingEvents.class);

    private final LinkSecret secret;
    private final LinkRepository links;
    private final AudienceContacts contacts;
    private final Machines machines;
    private final TrackedDeliveries deliveries;
    private final CampaignCounters counters;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TrackingLimits limits;
    private final Clock clock;

    TrackingEvents(LinkSecret secret, LinkRepository links, AudienceContacts contacts, Machines machines,
            TrackedDeliveries deliveries, CampaignCounters counters, JdbcClient jdbc,
            ApplicationEventPublisher events, TrackingLimits limits, Clock clock) {
        this.secret = secret;
        this.links = links;
        this.contacts = contacts;
        this.machines = machines;
        this.deliveries = deliveries;
        this.counters = counters;
        this.jdbc = jdbc;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
    }

    /** Records an open; false when the token stands for no open of a delivery in the ledger. */
    @Transactional
    boolean open(String token, String userAgent, boolean head) {
        Optional<TrackingTokens.Target> target = TrackingTokens.of(secret).read(token).filter(t -> !t.click());
        Optional<TrackedDelivery> delivery = target.flatMap(t -> deliveries.lock(t.deliveryId()));
        delivery.ifPresent(d -> record(d, false, null, null, userAgent, head));
        return delivery.isPresent();
    }

    /**
     * Records a click; where the link leads the recipient, or empty when the token stands for no
     * link of a delivery's campaign.
     */
    @Transactional
    Optional<String> click(String token, String userAgent, boolean head) {
        Optional<TrackingTokens.Target> target = TrackingTokens.of(secret).read(token).filter(TrackingTokens.Target::click);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Optional<TrackedDelivery> delivery = deliveries.lock(target.get().deliveryId());
        Optional<String> url = delivery.flatMap(d -> links.url(d.campaignId(), target.get().linkId())
                // A link stored before Crier stopped tracking those whose host a placeholder names.
                .filter(MessageTemplate::tracks)
                .flatMap(link -> destination(d, link))
                // A value with a line break would end the Location header; no person's link has one.
                .filter(address -> address.chars().noneMatch(Character::isISOControl)));
        url.ifPresent(address -> record(delivery.get(), true, target.get().linkId(), address, userAgent, head));
        return url;
    }

    /** The link rendered for the delivery's contact; empty when its placeholders fail for them. */
    private Optional<String> destination(TrackedDelivery delivery, String link) {
        try {
            return Optional.of(MessageTemplate.linkFor(link, recipient(delivery)));
        } catch (TemplateProblem problem) {
            log.warn("Campaign {}: a tracked link cannot be rendered for delivery {}: {}", delivery.campaignId(),
                    delivery.id(), problem.getMessage());
            return Optional.empty();
        }
    }

    private Recipient recipient(TrackedDelivery delivery) {
        Optional<ContactDetails> contact = delivery.contactId() == null ? Optional.empty()
                : contacts.byId(delivery.workspaceId(), delivery.contactId().toString());
        return contact.map(c -> new Recipient(c.email(), c.firstName(), c.lastName(), c.userId(), c.customFields()))
                .orElseGet(() -> new Recipient(delivery.email(), null, null, null, null));
    }

    private void record(TrackedDelivery delivery, boolean click, Long linkId, String url, String userAgent, boolean head) {
        Instant now = Timestamps.now(clock);
        if (recentEvents(delivery, now) >= limits.eventsPerDelivery()) {
            return;
        }
        String agent = userAgent == null ? null
                : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        boolean machine = machines.isMachine(agent, head, delivery.sentAt(), now);
        jdbc.sql("""
                insert into tracking_event (workspace_id, campaign_id, delivery_id, contact_id, step, kind, link_id,
                    occurred_at, machine, user_agent)
                values (:workspaceId, :campaignId, :deliveryId, :contactId, :step, :kind, :linkId, :now, :machine,
                    :userAgent)""")
                .param("workspaceId", delivery.workspaceId())
                .param("campaignId", delivery.campaignId())
                .param("deliveryId", delivery.id())
                .param("contactId", delivery.contactId())
                .param("step", delivery.step())
                .param("kind", click ? "click" : "open")
                .param("linkId", linkId)
                .param("now", Timestamps.toDb(now))
                .param("machine", machine)
                .param("userAgent", agent)
                .update();
        count(delivery, click, machine, now);
        events.publishEvent(new EmailEngaged(delivery.workspaceId(), delivery.campaignId(), delivery.id(),
                delivery.contactId(), delivery.email(), delivery.step(), click, url, machine, agent, now));
    }

    private void count(TrackedDelivery delivery, boolean click, boolean machine, Instant now) {
        if (machine) {
            counters.addMachineEngagement(delivery.campaignId(), click);
            return;
        }
        boolean first = deliveries.markFirstEngagement(delivery.id(), click, now);
        counters.addEngagement(delivery.campaignId(), click, first);
    }

    /** Events of the delivery within the window; its row is locked, so concurrent fetches count one after another. */
    private long recentEvents(TrackedDelivery delivery, Instant now) {
        return jdbc.sql("select count(*) from tracking_event where delivery_id = :id and occurred_at > :since")
                .param("id", delivery.id())
                .param("since", Timestamps.toDb(now.minus(limits.eventWindow())))
                .query(Long.class)
                .single();
    }
}
