package io.crier.delivery.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crier.delivery.DeliveryStatus;

/**
 * A transactional message as {@code GET /v1/mails/{id}} shows it. {@code id} and {@code emailId}
 * carry the same value (send answers {@code emailId}); {@code batchId} is the call that sent it.
 *
 * @param status    {@code queued} (also while a node is sending it), {@code sent}, {@code deferred}
 *                  (a temporary failure, retried at {@code nextAttemptAt}), {@code bounced},
 *                  {@code failed} (out of attempts), {@code suppressed} or {@code cancelled}
 * @param lastReply the relay's last reply to it
 * @param type      the header its address is in: {@code to}, {@code cc} or {@code bcc}
 * @param scheduledAt when a queued message is due, when its call gave a {@code scheduledAt} (null: at once)
 * @param test      a test send: sent, kept out of the metrics
 */
record MailView(UUID id, UUID emailId, UUID batchId, Address to, String type, String status, int attempts,
        String lastReply, Instant nextAttemptAt, Instant scheduledAt, Instant sentAt, List<String> categories,
        String campaignName, boolean test, String unsubscribeGroupId, Instant createdAt, Instant updatedAt) {

    record Address(String email, String name) {
    }

    static String status(DeliveryStatus status) {
        return status == DeliveryStatus.CLAIMED ? DeliveryStatus.QUEUED.wire() : status.wire();
    }
}
