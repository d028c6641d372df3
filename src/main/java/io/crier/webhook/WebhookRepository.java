package io.crier.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook table; every query is scoped to a workspace. Secrets are sealed with the master key at
 * rest; on start, any still plaintext or sealed under an older master key are sealed anew.
 */
@Repository
class WebhookRepository implements SmartInitializingSingleton {

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;
    private final SealedColumn secrets;
    private final JsonMapper json;

    WebhookRepository(JdbcClient jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.rows = WorkspaceRows.of(jdbc, "webhook");
        this.secrets = secrets(box, jdbc);
        this.json = json;
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
                insert into webhook (id, workspace_id, format, url, events, secret, active, metadata, created_at)
                values (:id, :workspaceId, :format, :url, :events, :secret, :active, :metadata, :createdAt)""")
                .param("id", webhook.id())
                .param("workspaceId", workspaceId)
                .param("format", webhook.format().wire())
                .param("url", webhook.url())
                .param("events", String.join(" ", webhook.events()))
                .param("secret", secrets.seal(secret, webhook.id()))
                .param("active", webhook.active())
                .param("metadata", metadataText(webhook))
                .param("createdAt", Timestamps.toDb(webhook.createdAt()))
                .update();
    }

    boolean update(UUID workspaceId, Webhook webhook) {
        return jdbc.sql("""
                update webhook set url = :url, events = :events, active = :active, metadata = :metadata
                where workspace_id = :workspaceId and id = :id""")
                .param("id", webhook.id())
                .param("workspaceId", workspaceId)
                .param("url", webhook.url())
                .param("events", String.join(" ", webhook.events()))
                .param("active", webhook.active())
                .param("metadata", metadataText(webhook))
                .update() == 1;
    }

    Optional<String> secret(UUID workspaceId, UUID id) {
        return jdbc.sql("select secret from webhook where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(String.class)
                .optional()
                .map(sealed -> secrets.open(sealed, id));
    }

    Optional<Webhook> find(UUID workspaceId, UUID id) {
        return rows.find(workspaceId, id, this::webhook);
    }

    /** A page of the workspace's webhooks, oldest first; {@code active} null for all of them. */
    List<Webhook> page(UUID workspaceId, PageQuery query, Boolean active) {
        return jdbc.sql("select * from webhook where workspace_id = :workspaceId" + activeFilter(active)
                        + " order by created_at, id limit :limit offset :offset")
                .param("workspaceId", workspaceId)
                .param("limit", query.limit())
                .param("offset", query.offset())
                .query(this::webhook)
                .list();
    }

    long count(UUID workspaceId) {
        return rows.count(workspaceId);
    }

    long count(UUID workspaceId, Boolean active) {
        return jdbc.sql("select count(*) from webhook where workspace_id = :workspaceId" + activeFilter(active))
                .param("workspaceId", workspaceId)
                .query(Long.class)
                .single();
    }

    private static String activeFilter(Boolean active) {
        return active == null ? "" : active ? " and active" : " and not active";
    }

    boolean delete(UUID workspaceId, UUID id) {
        return rows.delete(workspaceId, id);
    }

    /** Every active webhook of the workspace, with what sending needs: the subscription cache's source. */
    List<Subscription> subscriptions(UUID workspaceId) {
        return jdbc.sql("select id, format, events from webhook where workspace_id = :workspaceId and active")
                .param("workspaceId", workspaceId)
                .query((rs, row) -> new Subscription(rs.getObject("id", UUID.class),
                        WebhookFormat.of(rs.getString("format")), events(rs)))
                .list();
    }

    private Webhook webhook(ResultSet rs, int row) throws SQLException {
        String metadata = rs.getString("metadata");
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"), events(rs),
                WebhookFormat.of(rs.getString("format")), rs.getBoolean("active"),
                metadata == null ? null : json.readValue(metadata, METADATA), Timestamps.read(rs, "created_at"));
    }

    private String metadataText(Webhook webhook) {
        return webhook.metadata() == null ? null : json.writeValueAsString(webhook.metadata());
    }

    private static List<String> events(ResultSet rs) throws SQLException {
        return Arrays.asList(rs.getString("events").split(" "));
    }
}
