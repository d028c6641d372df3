package io.crier.feedback.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.crier.delivery.DeliveryReferences;

/**
 * A real-world-shaped inbound message from src/test/resources/inbound with one delivery's references
 * filled in: ${RETURN_PATH}, ${REPLY_ADDRESS}, ${UNSUBSCRIBE_ADDRESS} and ${MESSAGE_ID}.
 */
record SampleMail(String name, String returnPath, String replyAddress, String unsubscribeAddress, String messageId) {

    static final String BOUNCE_DOMAIN = "bounces.crier.test";
    static final String REPLY_DOMAIN = "replies.crier.test";
    static final String FROM_DOMAIN = "sender.example";

    /** The sample with the references {@code references} makes for {@code deliveryId}. */
    static SampleMail of(String name, long deliveryId, DeliveryReferences references) {
        return new SampleMail(name, references.returnPath(deliveryId, BOUNCE_DOMAIN),
                references.replyAddress(deliveryId, REPLY_DOMAIN),
                references.unsubscribeAddress(deliveryId, BOUNCE_DOMAIN), references.messageId(deliveryId, FROM_DOMAIN));
    }

    /** The sample about a message really sent, with its return path and Message-ID. */
    static SampleMail about(String name, String returnPath, String messageId) {
        return new SampleMail(name, returnPath, "unused@" + REPLY_DOMAIN, "unused@" + BOUNCE_DOMAIN, messageId);
    }

    String text() {
        try (InputStream in = SampleMail.class.getResourceAsStream("/inbound/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalArgumentException("No sample inbound/" + name + ".eml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n")
                    .replace("${RETURN_PATH}", returnPath)
                    .replace("${REPLY_ADDRESS}", replyAddress)
                    .replace("${UNSUBSCRIBE_ADDRESS}", unsubscribeAddress)
                    .replace("${MESSAGE_ID}", messageId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
