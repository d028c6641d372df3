package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.crier.feedback.InboundMail;
import io.crier.feedback.StoredText;
import io.crier.shared.Timestamps;

/**
 * The durable inbound queue: a message is committed here before the SMTP client hears 250 or a
 * mailbox's copy is deleted, and {@link InboundWorker} handles it from here. A message is taken once
 * per source (the shared listener, or one workspace's mailbox): by its Message-ID, or by its bytes
 * when it has none, so a retried SMTP transaction or a mailbox polled twice adds nothing.
 */
@Service
class InboundQueue implements InboundMail {

    /** The longest Message-ID used as the key; a longer one (hostile, or broken) falls back to the hash. */
    private static final int MAX_MESSAGE_ID = 998;
    private static final Logger log = LoggerFactory.getLogger(InboundQueue.class);

    private final InboundMessages messages;
    private final long maxBytes;
    private final Clock clock;

    InboundQueue(InboundMessages messages, InboundProperties properties, Clock clock) {
        this.messages = messages;
        this.maxBytes = properties.maxMessageSize().toBytes();
        this.clock = clock;
    }

    /** In a transaction of its own, committed on return whatever the caller's transaction does later. */
    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void accept(byte[] raw, Origin origin) {
        if (raw.length == 0) {
            throw new InboundRefused("empty message");
        }
        if (raw.length > maxBytes) {
            throw new InboundRefused("message larger than " + maxBytes + " bytes");
        }
        Optional<String> messageId = messageId(raw);
        String source = origin.workspaceId() == null ? "shared" : origin.workspaceId().toString();
        String dedupKey = source + " " + messageId.map(id -> "id " + id).orElseGet(() -> "sha256 " + sha256(raw));
        if (!messages.insert(dedupKey, raw, origin, messageId.orElse(null), Timestamps.now(clock))) {
            log.debug("Inbound message {} was taken before; not queued again", dedupKey);
        }
    }

    /** The Message-ID the message's header gives, without looking past the header. */
    private static Optional<String> messageId(byte[] raw) {
        try {
            String value = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Message-ID", null);
            return Optional.ofNullable(StoredText.of(value, MAX_MESSAGE_ID + 1)).map(String::strip)
                    .filter(id -> !id.isEmpty() && id.length() <= MAX_MESSAGE_ID);
        } catch (MessagingException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
