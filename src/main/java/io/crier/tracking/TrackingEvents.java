package io.crier.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.AudienceContacts;
import io.crier.audience.ContactDetails;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.content.TemplateProblem;
import io.crier.shared.LinkSecret;
import io.crier.shared.Timestamps;

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

    /** The delivery a token names, as the ledger has it. */
    private record Delivery(long id, UUID workspaceId, UUID campaignId, UUID contactId, String email, int step,
            Instant sentAt) {
    }

    private final LinkSecret secret;
    private final LinkRepository links;
    private final AudienceContacts contacts;
    private final Machines machines;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TrackingLimits limits;
    private final Clock clock;

    TrackingEvents(LinkSecret secret, LinkRepository links, AudienceContacts contacts, Machines machines,
            JdbcClient jdbc, ApplicationEventPublisher events, TrackingLimits limits, Clock clock) {
        this.secret = secret;
        this.links = links;
        this.contacts = contacts;
        this.machines = machines;
        this.jdbc = jdbc;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
    }

    /** Records an open; false when the token stands for no open of a delivery in the ledger. */
    @Transactional
    boolean open(String token, String userAgent, boolean head) {
        Optional<TrackingTokens.Target> target = TrackingTokens.of(secret).read(token).filter(t -> !t.click());
        Optional<Delivery> delivery = target.flatMap(t -> delivery(t.deliveryId()));
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
        Optional<Delivery> delivery = delivery(target.get().deliveryId());
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
    private Optional<String> destination(Delivery delivery, String link) {
        try {
            return Optional.of(MessageTemplate.linkFor(link, recipient(delivery)));
        } catch (TemplateProblem problem) {
            log.warn("Campaign {}: a tracked link cannot be rendered for delivery {}: {}", delivery.campaignId(),
                    delivery.id(), problem.getMessage());
            return Optional.empty();
        }
    }

    private Recipient recipient(Delivery delivery) {
        Optional<ContactDetails> contact = delivery.contactId() == null ? Optional.empty()
                : contacts.byId(delivery.workspaceId(), delivery.contactId().toString());
        return contact.map(c -> new Recipient(c.email(), c.firstName(), c.lastName(), c.userId(), c.customFields()))
                .orElseGet(() -> new Recipient(delivery.email(), null, null, null, null));
    }

    private void record(Delivery delivery, boolean click, Long linkId, String url, String userAgent, boolean head) {
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

    private void count(Delivery delivery, boolean click, boolean machine, Instant now) {
        if (machine) {
            jdbc.sql(click ? "update campaign_stats set machine_clicks = machine_clicks + 1 where campaign_id = :id"
                            : "update campaign_stats set machine_opens = machine_opens + 1 where campaign_id = :id")
                    .param("id", delivery.campaignId())
                    .update();
            return;
        }
        boolean first = jdbc.sql(click
                        ? "update delivery set clicked_at = :now where id = :id and clicked_at is null"
                        : "update delivery set opened_at = :now where id = :id and opened_at is null")
                .param("now", Timestamps.toDb(now))
                .param("id", delivery.id())
                .update() == 1;
        jdbc.sql(click
                        ? "update campaign_stats set total_clicks = total_clicks + 1, clicked = clicked + :first"
                                + " where campaign_id = :id"
                        : "update campaign_stats set total_opens = total_opens + 1, opened = opened + :first"
                                + " where campaign_id = :id")
                .param("first", first ? 1 : 0)
                .param("id", delivery.campaignId())
                .update();
    }

    /** Events of the delivery within the window; its row is locked, so concurrent fetches count one after another. */
    private long recentEvents(Delivery delivery, Instant now) {
        return jdbc.sql("select count(*) from tracking_event where delivery_id = :id and occurred_at > :since")
                .param("id", delivery.id())
                .param("since", Timestamps.toDb(now.minus(limits.eventWindow())))
                .query(Long.class)
                .single();
    }

    private Optional<Delivery> delivery(long id) {
        return jdbc.sql("""
                select id, workspace_id, campaign_id, contact_id, email, step, sent_at from delivery where id = :id
                for update""")
                .param("id", id)
                .query(TrackingEvents::delivery)
                .optional();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getObject("contact_id", UUID.class), rs.getString("email"),
                rs.getInt("step"), Timestamps.read(rs, "sent_at"));
    }
}
