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

    /**
     * The workspace's ({@code :workspaceId}) contacts, as {@code c}, walked in id order over the
     * contact index (a from clause and its condition): the audience snapshot's ranges.
     */
    public static final String WORKSPACE_CONTACTS = "from contact c where c.workspace_id = :workspaceId";

    /** The order that walks {@link #WORKSPACE_CONTACTS} in the index's order (H2 sees it only so). */
    public static final String IN_ID_ORDER = "order by c.workspace_id, c.id";

    /** The reverse of {@link #IN_ID_ORDER}. */
    public static final String IN_REVERSE_ID_ORDER = "order by c.workspace_id desc, c.id desc";

    /**
     * The workspace's contacts that have or had an address among those the array parameter holds,
     * each with that address, as a select of {@code (contact_id, email)}: the current holder from
     * the contact index, earlier ones from their former addresses, each pair once (a contact's
     * former addresses never include its current one).
     */
    public static String holdersOf(String workspaceId, String addressesParam) {
        return """
                select c.id as contact_id, c.email from unnest(%2$s) given(email)
                  join contact c on c.workspace_id = %1$s and c.email = given.email
                union all
                select f.contact_id, f.email from unnest(%2$s) given(email)
                  join contact_former_address f on f.workspace_id = %1$s and f.email = given.email"""
                .formatted(workspaceId, addressesParam);
    }

    /**
     * The contacts that had the address of the contact {@code c} before it, as a select of
     * {@code contact_id}: {@link #holdersOf} for one contact's own address, less the contact itself.
     */
    public static final String FORMER_HOLDERS_OF_ITS_ADDRESS =
            "select f.contact_id from contact_former_address f where f.workspace_id = c.workspace_id and f.email = c.email";

    /**
     * True in SQL when the contact {@code c} is a subscribed member of a list among {@code :included}
     * (unconfirmed and unsubscribed members are never mailed through a list) and, if
     * {@code leavingOutExcluded}, a member of none among {@code :excluded}, whatever its status
     * there (leaving out more is the safe side): each a look-up in list_member's key.
     */
    public static String inLists(boolean leavingOutExcluded) {
        return subscribedTo(":included") + (leavingOutExcluded ? " and not " + memberOf(":excluded") : "");
    }

    /**
     * True in SQL when the contact {@code c} is a subscribed member of a list among those the
     * parameter names: the only members mailed through a list, and those a segment's list rule
     * and parent list count.
     */
    static String subscribedTo(String listIdsParam) {
        return "exists (select 1 from list_member m where m.list_id in (" + listIdsParam + ") and m.contact_id = c.id"
                + " and m.status = 'subscribed')";
    }

    /** True in SQL when the contact {@code c} is a member, whatever its status, of a list among those the parameter names. */
    static String memberOf(String listIdsParam) {
        return "exists (select 1 from list_member m where m.list_id in (" + listIdsParam + ") and m.contact_id = c.id)";
    }
}
