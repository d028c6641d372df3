package io.crier.suppression;

/**
 * The suppression test as SQL, for another module's set-based statement that leaves suppressed
 * addresses out in the statement itself (queueing next steps, enrolling contacts): the owner hands
 * out the condition, so the suppression table's shape stays its own.
 */
public final class SuppressionSql {

    private SuppressionSql() {
    }

    /** True in SQL when the workspace (an id expression) suppresses the address (a stored-form email expression). */
    public static String isSuppressed(String workspaceId, String email) {
        return "exists (select 1 from suppression suppressed_address where suppressed_address.workspace_id = "
                + workspaceId + " and suppressed_address.email = " + email + ")";
    }

    /**
     * The addresses the workspace (an id expression, not a column of the outer query) suppresses,
     * as a sub-select: {@code c.email in (...)} lets the database walk the suppression list and
     * look each address up, rather than test every contact.
     */
    public static String addressesSuppressedBy(String workspaceId) {
        return "select suppressed_address.email from suppression suppressed_address where suppressed_address.workspace_id = "
                + workspaceId;
    }
}
