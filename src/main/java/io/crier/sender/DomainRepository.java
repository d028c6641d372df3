package io.crier.sender;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sending_domain table. Every query but {@link #verifiedElsewhere} and {@link #anyWorkspaceHas} is
 * scoped to a workspace.
 */
@Repository
class DomainRepository {

    /** A stored domain; {@code checks} is what the last check found, by record purpose. */
    record StoredDomain(UUID id, UUID workspaceId, String domain, String status, Map<String, RecordCheck> checks,
            Instant checkedAt, Instant createdAt) {
    }

    private static final TypeReference<Map<String, RecordCheck>> CHECKS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DomainRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A {@code DuplicateKeyException} if the workspace has the domain already. */
    void insert(StoredDomain domain) {
        jdbc.sql("""
                insert into sending_domain (id, workspace_id, domain, status, created_at)
                values (:id, :workspaceId, :domain, :status, :createdAt)""")
                .param("id", domain.id())
                .param("workspaceId", domain.workspaceId())
                .param("domain", domain.domain())
                .param("status", domain.status())
                .param("createdAt", Timestamps.toDb(domain.createdAt()))
                .update();
    }

    /**
     * Stores a check's outcome; a {@code DuplicateKeyException} if it makes the domain verified while
     * another workspace has it verified.
     */
    void recordCheck(UUID id, String status, Map<String, RecordCheck> checks, Instant checkedAt) {
        jdbc.sql("""
                update sending_domain set status = :status, checks = :checks, checked_at = :checkedAt,
                    verified_domain = case when :status = 'verified' then domain end
                where id = :id""")
                .param("id", id)
                .param("status", status)
                .param("checks", json.writeValueAsString(checks))
                .param("checkedAt", Timestamps.toDb(checkedAt))
                .update();
    }

    /**
     * Takes the domain's next daily check for this node: true if it moved {@code checked_at} from
     * {@code seen} to {@code now}, false if another node did first.
     */
    boolean claimCheck(UUID id, Instant seen, Instant now) {
        return jdbc.sql("update sending_domain set checked_at = :now where id = :id and checked_at = :seen")
                .param("id", id).param("seen", Timestamps.toDb(seen)).param("now", Timestamps.toDb(now))
                .update() == 1;
    }

    /** Verified domains last checked before {@code cutoff}, oldest first, at most {@code limit}. */
    List<StoredDomain> verifiedCheckedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                select * from sending_domain where status = 'verified' and checked_at < :cutoff
                order by checked_at fetch first :limit rows only""")
                .param("cutoff", Timestamps.toDb(cutoff)).param("limit", limit).query(this::domain).list();
    }

    long count(UUID workspaceId) {
        return jdbc.sql("select count(*) from sending_domain where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId).query(Long.class).single();
    }

    List<StoredDomain> all(UUID workspaceId) {
        return jdbc.sql("select * from sending_domain where workspace_id = :workspaceId order by domain")
                .param("workspaceId", workspaceId).query(this::domain).list();
    }

    Optional<StoredDomain> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from sending_domain where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId).param("id", id).query(this::domain).optional();
    }

    Optional<StoredDomain> byName(UUID workspaceId, String domain) {
        return jdbc.sql("select * from sending_domain where workspace_id = :workspaceId and domain = :domain")
                .param("workspaceId", workspaceId).param("domain", domain).query(this::domain).optional();
    }

    /** Whether a workspace other than this one has the domain verified. */
    boolean verifiedElsewhere(UUID workspaceId, String domain) {
        return jdbc.sql("""
                select count(*) from sending_domain where verified_domain = :domain and workspace_id <> :workspaceId""")
                .param("workspaceId", workspaceId).param("domain", domain).query(Long.class).single() > 0;
    }

    /** Whether some workspace has claimed the domain, verified or not. */
    boolean anyWorkspaceHas(String domain) {
        return jdbc.sql("select count(*) from sending_domain where domain = :domain")
                .param("domain", domain).query(Long.class).single() > 0;
    }

    void delete(UUID workspaceId, UUID id) {
        jdbc.sql("delete from sending_domain where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId).param("id", id).update();
    }

    private StoredDomain domain(ResultSet rs, int row) throws SQLException {
        String checks = rs.getString("checks");
        return new StoredDomain(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("domain"), rs.getString("status"),
                checks == null ? Map.of() : json.readValue(checks, CHECKS),
                Timestamps.read(rs, "checked_at"), Timestamps.read(rs, "created_at"));
    }
}
