package io.crier.suppression;

/**
 * The suppression test as SQL, for another module's set-based statement that leaves suppressed
 * addresses out in the statement itself (queueing next steps, enrolling contacts): the owner hands
 * out the condition, so the suppression table's shape stays its own.
 */
public final class SuppressionSql {

    private SuppressionSql() {
    }

    /** The named parameter a statement with {@link #isSuppressed} binds to {@link Suppressions#erasureKey}. */
    public static final String ERASURE_KEY = "erasureKey";

    /**
     * True in SQL when the workspace (an id expression) suppresses the address (a stored-form email
     * expression), itself or as an erased contact's hash. The hash is computed per address only in
     * a workspace that erased someone: the first test is one look-up for the whole statement.
     */
    public static String isSuppressed(String workspaceId, String email) {
        return "(" + isSuppressedByAddress(workspaceId, email)
                + " or (exists (select 1 from suppression any_erased where any_erased.workspace_id = " + workspaceId
                + " and any_erased.reason = '" + SuppressionReason.ERASED.wire() + "')"
                + " and exists (select 1 from suppression erased where erased.workspace_id = " + workspaceId
                + " and erased.email = erased_address(:" + ERASURE_KEY + ", " + email + "))))";
    }

    /**
     * True in SQL when the workspace suppresses the address itself: enough for an address the
     * ledger holds already, as erasing a contact deletes its deliveries and {@link #isSuppressed}
     * keeps new ones out.
     */
    public static String isSuppressedByAddress(String workspaceId, String email) {
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
