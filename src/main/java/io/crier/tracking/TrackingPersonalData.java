package io.crier.tracking;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.PersonalData;
import io.crier.shared.ExportRows;

/**
 * The opens and clicks of the address's mail, with each click's link and user agent. The events
 * carry no address, so they are found through the ledger's deliveries to it, in the ledger's own
 * SQL ({@link LedgerAddressSql}), and erased before those deliveries are.
 */
@Component
@Order(PersonalData.BEFORE_LEDGER)
class TrackingPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final LedgerAddressSql ledger;
    private final String deliveriesToAddress;

    TrackingPersonalData(JdbcClient jdbc, LedgerAddressSql ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.deliveriesToAddress = ledger.deliveryIds(":workspaceId", ":emails");
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        return Map.of("trackingEvents", ExportRows.of(jdbc.sql("""
                        select e.delivery_id, e.campaign_id, e.step, e.kind, l.url, e.occurred_at, e.machine, e.user_agent
                        from tracking_event e left join campaign_link l on l.id = e.link_id
                        where e.workspace_id = :workspaceId and e.delivery_id in (%s)
                        order by e.id""".formatted(deliveriesToAddress))
                .param("workspaceId", workspaceId)
                .param("emails", ledger.addresses(List.of(email)))
                .query().listOfRows()));
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        jdbc.sql("delete from tracking_event where workspace_id = :workspaceId and delivery_id in (%s)"
                        .formatted(deliveriesToAddress))
                .param("workspaceId", workspaceId)
                .param("emails", ledger.addresses(List.of(email)))
                .update();
    }
}
