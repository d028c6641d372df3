package io.crier.feedback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.shared.ExportRows;

/**
 * The bounces, complaints and replies heard about the address's mail, and the inbound messages
 * behind them or sent from the address (erasing a message also drops its pending reply forward).
 * Erased before the ledger, whose deletion would take the feedback events, and with them the way
 * to the inbound messages tied to the address's deliveries.
 */
@Component
@Order(PersonalData.BEFORE_LEDGER)
class FeedbackPersonalData implements PersonalData {

    private static final String EVENTS_ABOUT_ADDRESS =
            "from feedback_event where workspace_id = :workspaceId and (email = :email or reply_from = :email)";
    private static final String MESSAGES_ABOUT_ADDRESS = """
            from inbound_message where owner_workspace = :workspaceId and (from_address = :email
              or delivery_id in (select delivery_id %s))""".formatted(EVENTS_ABOUT_ADDRESS);

    private final JdbcClient jdbc;

    FeedbackPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("feedback", ExportRows.of(jdbc.sql("""
                        select delivery_id, campaign_id, email, kind, bounce_type, status, reason, reply_from,
                               reply_subject, reply_text, occurred_at %s order by id""".formatted(EVENTS_ABOUT_ADDRESS))
                .param("workspaceId", workspaceId)
                .param("email", email)
                .query().listOfRows()));
        sections.put("inboundMessages", ExportRows.of(jdbc.sql("""
                        select id, channel, kind, reason, delivery_id, from_address, header_from, header_to, header_cc,
                               subject, received_at, raw %s order by id""".formatted(MESSAGES_ABOUT_ADDRESS))
                .param("workspaceId", workspaceId)
                .param("email", email)
                .query().listOfRows()));
        return sections;
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        jdbc.sql("delete " + MESSAGES_ABOUT_ADDRESS)
                .param("workspaceId", workspaceId)
                .param("email", email)
                .update();
        jdbc.sql("delete " + EVENTS_ABOUT_ADDRESS)
                .param("workspaceId", workspaceId)
                .param("email", email)
                .update();
    }
}
