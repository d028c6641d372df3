package io.crier.shared;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose embedded H2 database has closed under it.
 * H2 closes a database when its store fails inside (2.4.240 has such a race: delivery-guarantees.md,
 * "Embedded H2 is also only as consistent as H2 itself"). Its connections then answer "Database is
 * already closed" to every statement, an error the pool does not know, so it kept handing them out
 * and the node failed every request and every round until it was restarted. Dropped, they are
 * replaced by new ones, and the first of those opens the file again, as after a crash.
 */
final class ClosedEmbeddedDatabase implements SQLExceptionOverride {

    /** H2's codes (org.h2.api.ErrorCode) for a database or session that is gone: closed, closing, broken. */
    private static final Set<Integer> GONE = Set.of(
            90121, // DATABASE_CALLED_AT_SHUTDOWN: "Database is already closed"
            90098, // DATABASE_IS_CLOSED
            90067); // CONNECTION_BROKEN_1

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return GONE.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
