package io.crier.compat.leadterra;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.Campaigns;
import io.crier.feedback.FeedbackReplies;
import io.crier.feedback.FeedbackReplies.StoredReply;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;

/**
 * Leadterra's {@code GET /v1/replies}: the replies Crier heard back, newest first, optionally of
 * one campaign, a page at a time ({@code limit}, and {@code cursor} = the previous page's
 * {@code nextCursor}). Leadterra documents the endpoint but its stored pages show no shape; this
 * one keeps to its webhook's names ({@code messageId} is the delivery answered, {@code id} the
 * reply's, as in {@code reply.received}).
 */
@Tag(name = "Leadterra")
@RestController
class LeadterraReplyController {

    static final int DEFAULT_LIMIT = 50;

    record ReplyFields(String id, UUID campaignId, String messageId, String email, String from, String subject,
            String text, Instant receivedAt) {

        static ReplyFields of(StoredReply reply) {
            return new ReplyFields(String.valueOf(reply.id()), reply.campaignId(), String.valueOf(reply.deliveryId()),
                    reply.email(), reply.from(), reply.subject(), reply.text(), reply.receivedAt());
        }
    }

    record Replies(List<ReplyFields> replies, String nextCursor) {
    }

    private final FeedbackReplies replies;
    private final Campaigns campaigns;

    LeadterraReplyController(FeedbackReplies replies, Campaigns campaigns) {
        this.replies = replies;
        this.campaigns = campaigns;
    }

    @Operation(summary = "List replies", description = "Newest first; `campaignId` narrows to one campaign (404 "
            + "campaign_not_found if it is not the workspace's), `limit` 1 to 100 (default 50), `cursor` the "
            + "previous page's `nextCursor` (null on the last page).")
    @GetMapping(LeadterraSecurity.BASE + "/replies")
    Replies list(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        UUID campaign = campaignId == null ? null : campaigns.get(caller.workspaceId(), campaignId).id();
        int size = (int) number(limit, "limit", 1, FeedbackReplies.MAX_PAGE, DEFAULT_LIMIT);
        Long before = cursor == null ? null : number(cursor, "cursor", 1, Long.MAX_VALUE, 0);
        List<StoredReply> page = replies.list(caller.workspaceId(), campaign, before, size);
        String next = page.size() < size ? null : String.valueOf(page.getLast().id());
        return new Replies(page.stream().map(ReplyFields::of).toList(), next);
    }

    private static long number(String value, String field, long min, long max, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, as any value out of range.
        }
        String message = "must be a whole number from " + min + " to " + max;
        throw new ApiException(HttpStatus.BAD_REQUEST, LeadterraErrors.INVALID_REQUEST, field + " " + message,
                List.of(new FieldProblem(field, message)));
    }
}
