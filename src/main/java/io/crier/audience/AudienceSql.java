package io.crier.audience;

/**
 * Contacts as SQL, for the engine's set-based statements that read them in the statement itself
 * (loading claimed rows for rendering, enrolling contacts): the owner hands them out by name, so
 * the contact table's shape stays its own. Each names the contact {@code c}.
 */
public final class AudienceSql {

    private AudienceSql() {
    }

    /** The fields a message is rendered with, of the contact joined by {@link #joinContact}. */
    public static final String CONTACT_FIELDS = "c.first_name, c.last_name, c.user_id, c.custom_fields";

    /** Joins the contact with this id (an expression), if it still exists, as {@code c}. */
    public static String joinContact(String contactId) {
        return "left join contact c on c.id = " + contactId;
    }

    /** The workspace's ({@code :workspaceId}) contacts among {@code :ids}, as {@code c} (a from clause and its condition). */
    public static final String CONTACTS_WITH_IDS = "from contact c where c.workspace_id = :workspaceId and c.id in (:ids)";
}
