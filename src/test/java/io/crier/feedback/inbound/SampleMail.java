package io.crier.feedback.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.crier.delivery.DeliveryReferences;

/**
 * A real-world-shaped inbound message from src/test/resources/inbound, with the references of one
 * delivery filled in: ${RETURN_PATH}, ${REPLY_ADDRESS}, ${UNSUBSCRIBE_ADDRESS} and ${MESSAGE_ID}.
 */
record SampleMail(String name, long deliveryId, DeliveryReferences references) {

    static final String BOUNCE_DOMAIN = "bounces.crier.test";
    static final String REPLY_DOMAIN = "replies.crier.test";
    static final String FROM_DOMAIN = "sender.example";

    String returnPath() {
        return references.returnPath(deliveryId, BOUNCE_DOMAIN);
    }

    String replyAddress() {
        return references.replyAddress(deliveryId, REPLY_DOMAIN);
    }

    String unsubscribeAddress() {
        return references.unsubscribeAddress(deliveryId, BOUNCE_DOMAIN);
    }

    String messageId() {
        return references.messageId(deliveryId, FROM_DOMAIN);
    }

    String text() {
        try (InputStream in = SampleMail.class.getResourceAsStream("/inbound/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalArgumentException("No sample inbound/" + name + ".eml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n")
                    .replace("${RETURN_PATH}", returnPath())
                    .replace("${REPLY_ADDRESS}", replyAddress())
                    .replace("${UNSUBSCRIBE_ADDRESS}", unsubscribeAddress())
                    .replace("${MESSAGE_ID}", messageId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
