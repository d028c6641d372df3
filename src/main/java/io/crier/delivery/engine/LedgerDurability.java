package io.crier.delivery.engine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.CrierProperties;

/**
 * Makes committed outcomes durable before the recorder counts them as recorded, so a node killed
 * right after a flush does not mail those recipients again. PostgreSQL's commit is already in its
 * write-ahead log. Embedded H2 has no log: a commit lives in memory until its writer stores it,
 * up to its write delay (500 ms) later, which widened H2's crash duplicate window to about a
 * second of sending. {@code CHECKPOINT} stores everything committed so far at once.
 */
@Component
class LedgerDurability {

    private final JdbcClient jdbc;
    private final boolean embedded;

    LedgerDurability(JdbcClient jdbc, CrierProperties properties) {
        this.jdbc = jdbc;
        this.embedded = !properties.database().isExternal();
    }

    /** Called after an outcome flush has committed. */
    void afterCommit() {
        if (embedded) {
            jdbc.sql("checkpoint").update();
        }
    }
}
