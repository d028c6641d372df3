package io.crier.webhook;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.shared.ExportRows;

/**
 * The webhook calls whose body names the address (an outcome, a reply, an open or a click of its
 * mail), as stored to be sent. Erasure deletes them whether sent or still pending: a body carries
 * more than the address (a reply's text, a clicked link, a name), so redacting the address alone
 * would keep personal data, and sending it afterwards would push out what was just erased. The
 * outbox tolerates the loss: a call being sent at that moment finds its row gone and records nothing,
 * as when the retention purge takes a row.
 */
@Component
class OutboxPersonalData implements PersonalData {

    // The address as a JSON string, so a longer one (jerin@example.org) does not match; position(),
    // not like: an address's '_' would be a like wildcard.
    private static final String CALLS_NAMING_ADDRESS =
            "from webhook_delivery where workspace_id = :workspaceId and position(:quoted in body) > 0";

    private final JdbcClient jdbc;

    OutboxPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        return Map.of("webhookCalls", ExportRows.of(jdbc.sql("""
                        select id, webhook_id, event, body, status, attempts, created_at, updated_at %s
                        order by created_at, id""".formatted(CALLS_NAMING_ADDRESS))
                .param("workspaceId", workspaceId)
                .param("quoted", '"' + email + '"')
                .query().listOfRows()));
    }

    /** Their attempts go with them (on delete cascade). */
    @Override
    public void erase(UUID workspaceId, String email) {
        jdbc.sql("delete " + CALLS_NAMING_ADDRESS)
                .param("workspaceId", workspaceId)
                .param("quoted", '"' + email + '"')
                .update();
    }
}
