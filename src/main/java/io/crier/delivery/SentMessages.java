package io.crier.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules (webhooks in AutoSend's format) may ask of the ledger about messages an event
 * concerns: which campaign and step each belongs to, and, for transactional mail, the id
 * {@code POST /v1/mails/send} answered and whether it was a test.
 */
@Component
public class SentMessages {

    /**
     * One delivery. {@code emailId} is the transactional message's id ({@code /v1/mails/{emailId}}),
     * null for campaign mail, whose {@code campaignId} is its campaign's; a transactional message's
     * {@code campaignId} is its call's hidden campaign, the {@code batchId} that call answered.
     */
    public record Message(long deliveryId, UUID campaignId, int step, UUID emailId, String recipientName,
            boolean test) {

        public boolean transactional() {
            return emailId != null;
        }
    }

    private final JdbcClient jdbc;

    SentMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** These deliveries of the ledger, by id; one it no longer has is left out. */
    public Map<Long, Message> find(Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        select d.id, d.campaign_id, d.step, d.message_id, d.recipient_name, b.test
                        from delivery d left join mail_batch b on b.campaign_id = d.campaign_id
                        where d.id in (:ids)""")
                .param("ids", deliveryIds)
                .query((rs, row) -> new Message(rs.getLong("id"), rs.getObject("campaign_id", UUID.class),
                        rs.getInt("step"), rs.getObject("message_id", UUID.class), rs.getString("recipient_name"),
                        rs.getBoolean("test")))
                .list().stream()
                .collect(Collectors.toMap(Message::deliveryId, Function.identity()));
    }
}
