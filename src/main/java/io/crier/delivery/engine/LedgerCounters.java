package io.crier.delivery.engine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.delivery.DeliveryStatus;

/** The ledger's queue depth: how many deliveries have a status (the campaigns' counters are campaign's). */
@Repository
class LedgerCounters {

    private final JdbcClient jdbc;

    LedgerCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How many deliveries, of all campaigns, have this status. H2 counts on the {@code delivery_lease}
     * index, which leads with the status; PostgreSQL's holds only claimed rows (it costs every
     * queued row an index entry otherwise), so there the other statuses take a scan, once a scrape.
     */
    long countWithStatus(DeliveryStatus status) {
        return jdbc.sql("select count(*) from delivery where status = :status")
                .param("status", status.wire())
                .query(Long.class)
                .single();
    }
}
