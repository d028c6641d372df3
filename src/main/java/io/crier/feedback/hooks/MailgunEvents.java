package io.crier.feedback.hooks;

import static io.crier.feedback.hooks.EventFields.optionalText;
import static io.crier.feedback.hooks.EventFields.text;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;
import io.crier.feedback.hooks.EventFields.MalformedEvent;
import io.crier.shared.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailgun's webhooks (JSON): {@code signature} holds a timestamp, a one-time token and the
 * HMAC-SHA256 of timestamp and token under the workspace's webhook signing key. A timestamp
 * further than {@code crier.feedback.hooks.mailgun-max-age} from the clock, or a token taken
 * before, is refused as a replay. Events: {@code failed} with severity {@code permanent} (hard) or
 * {@code temporary} (soft), and {@code complained}; the others are ignored.
 */
@Component
class MailgunEvents implements ProviderEvents {

    private final JsonMapper json;
    private final FeedbackHookRepository repository;
    private final Duration maxAge;
    private final Clock clock;

    MailgunEvents(JsonMapper json, FeedbackHookRepository repository, HookProperties properties, Clock clock) {
        this.json = json;
        this.repository = repository;
        this.maxAge = properties.mailgunMaxAge();
        this.clock = clock;
    }

    @Override
    public HookProvider provider() {
        return HookProvider.MAILGUN;
    }

    @Override
    public HookEvents read(HookRequest request, ActiveHook hook) {
        JsonNode body = EventFields.parse(json, request.body(), "body");
        if (!body.isObject()) {
            throw ApiException.invalid("body", "must be a Mailgun webhook object");
        }
        authenticate(body.path("signature"), hook);
        JsonNode event = body.path("event-data");
        if (!event.isObject()) {
            throw ApiException.invalid("event-data", "is required and must be an object");
        }
        HookEvents read = new HookEvents();
        try {
            event(event, read);
        } catch (MalformedEvent e) {
            read.refuse(e.problem());
        }
        return read;
    }

    private void authenticate(JsonNode signature, ActiveHook hook) {
        String timestamp = optionalText(signature, "timestamp");
        String token = optionalText(signature, "token");
        String given = optionalText(signature, "signature");
        if (timestamp == null || token == null || given == null) {
            throw EventFields.unsigned("Mailgun's signature (signature.timestamp, .token, .signature) is missing");
        }
        byte[] expected = hmac(hook.material().signingKey(), timestamp + token);
        if (!MessageDigest.isEqual(expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw EventFields.forged("Mailgun's signature does not verify with this hook's signing key");
        }
        Instant now = clock.instant();
        if (!fresh(timestamp, now)) {
            throw EventFields.forged("Mailgun's signed timestamp is more than " + maxAge + " away from now:"
                    + " refused as a replay");
        }
        repository.pruneNonces(now.minus(maxAge.multipliedBy(2)));
        if (token.length() > 128 || !repository.takeNonce(hook.id(), token, now)) {
            throw EventFields.forged("Mailgun's signature token was used before: refused as a replay");
        }
    }

    private boolean fresh(String timestamp, Instant now) {
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(signedAt, now).abs().compareTo(maxAge) <= 0;
        } catch (NumberFormatException | java.time.DateTimeException notSeconds) {
            return false;
        }
    }

    /** The hex HMAC-SHA256, as ASCII bytes for a constant-time comparison. */
    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    private static void event(JsonNode event, HookEvents read) {
        switch (text(event, "event", "event-data.event")) {
            case "failed" -> {
                String severity = text(event, "severity", "event-data.severity");
                JsonNode status = event.path("delivery-status");
                String code = optionalText(status, "enhanced-code");
                read.add(new Feedback.Bounce(trace(event), "permanent".equals(severity) ? BounceType.HARD
                        : BounceType.SOFT, code != null ? code : optionalText(status, "code"), reason(event, status)));
            }
            case "complained" -> read.add(new Feedback.Complaint(trace(event), "abuse"));
            default -> read.ignore();
        }
    }

    private static Trace trace(JsonNode event) {
        String messageId = optionalText(event.path("message").path("headers"), "message-id");
        return new Trace(null, EventFields.messageIds(messageId), text(event, "recipient", "event-data.recipient"),
                null);
    }

    private static String reason(JsonNode event, JsonNode status) {
        String description = optionalText(status, "description");
        if (description != null) {
            return description;
        }
        String message = optionalText(status, "message");
        return message != null ? message : optionalText(event, "reason");
    }
}
