package io.crier.delivery.mail;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.content.MailAttachment;
import io.crier.content.MessageExtras;
import io.crier.delivery.mail.MailRequestReader.MailOptions;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transactional call's options beyond its content, stored with its hidden campaign
 * ({@code mail_batch}, {@code mail_attachment}) in the transaction that queues its messages, so a
 * retry on another node or after a crash sends the same To, Cc and attachments. The engine reads
 * them per message through {@link #extras}, cached (by attachment bytes) for a batch's recipients.
 */
@Repository
public class MailBatches {

    private static final long CACHED_BYTES = 64L * 1024 * 1024;
    private static final TypeReference<List<MessageExtras.Address>> ADDRESSES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** What the engine needs of a batch for each of its messages. */
    private record Batch(MessageExtras extras, boolean test) {
    }

    private static final Batch CAMPAIGN = new Batch(MessageExtras.NONE, false);

    private final Cache<UUID, Batch> cache = Caffeine.newBuilder()
            .maximumWeight(CACHED_BYTES)
            .weigher((UUID id, Batch batch) -> 64 + batch.extras().attachments().stream()
                    .mapToInt(attachment -> attachment.content().length).sum())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    MailBatches(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Joins the caller's transaction. */
    void insert(UUID campaignId, UUID workspaceId, MailOptions options) {
        jdbc.sql("""
                insert into mail_batch (campaign_id, workspace_id, to_header, cc_header, categories, campaign_name,
                                        test, unsubscribe_group_id)
                values (:campaignId, :workspaceId, :to, :cc, :categories, :campaignName, :test, :group)""")
                .param("campaignId", campaignId).param("workspaceId", workspaceId)
                .param("to", json.writeValueAsString(options.toHeader()))
                .param("cc", json.writeValueAsString(options.ccHeader()))
                .param("categories", json.writeValueAsString(options.categories()))
                .param("campaignName", options.campaignName()).param("test", options.test())
                .param("group", options.unsubscribeGroupId())
                .update();
        List<MailAttachment> attachments = options.attachments();
        for (int position = 0; position < attachments.size(); position++) {
            MailAttachment attachment = attachments.get(position);
            jdbc.sql("""
                    insert into mail_attachment (campaign_id, position, filename, content_type, content)
                    values (:campaignId, :position, :filename, :contentType, :content)""")
                    .param("campaignId", campaignId).param("position", position)
                    .param("filename", attachment.filename()).param("contentType", attachment.contentType())
                    .param("content", attachment.content())
                    .update();
        }
    }

    /** The To, Cc and attachments of this campaign's messages: {@link MessageExtras#NONE} for a campaign's. */
    public MessageExtras extras(UUID campaignId) {
        return cache.get(campaignId, this::load).extras();
    }

    /** Whether this campaign is a transactional call's with {@code test: true}, whose sends no metric counts. */
    public boolean isTest(UUID campaignId) {
        return cache.get(campaignId, this::load).test();
    }

    private Batch load(UUID campaignId) {
        return jdbc.sql("select to_header, cc_header, test from mail_batch where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query((rs, row) -> new Batch(new MessageExtras(json.readValue(rs.getString("to_header"), ADDRESSES),
                        json.readValue(rs.getString("cc_header"), ADDRESSES), attachments(campaignId)),
                        rs.getBoolean("test")))
                .optional()
                .orElse(CAMPAIGN);
    }

    /** After a batch's headers changed (an address erased), so the engine's next copy reads them anew. */
    void forget(UUID campaignId) {
        cache.invalidate(campaignId);
    }

    private List<MailAttachment> attachments(UUID campaignId) {
        return jdbc.sql("select filename, content_type, content from mail_attachment where campaign_id = :campaignId"
                        + " order by position")
                .param("campaignId", campaignId)
                .query((rs, row) -> new MailAttachment(rs.getString("filename"), rs.getString("content_type"),
                        rs.getBytes("content")))
                .list();
    }
}
