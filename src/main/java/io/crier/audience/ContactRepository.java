package io.crier.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Timestamps;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contacts in SQL. Every statement is bounded by the workspace. Rows come back without their list
 * ids; {@link MembershipRepository} supplies those. Look-ups of many emails or ids join an
 * unnested array parameter on the unique index: H2 does not use the second column of
 * {@code (workspace_id, email)} for an {@code in (...)} list and would scan the whole workspace.
 */
@Repository
class ContactRepository {

    private static final String INSERT = """
            insert into contact (id, workspace_id, email, first_name, last_name, user_id, custom_fields,
                                 created_at, updated_at)
            values (:id, :workspaceId, :email, :firstName, :lastName, :userId, :customFields, :createdAt, :updatedAt)""";
    private static final String UPDATE = """
            update contact set email = :email, first_name = :firstName, last_name = :lastName, user_id = :userId,
                               custom_fields = :customFields, updated_at = :updatedAt
            where workspace_id = :workspaceId and id = :id""";
    /** The address a contact leaves becomes a former one of its; the ledger finds mail sent there by it. */
    private static final String KEEP_LEFT_ADDRESS = """
            insert into contact_former_address (workspace_id, email, contact_id, left_at)
            select workspace_id, email, id, :updatedAt from contact
            where workspace_id = :workspaceId and id = :id and email <> :email""";
    /** An address a contact comes back to is its current one again, not a former one. */
    private static final String FORGET_RETURNED_ADDRESS =
            "delete from contact_former_address where contact_id = :id and email = :email";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;
    private final MembershipRepository members;
    private final ApplicationEventPublisher events;

    ContactRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json,
            MembershipRepository members, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.members = members;
        this.events = events;
    }

    void insert(Contact contact) {
        insertAll(List.of(contact));
    }

    void update(Contact contact) {
        updateAll(List.of(contact));
    }

    /** Inserts the contacts with their typed custom-field rows. */
    void insertAll(List<Contact> contacts) {
        if (!contacts.isEmpty()) {
            batch.batchUpdate(INSERT, contacts.stream().map(this::params).toArray(SqlParameterSource[]::new));
            ContactFieldRows.insert(batch, fieldRows(contacts));
        }
    }

    /**
     * Updates the contacts, keeps the addresses they leave, and replaces their typed custom-field
     * rows; their rows are locked in id order, as {@link #deleteAll} locks them.
     */
    void updateAll(List<Contact> contacts) {
        if (!contacts.isEmpty()) {
            SqlParameterSource[] rows = contacts.stream().sorted(Comparator.comparing(Contact::id)).map(this::params)
                    .toArray(SqlParameterSource[]::new);
            batch.batchUpdate(KEEP_LEFT_ADDRESS, rows);
            batch.batchUpdate(FORGET_RETURNED_ADDRESS, rows);
            batch.batchUpdate(UPDATE, rows);
            ContactFieldRows.replace(batch, contacts.stream().map(Contact::id).toList(), fieldRows(contacts));
        }
    }

    private static List<ContactFieldRows.Row> fieldRows(List<Contact> contacts) {
        return contacts.stream().flatMap(contact -> ContactFieldRows.of(contact.id(), contact.customFields()).stream())
                .toList();
    }

    Optional<Contact> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from contact where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(this::contact)
                .optional();
    }

    Optional<Contact> findByEmail(UUID workspaceId, String email) {
        return jdbc.sql("select * from contact where workspace_id = :workspaceId and email = :email")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .query(this::contact)
                .optional();
    }

    /** The workspace's contacts with these (normalized) addresses, keyed by address. */
    Map<String, Contact> findByEmails(UUID workspaceId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select c.* from unnest(:emails) given(email) join contact c"
                        + " on c.workspace_id = :workspaceId and c.email = given.email")
                .param("workspaceId", workspaceId)
                .param("emails", new SqlArrayValue("varchar", emails.toArray()))
                .query(this::contact)
                .list()
                .stream()
                .collect(Collectors.toMap(Contact::email, contact -> contact));
    }

    /** Ids of the workspace's contacts with these addresses, keyed by address. */
    Map<String, UUID> idsByEmail(UUID workspaceId, Collection<String> emails) {
        return findByEmails(workspaceId, emails).values().stream()
                .collect(Collectors.toMap(Contact::email, Contact::id));
    }

    /** Which of these ids are contacts of the workspace. */
    Set<UUID> existingIds(UUID workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select c.id from unnest(:ids) given(id) join contact c"
                        + " on c.id = given.id and c.workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .param("ids", new SqlArrayValue("uuid", ids.toArray()))
                .query(UUID.class)
                .list());
    }

    /** The contacts that had this address before their current one, and when each left it, for an export. */
    List<Map<String, Object>> formerHolders(UUID workspaceId, String email) {
        return jdbc.sql("select contact_id, left_at from contact_former_address"
                        + " where workspace_id = :workspaceId and email = :email order by left_at")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .query().listOfRows();
    }

    /**
     * The addresses the contact had before its current one that no contact of its workspace holds
     * now, the oldest first: what an erasure of the contact takes besides its current address.
     */
    List<String> unheldFormerAddresses(UUID contactId) {
        return jdbc.sql("""
                        select f.email from contact_former_address f where f.contact_id = :contactId
                        and not exists (select 1 from contact c where c.workspace_id = f.workspace_id and c.email = f.email)
                        order by f.left_at, f.email""")
                .param("contactId", contactId)
                .query(String.class)
                .list();
    }

    /** Forgets that any contact had this address, for an erasure: after the ledger's, which finds mail through it. */
    void forgetFormerHolders(UUID workspaceId, String email) {
        jdbc.sql("delete from contact_former_address where workspace_id = :workspaceId and email = :email")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .update();
    }

    /** Deletes the contact as {@link #deleteAll} does; false if there was none. */
    @Transactional
    boolean delete(UUID workspaceId, UUID id) {
        return !deleteAll(workspaceId, List.of(id)).isEmpty();
    }

    /**
     * Deletes those of these contacts the workspace has and, by cascade, their list memberships,
     * after taking them off their lists' member counts and telling the modules that name them
     * ({@link ContactsDeleting}); which it deleted. Their rows are locked
     * first, so no list gains one in between, and in id order ({@link #updateAll} too), before any
     * list's count: two such calls over the same contacts wait for each other, never in a cycle.
     */
    @Transactional
    List<UUID> deleteAll(UUID workspaceId, Collection<UUID> ids) {
        List<UUID> found = lock(workspaceId, ids);
        if (!found.isEmpty()) {
            members.leaveAll(found);
            events.publishEvent(new ContactsDeleting(workspaceId, found));
            jdbc.sql("delete from contact where workspace_id = :workspaceId and id in (:ids)")
                    .param("workspaceId", workspaceId)
                    .param("ids", found)
                    .update();
        }
        return found;
    }

    /**
     * Locks those of these ids that are contacts of the workspace, in id order (as every change to
     * several contacts takes them), until the caller's transaction ends; which they are. None of
     * them can then be deleted before that transaction's change to it commits.
     */
    List<UUID> lock(UUID workspaceId, Collection<UUID> ids) {
        return new TreeSet<>(ids).stream()
                .filter(id -> jdbc.sql("select id from contact where workspace_id = :workspaceId and id = :id for update")
                        .param("workspaceId", workspaceId)
                        .param("id", id)
                        .query(UUID.class)
                        .optional()
                        .isPresent())
                .toList();
    }

    List<Contact> page(UUID workspaceId, ContactFilter filter, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(workspaceId, filter, params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql("select * from contact c " + where + " order by c.created_at, c.id limit :limit offset :offset")
                .params(params)
                .query(this::contact)
                .list();
    }

    long count(UUID workspaceId, ContactFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from contact c " + where(workspaceId, filter, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(UUID workspaceId, ContactFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("where c.workspace_id = :workspaceId");
        params.put("workspaceId", workspaceId);
        if (filter.listId() != null) {
            where.append(" and exists (select 1 from list_member m where m.list_id = :listId and m.contact_id = c.id)");
            params.put("listId", filter.listId());
        }
        if (filter.matching() != null) {
            where.append(" and ").append(filter.matching().sql());
            params.putAll(filter.matching().params());
        }
        if (filter.email() != null) {
            where.append(" and c.email = :email");
            params.put("email", filter.email());
        }
        if (filter.search() != null) {
            where.append(" and (c.email like :pattern escape '\\' or lower(c.first_name) like :pattern escape '\\'")
                    .append(" or lower(c.last_name) like :pattern escape '\\')");
            params.put("pattern", "%" + escapeLike(filter.search()) + "%");
        }
        return where.toString();
    }

    /** The search text taken literally: its own % and _ are not wildcards. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private MapSqlParameterSource params(Contact contact) {
        return new MapSqlParameterSource()
                .addValue("id", contact.id())
                .addValue("workspaceId", contact.workspaceId())
                .addValue("email", contact.email())
                .addValue("firstName", contact.firstName())
                .addValue("lastName", contact.lastName())
                .addValue("userId", contact.userId())
                .addValue("customFields", json.writeValueAsString(contact.customFields()))
                .addValue("createdAt", Timestamps.toDb(contact.createdAt()))
                .addValue("updatedAt", Timestamps.toDb(contact.updatedAt()));
    }

    private Contact contact(ResultSet rs, int row) throws SQLException {
        String customFields = rs.getString("custom_fields");
        ObjectNode fields = customFields == null ? json.createObjectNode()
                : (ObjectNode) json.readTree(customFields);
        return new Contact(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("user_id"), fields, List.of(), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"));
    }
}
