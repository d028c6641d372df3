package io.crier.delivery.smtp;

/**
 * What one SMTP attempt came to. {@code reply} is the relay's last reply line, or the error when
 * there was none; {@code error} says what failed on the relay's side, null when nothing did.
 */
public record SendOutcome(Kind kind, String reply, RelayError error) {

    public enum Kind {
        /** The relay accepted the message (2xx after DATA). */
        SENT,
        /** A permanent refusal (5xx): the address or message will not be accepted. */
        BOUNCED,
        /** A temporary problem (4xx, timeout, dropped connection): try again later. */
        DEFERRED,
        /** The campaign's gate was closed before MAIL FROM: nothing was sent. */
        NOT_STARTED
    }
}
