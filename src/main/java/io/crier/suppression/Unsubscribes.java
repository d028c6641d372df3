package io.crier.suppression;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.LinkSecret;
import io.crier.shared.Timestamps;
import io.crier.suppression.UnsubscribeTokens.Delivery;
import io.crier.suppression.UnsubscribeTokens.Target;

/**
 * What an unsubscribe link does: a valid token's recipient is suppressed with reason
 * {@code unsubscribed}, and the campaign that mailed them counts one unsubscribe per delivery,
 * however often the link is used. A token Crier did not sign finds nothing and records nothing.
 */
@Service
class Unsubscribes {

    /** The delivery a link was made for, as the ledger has it. */
    record Recipient(long deliveryId, UUID workspaceId, UUID campaignId, String email) {
    }

    private final LinkSecret secret;
    private final Suppressions suppressions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Unsubscribes(LinkSecret secret, Suppressions suppressions, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock) {
        this.secret = secret;
        this.suppressions = suppressions;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** What the token stands for: a delivery still in the ledger, or a test message; empty otherwise. */
    Optional<Target> target(String token) {
        return UnsubscribeTokens.of(secret).read(token).filter(target -> !(target instanceof Delivery delivery)
                || recipient(delivery.id()).isPresent());
    }

    /** Unsubscribes the token's recipient; false when it stands for nobody (a test message). */
    @Transactional
    boolean unsubscribe(Target target) {
        if (!(target instanceof Delivery delivery)) {
            return false;
        }
        Recipient recipient = recipient(delivery.id()).orElseThrow();
        Instant now = Timestamps.now(clock);
        boolean first = jdbc.sql("update delivery set unsubscribed_at = :now where id = :id and unsubscribed_at is null")
                .param("now", Timestamps.toDb(now))
                .param("id", recipient.deliveryId())
                .update() == 1;
        suppressions.add(recipient.workspaceId(), List.of(recipient.email()), SuppressionReason.UNSUBSCRIBED,
                "unsubscribe link of campaign " + recipient.campaignId());
        if (first) {
            jdbc.sql("update campaign_stats set unsubscribed = unsubscribed + 1 where campaign_id = :campaignId")
                    .param("campaignId", recipient.campaignId())
                    .update();
            events.publishEvent(new ContactUnsubscribed(recipient.workspaceId(), recipient.campaignId(),
                    recipient.email(), now));
        }
        return true;
    }

    private Optional<Recipient> recipient(long deliveryId) {
        return jdbc.sql("select id, workspace_id, campaign_id, email from delivery where id = :id")
                .param("id", deliveryId)
                .query((rs, row) -> new Recipient(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class), rs.getString("email")))
                .optional();
    }
}
