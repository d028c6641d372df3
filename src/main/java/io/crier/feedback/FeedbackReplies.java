package io.crier.feedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** The replies heard back, for the dialects that list them (Leadterra's {@code GET /v1/replies}). */
@Service
public class FeedbackReplies {

    /** The most a page holds. */
    public static final int MAX_PAGE = 100;

    private final FeedbackLog log;

    FeedbackReplies(FeedbackLog log) {
        this.log = log;
    }

    /** One reply: {@code email} is the address Crier mailed, {@code from} the reply's own sender. */
    public record StoredReply(long id, UUID campaignId, long deliveryId, String email, String from, String subject,
            String text, Instant receivedAt) {
    }

    /**
     * The workspace's replies, newest first: of one campaign when {@code campaignId} is given, older
     * than the reply {@code beforeId} when given (the last id of the previous page), at most
     * {@code limit} (1 to {@link #MAX_PAGE}).
     */
    public List<StoredReply> list(UUID workspaceId, UUID campaignId, Long beforeId, int limit) {
        return log.replies(workspaceId, campaignId, beforeId, Math.clamp(limit, 1, MAX_PAGE));
    }
}
