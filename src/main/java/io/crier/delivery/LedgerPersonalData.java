package io.crier.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.shared.ExportRows;

/**
 * The delivery ledger's rows for the address: each campaign step or transactional message mailed
 * to it, when, and what came of it. Erased after the modules that find their rows through the
 * ledger (tracking, feedback); the campaigns' counters keep their totals.
 */
@Component
@Order(PersonalData.LEDGER)
class LedgerPersonalData implements PersonalData {

    private static final String TO_THE_ADDRESS = DeliveriesToAddress.ids(":workspaceId", ":emails");

    private final JdbcClient jdbc;

    LedgerPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        return Map.of("deliveries", ExportRows.of(jdbc.sql("""
                        select id, campaign_id, message_id, step, email, recipient_name, recipient_type, dynamic_data,
                               status, attempts, last_reply, created_at, sent_at, opened_at, clicked_at, replied_at,
                               unsubscribed_at, updated_at
                        from delivery where id in (%s) order by id""".formatted(TO_THE_ADDRESS))
                .param("workspaceId", workspaceId)
                .param("emails", DeliveriesToAddress.addresses(List.of(email)))
                .query().listOfRows()));
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        jdbc.sql("delete from delivery where id in (" + TO_THE_ADDRESS + ")")
                .param("workspaceId", workspaceId)
                .param("emails", DeliveriesToAddress.addresses(List.of(email)))
                .update();
    }
}
