package io.crier.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's queue depth: how many deliveries have a status (the campaigns' counters are campaign's). */
@Repository
class LedgerCounters {

    private final JdbcClient jdbc;

    LedgerCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How many deliveries, of all campaigns, have this status: counted on the {@code delivery_lease}
     * index, which leads with the status.
     */
    long countWithStatus(DeliveryStatus status) {
        return jdbc.sql("select count(*) from delivery where status = :status")
                .param("status", status.wire())
                .query(Long.class)
                .single();
    }
}
