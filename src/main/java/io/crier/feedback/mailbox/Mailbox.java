package io.crier.feedback.mailbox;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A mailbox as the API shows it: its settings without the password, and how its polling goes. */
record Mailbox(
        UUID id,
        MailProtocol protocol,
        String host,
        int port,
        MailSecurity security,
        String username,
        String folder,
        @Schema(description = "The PEM certificate the server's TLS certificate must be (or be issued by), in place"
                + " of the JDK's trust store and the host name check; null: the JDK's trust store")
        String tlsCertificate,
        @Schema(description = "The sender whose replies land in this mailbox; null for the workspace's own")
        UUID senderId,
        Instant createdAt,
        Polling polling) {

    /** How polling the mailbox goes. */
    record Polling(
            Instant lastPollAt,
            Instant nextPollAt,
            @Schema(description = "Why the last poll failed (login refused, host unreachable); null once one succeeds")
            String lastError,
            @Schema(description = "Polls failed in a row; each waits twice as long as the one before, up to "
                    + "crier.mailboxes.max-backoff")
            int failures,
            @Schema(description = "Messages taken from the mailbox into the inbound queue, ever")
            long fetched) {
    }
}
