package io.crier.feedback.inbound;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.crier.shared.LinkSecret;
import io.crier.shared.SignedTokens;

/**
 * Short-lived download links for inbound attachments, as AutoSend's {@code getAttachmentDownloadUrl}
 * hands out: {@code /inbound-attachments/<token>}, the token sealing the message, the attachment's
 * index and the moment the link expires ({@link #LIFETIME} after it was made). Whoever holds a
 * link may download that one attachment until then, without an API key, as with a presigned URL;
 * only a key that can read the message is given one.
 */
@Component
class AttachmentLinks {

    static final String PATH = "/inbound-attachments/";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int PAYLOAD = Long.BYTES + Integer.BYTES + Long.BYTES;

    /** What a link lets its holder download. */
    record Target(long messageId, int index) {
    }

    private final LinkSecret secret;
    private final Clock clock;

    AttachmentLinks(LinkSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    String token(long messageId, int index) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        return tokens().seal(ByteBuffer.allocate(PAYLOAD).putLong(messageId).putInt(index).putLong(expires).array());
    }

    /** The attachment a token names, while it has not expired; empty for anything else. */
    Optional<Target> open(String token) {
        return tokens().open(token, PAYLOAD).map(ByteBuffer::wrap)
                .map(payload -> new Opened(new Target(payload.getLong(), payload.getInt()), payload.getLong()))
                .filter(opened -> Instant.ofEpochSecond(opened.expires()).isAfter(clock.instant()))
                .map(Opened::target);
    }

    private record Opened(Target target, long expires) {
    }

    private SignedTokens tokens() {
        return secret.tokens("inbound-attachment");
    }
}
