package io.crier.suppression;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** The suppression list in SQL; every statement is scoped to one workspace. */
@Repository
class SuppressionRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    SuppressionRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /**
     * Adds the address unless it is suppressed already (its first reason stays); true if added. One
     * statement that does nothing on a conflict, so a request adding the same address at the same
     * moment (an unsubscribe, a bounce) waits for it and finds the address there, instead of failing.
     */
    boolean add(UUID workspaceId, String email, SuppressionReason reason, String detail, Instant now) {
        return jdbc.sql("""
                insert into suppression (workspace_id, email, reason, detail, created_at)
                values (:workspaceId, :email, :reason, :detail, :now)
                on conflict do nothing""")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .param("reason", reason.wire())
                .param("detail", detail)
                .param("now", Timestamps.toDb(now))
                .update() == 1;
    }

    /** Adds hard bounces in one batch, each kept as it is when the address is there already. */
    void addBounced(List<Suppressions.HardBounce> bounces, Instant now) {
        MapSqlParameterSource[] rows = bounces.stream().map(bounce -> new MapSqlParameterSource()
                        .addValue("workspaceId", bounce.workspaceId())
                        .addValue("email", bounce.email())
                        .addValue("detail", bounce.reply())
                        .addValue("now", Timestamps.toDb(now)))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                insert into suppression (workspace_id, email, reason, detail, created_at)
                values (:workspaceId, :email, 'bounced', :detail, :now)
                on conflict do nothing""", rows);
    }

    boolean delete(UUID workspaceId, String email) {
        return jdbc.sql("delete from suppression where workspace_id = :workspaceId and email = :email")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .update() == 1;
    }

    /** Oldest first; a null reason or email matches all. */
    List<Suppression> list(UUID workspaceId, SuppressionReason reason, String email, long offset, int limit) {
        return jdbc.sql("""
                select email, reason, detail, created_at from suppression
                where workspace_id = :workspaceId %s
                order by created_at, email limit :limit offset :offset""".formatted(filter(reason, email)))
                .param("workspaceId", workspaceId)
                .param("reason", reason == null ? null : reason.wire())
                .param("email", email)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, row) -> new Suppression(rs.getString("email"),
                        SuppressionReason.of(rs.getString("reason")), rs.getString("detail"),
                        Timestamps.read(rs, "created_at")))
                .list();
    }

    long count(UUID workspaceId, SuppressionReason reason, String email) {
        return jdbc.sql("select count(*) from suppression where workspace_id = :workspaceId "
                        + filter(reason, email))
                .param("workspaceId", workspaceId)
                .param("reason", reason == null ? null : reason.wire())
                .param("email", email)
                .query(Long.class)
                .single();
    }

    /** Which of these addresses the workspace suppresses. */
    Set<String> suppressed(UUID workspaceId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select email from suppression where workspace_id = :workspaceId"
                        + " and email in (:emails)")
                .param("workspaceId", workspaceId)
                .param("emails", emails)
                .query(String.class)
                .list());
    }

    /** Which of these addresses the workspace suppresses for one of these reasons. */
    Set<String> suppressed(UUID workspaceId, Collection<String> emails, Set<SuppressionReason> reasons) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select email from suppression where workspace_id = :workspaceId"
                        + " and email in (:emails) and reason in (:reasons)")
                .param("workspaceId", workspaceId)
                .param("emails", emails)
                .param("reasons", reasons.stream().map(SuppressionReason::wire).toList())
                .query(String.class)
                .list());
    }

    private static String filter(SuppressionReason reason, String email) {
        return (reason == null ? "" : " and reason = :reason") + (email == null ? "" : " and email = :email");
    }
}
