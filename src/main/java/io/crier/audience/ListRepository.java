package io.crier.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * Lists in SQL, each read with its member count ({@link MembershipRepository} keeps it). Every statement is
 * bounded by the workspace.
 */
@Repository
class ListRepository {

    private static final String SELECT = "select l.* from contact_list l";
    private static final String DEFINITION = "select l.id, l.type, l.filter_criteria, l.parent_list_id from contact_list l";

    private final JdbcClient jdbc;

    ListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ContactList list) {
        jdbc.sql("""
                insert into contact_list (id, workspace_id, name, description, public_form, double_opt_in,
                    consent_text, created_at, updated_at, type, filter_criteria, parent_list_id)
                values (:id, :workspaceId, :name, :description, :publicForm, :doubleOptIn, :consentText,
                    :createdAt, :updatedAt, :type, :filter, :parent)""")
                .param("type", list.type())
                .param("filter", list.filterCriteria())
                .param("parent", list.parentListId())
                .param("id", list.id())
                .param("workspaceId", list.workspaceId())
                .param("name", list.name())
                .param("description", list.description())
                .param("publicForm", list.publicForm())
                .param("doubleOptIn", list.doubleOptIn())
                .param("consentText", list.consentText())
                .param("createdAt", Timestamps.toDb(list.createdAt()))
                .param("updatedAt", Timestamps.toDb(list.updatedAt()))
                .update();
    }

    void update(ContactList list) {
        jdbc.sql("""
                update contact_list set name = :name, description = :description, public_form = :publicForm,
                    double_opt_in = :doubleOptIn, consent_text = :consentText, updated_at = :updatedAt,
                    filter_criteria = :filter, parent_list_id = :parent
                where workspace_id = :workspaceId and id = :id""")
                .param("filter", list.filterCriteria())
                .param("parent", list.parentListId())
                .param("id", list.id())
                .param("workspaceId", list.workspaceId())
                .param("name", list.name())
                .param("description", list.description())
                .param("publicForm", list.publicForm())
                .param("doubleOptIn", list.doubleOptIn())
                .param("consentText", list.consentText())
                .param("updatedAt", Timestamps.toDb(list.updatedAt()))
                .update();
    }

    Optional<ContactList> find(UUID workspaceId, UUID id) {
        return one(SELECT, ListRepository::list, workspaceId, id);
    }

    /** The workspace's lists among these ids. */
    List<ContactList> findAll(UUID workspaceId, Collection<UUID> ids) {
        return among(SELECT, ListRepository::list, workspaceId, ids);
    }

    /** What the workspace's lists and segments among these ids are, their members not counted. */
    List<ListDefinition> definitions(UUID workspaceId, Collection<UUID> ids) {
        return among(DEFINITION, ListRepository::definition, workspaceId, ids);
    }

    /** What the workspace's list or segment with this id is, its members not counted. */
    Optional<ListDefinition> definition(UUID workspaceId, UUID id) {
        return one(DEFINITION, ListRepository::definition, workspaceId, id);
    }

    private <T> Optional<T> one(String select, RowMapper<T> rows, UUID workspaceId, UUID id) {
        return jdbc.sql(select + " where l.workspace_id = :workspaceId and l.id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(rows)
                .optional();
    }

    private <T> List<T> among(String select, RowMapper<T> rows, UUID workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(select + " where l.workspace_id = :workspaceId and l.id in (:ids)")
                .param("workspaceId", workspaceId)
                .param("ids", ids)
                .query(rows)
                .list();
    }

    /** The list with this id, whatever its workspace: for a caller holding a signed id. */
    Optional<ContactList> findById(UUID id) {
        return jdbc.sql(SELECT + " where l.id = :id")
                .param("id", id)
                .query(ListRepository::list)
                .optional();
    }

    /** The list with this id if it takes sign-ups on its public form, whatever its workspace. */
    Optional<ContactList> findPublic(UUID id) {
        return jdbc.sql(SELECT + " where l.id = :id and l.public_form")
                .param("id", id)
                .query(ListRepository::list)
                .optional();
    }

    /** Which of these ids are lists (not segments: members cannot be written to those) of the workspace. */
    Set<UUID> existingIds(UUID workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from contact_list where workspace_id = :workspaceId and id in (:ids)"
                        + " and type = 'list'")
                .param("workspaceId", workspaceId)
                .param("ids", ids)
                .query(UUID.class)
                .list());
    }

    /** A page of the workspace's lists and segments, or of those of one type if {@code type} is not null. */
    List<ContactList> page(UUID workspaceId, String type, long offset, int limit) {
        return jdbc.sql(SELECT + " where l.workspace_id = :workspaceId and (cast(:type as varchar) is null or l.type = :type)"
                        + " order by l.created_at, l.id limit :limit offset :offset")
                .param("workspaceId", workspaceId)
                .param("type", type)
                .param("offset", offset)
                .param("limit", limit)
                .query(ListRepository::list)
                .list();
    }

    long count(UUID workspaceId, String type) {
        return jdbc.sql("select count(*) from contact_list where workspace_id = :workspaceId"
                        + " and (cast(:type as varchar) is null or type = :type)")
                .param("workspaceId", workspaceId)
                .param("type", type)
                .query(Long.class)
                .single();
    }

    /** The names of the workspace's segments that name this list or segment as their parent or in a rule. */
    List<String> segmentsNaming(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                select name from contact_list where workspace_id = :workspaceId and id <> :id
                  and (parent_list_id = :id or filter_criteria like :quoted) order by name""")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .param("quoted", "%\"" + id + "\"%")
                .query(String.class)
                .list();
    }

    /** Deletes the list and, by cascade, its memberships; false if there was none. */
    boolean delete(UUID workspaceId, UUID id) {
        return jdbc.sql("delete from contact_list where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update() > 0;
    }

    private static ContactList list(ResultSet rs, int row) throws SQLException {
        return new ContactList(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getLong("member_count"),
                rs.getBoolean("public_form"), rs.getBoolean("double_opt_in"), rs.getString("consent_text"),
                Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at"), rs.getString("type"),
                rs.getString("filter_criteria"), rs.getObject("parent_list_id", UUID.class));
    }

    private static ListDefinition definition(ResultSet rs, int row) throws SQLException {
        return new ListDefinition(rs.getObject("id", UUID.class), rs.getString("type"),
                rs.getString("filter_criteria"), rs.getObject("parent_list_id", UUID.class));
    }
}
