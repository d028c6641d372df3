package io.crier.feedback.hooks;

import static io.crier.feedback.hooks.EventFields.optionalText;
import static io.crier.feedback.hooks.EventFields.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;
import io.crier.feedback.hooks.EventFields.MalformedEvent;
import io.crier.shared.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postmark's Bounce and Spam Complaint webhooks, authenticated by the basic-auth credentials the
 * workspace put in the URL it gave Postmark. One event per request: a bounce of Type
 * {@code HardBounce} or {@code BadEmailAddress} is hard; {@code SoftBounce}, {@code Transient},
 * {@code DnsError} and {@code Blocked} are soft; {@code SpamComplaint} is a complaint; the other
 * types (auto-responders, unsubscribes, challenges...) are ignored. Postmark's payload names its
 * own message id only, so the original Message-ID is read from the bounce's {@code Content}, sent
 * when the webhook includes the message content.
 */
@Component
class PostmarkEvents implements ProviderEvents {

    private static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress");
    private static final Set<String> SOFT = Set.of("SoftBounce", "Transient", "DnsError", "Blocked");
    private static final String COMPLAINT = "SpamComplaint";

    private final JsonMapper json;

    PostmarkEvents(JsonMapper json) {
        this.json = json;
    }

    @Override
    public HookProvider provider() {
        return HookProvider.POSTMARK;
    }

    @Override
    public HookEvents read(HookRequest request, ActiveHook hook) {
        authenticate(request.headers().getFirst(HttpHeaders.AUTHORIZATION), hook.material());
        JsonNode event = EventFields.parse(json, request.body(), "body");
        if (!event.isObject()) {
            throw ApiException.invalid("body", "must be a Postmark webhook object");
        }
        HookEvents read = new HookEvents();
        try {
            event(event, read);
        } catch (MalformedEvent e) {
            read.refuse(e.problem());
        }
        return read;
    }

    private static void authenticate(String authorization, HookMaterial material) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw EventFields.unsigned("Postmark's basic-auth credentials are missing: give Postmark the URL as"
                    + " https://user:password@host/hooks/postmark/<token>");
        }
        byte[] expected = (material.username() + ":" + material.password()).getBytes(StandardCharsets.UTF_8);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw EventFields.forged("Postmark's basic-auth credentials are not this hook's");
        }
    }

    private static void event(JsonNode event, HookEvents read) {
        String recordType = text(event, "RecordType", "RecordType");
        String type = optionalText(event, "Type");
        if (recordType.equals(COMPLAINT) || COMPLAINT.equals(type)) {
            read.add(new Feedback.Complaint(trace(event), "abuse"));
        } else if (recordType.equals("Bounce") && type == null) {
            throw new MalformedEvent("Type", "is required for a bounce and must be a string");
        } else if (recordType.equals("Bounce") && (HARD.contains(type) || SOFT.contains(type))) {
            read.add(new Feedback.Bounce(trace(event), HARD.contains(type) ? BounceType.HARD : BounceType.SOFT,
                    null, reason(event, type)));
        } else {
            read.ignore();
        }
    }

    private static Trace trace(JsonNode event) {
        return new Trace(null, EventFields.messageIdsIn(optionalText(event, "Content")),
                text(event, "Email", "Email"), null);
    }

    private static String reason(JsonNode event, String type) {
        String description = optionalText(event, "Description");
        String details = optionalText(event, "Details");
        String reason = description == null ? details : details == null ? description : description + " " + details;
        return reason == null ? type : reason;
    }
}
