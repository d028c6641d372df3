package io.crier.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.PageQuery;
import io.crier.shared.SealedColumn;
import io.crier.shared.SecretBox;
import io.crier.shared.Timestamps;
import io.crier.shared.WorkspaceRows;

/**
 * The webhook table; every query is scoped to a workspace. Secrets are sealed with the master key at
 * rest; on start, any still plaintext or sealed under an older master key are sealed anew.
 */
@Repository
class WebhookRepository implements SmartInitializingSingleton {

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;
    private final SealedColumn secrets;

    WebhookRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.rows = WorkspaceRows.of(jdbc, "webhook");
        this.secrets = secrets(box, jdbc);
    }

    /** The sealed column of webhook secrets, for every reader and writer of it. */
    static SealedColumn secrets(SecretBox box, JdbcClient jdbc) {
        return new SealedColumn(box, jdbc, "webhook", "secret");
    }

    @Override
    public void afterSingletonsInstantiated() {
        secrets.resealAll();
    }

    void insert(UUID workspaceId, Webhook webhook, String secret) {
        jdbc.sql("""
                insert into webhook (id, workspace_id, format, url, events, secret, created_at)
                values (:id, :workspaceId, :format, :url, :events, :secret, :createdAt)""")
                .param("id", webhook.id())
                .param("workspaceId", workspaceId)
                .param("format", webhook.format().wire())
                .param("url", webhook.url())
                .param("events", String.join(" ", webhook.events()))
                .param("secret", secrets.seal(secret, webhook.id()))
                .param("createdAt", Timestamps.toDb(webhook.createdAt()))
                .update();
    }

    Optional<Webhook> find(UUID workspaceId, UUID id) {
        return rows.find(workspaceId, id, WebhookRepository::webhook);
    }

    List<Webhook> page(UUID workspaceId, PageQuery query) {
        return rows.page(workspaceId, query, WebhookRepository::webhook);
    }

    long count(UUID workspaceId) {
        return rows.count(workspaceId);
    }

    boolean delete(UUID workspaceId, UUID id) {
        return rows.delete(workspaceId, id);
    }

    /** Every webhook of the workspace, with what sending needs: the subscription cache's source. */
    List<Subscription> subscriptions(UUID workspaceId) {
        return jdbc.sql("select id, format, events from webhook where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .query((rs, row) -> new Subscription(rs.getObject("id", UUID.class),
                        WebhookFormat.of(rs.getString("format")), events(rs)))
                .list();
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"), events(rs),
                WebhookFormat.of(rs.getString("format")), Timestamps.read(rs, "created_at"));
    }

    private static List<String> events(ResultSet rs) throws SQLException {
        return Arrays.asList(rs.getString("events").split(" "));
    }
}
