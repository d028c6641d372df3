package io.crier.delivery.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Message-IDs derived from (campaign, recipient, step), the recipient being the contact or, for a
 * transactional message, the message's own id: every attempt at one delivery carries the
 * same id, so a downstream system can drop a duplicate; a hash, so the id reveals nothing.
 */
final class MessageIds {

    private MessageIds() {
    }

    static String of(UUID campaignId, UUID recipientKey, int step, String fromEmail) {
        String domain = fromEmail.substring(fromEmail.lastIndexOf('@') + 1);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (campaignId + "/" + recipientKey + "/" + step).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "." + step + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
