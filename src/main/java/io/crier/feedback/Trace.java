package io.crier.feedback;

import java.util.List;
import java.util.UUID;

/**
 * What a piece of feedback says about the mail it is about, in the order {@link FeedbackIntake}
 * tries to match it: the address it was delivered to (a return path or reply address carrying a
 * token), the Message-IDs it quotes, then the original recipient with the campaign a source names.
 *
 * @param envelopeRecipient the address the report or reply was sent to (SMTP's RCPT TO, a
 *                          mailbox's Delivered-To), or null where the source does not say
 * @param messageIds        Message-IDs of Crier's mail it quotes (a DSN's returned headers, an ARF
 *                          report's original message, a reply's In-Reply-To and References)
 * @param recipient         the address Crier's message went to (Final-Recipient, Original-Rcpt-To,
 *                          a reply's From), or null
 * @param campaignId        a campaign the source names (a provider event's metadata, Feedback-ID), or null
 */
public record Trace(String envelopeRecipient, List<String> messageIds, String recipient, UUID campaignId) {

    public Trace {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }
}
