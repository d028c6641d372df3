package io.crier.feedback.hooks;

import static io.crier.feedback.hooks.EventFields.optionalText;
import static io.crier.feedback.hooks.EventFields.text;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;
import io.crier.feedback.hooks.EventFields.MalformedEvent;
import io.crier.shared.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's signed Event Webhook: an ECDSA (P-256, SHA-256) signature over the timestamp header
 * followed by the raw body, checked with the verification key the workspace gave. The body is an
 * array of events: {@code bounce} (type {@code bounce}: hard; {@code blocked}: soft), {@code
 * deferred} (soft), {@code dropped} for an address SendGrid knows bounced (hard) and {@code
 * spamreport} (a complaint); the rest (processed, delivered, open, click...) are ignored.
 */
@Component
class SendGridEvents implements ProviderEvents {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final JsonMapper json;

    SendGridEvents(JsonMapper json) {
        this.json = json;
    }

    @Override
    public HookProvider provider() {
        return HookProvider.SENDGRID;
    }

    /** SendGrid's verification key: base64 of an X.509 SubjectPublicKeyInfo holding an EC key. */
    static Optional<PublicKey> publicKey(String base64) {
        try {
            return Optional.of(KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public HookEvents read(HookRequest request, ActiveHook hook) {
        verify(request, hook);
        JsonNode events = EventFields.parse(json, request.body(), "body");
        if (!events.isArray()) {
            throw ApiException.invalid("body", "must be an array of events");
        }
        HookEvents read = new HookEvents();
        for (int i = 0; i < events.size(); i++) {
            try {
                event(events.get(i), "[" + i + "]", read);
            } catch (MalformedEvent e) {
                read.refuse(e.problem());
            }
        }
        return read;
    }

    private static void verify(HookRequest request, ActiveHook hook) {
        String signature = request.headers().getFirst(SIGNATURE);
        String timestamp = request.headers().getFirst(TIMESTAMP);
        if (signature == null || timestamp == null) {
            throw EventFields.unsigned("SendGrid's signature headers (" + SIGNATURE + ", " + TIMESTAMP
                    + ") are missing: turn on the Event Webhook's signature verification");
        }
        PublicKey key = publicKey(hook.material().publicKey()).orElseThrow(() -> EventFields.forged(
                "This hook's verification key is not a public key: make the hook anew"));
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(request.body() == null ? new byte[0] : request.body());
            if (verifier.verify(Base64.getDecoder().decode(signature.strip()))) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException notASignature) {
            // Falls through to the refusal below: a signature that cannot even be read verifies nothing.
        }
        throw EventFields.forged("SendGrid's signature does not verify with this hook's verification key");
    }

    private static void event(JsonNode event, String path, HookEvents read) {
        if (!event.isObject()) {
            throw new MalformedEvent(path, "must be an event object");
        }
        String kind = text(event, "event", path + ".event");
        switch (kind) {
            case "bounce" -> read.add(new Feedback.Bounce(trace(event, path),
                    "blocked".equals(optionalText(event, "type")) ? BounceType.SOFT : BounceType.HARD,
                    optionalText(event, "status"), optionalText(event, "reason")));
            case "deferred" -> read.add(new Feedback.Bounce(trace(event, path), BounceType.SOFT,
                    optionalText(event, "status"), optionalText(event, "response")));
            case "dropped" -> {
                if ("Bounced Address".equals(optionalText(event, "reason"))) {
                    read.add(new Feedback.Bounce(trace(event, path), BounceType.HARD, null, "Bounced Address"));
                } else {
                    read.ignore();
                }
            }
            case "spamreport" -> read.add(new Feedback.Complaint(trace(event, path), "abuse"));
            default -> read.ignore();
        }
    }

    /** The recipient, and the Message-ID SendGrid reports as {@code smtp-id}. */
    private static Trace trace(JsonNode event, String path) {
        return new Trace(null, EventFields.messageIds(optionalText(event, "smtp-id")),
                text(event, "email", path + ".email"), null);
    }
}
