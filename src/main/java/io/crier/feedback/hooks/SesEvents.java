package io.crier.feedback.hooks;

import static io.crier.feedback.hooks.EventFields.optionalText;
import static io.crier.feedback.hooks.EventFields.text;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;
import io.crier.feedback.hooks.EventFields.MalformedEvent;
import io.crier.shared.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amazon SES's notifications, delivered by an SNS topic's HTTPS subscription. Each SNS message is
 * verified as SNS documents it: the signing certificate is fetched from {@code SigningCertURL},
 * only on the trusted origin, and the signature (SignatureVersion 1: SHA1withRSA; 2:
 * SHA256withRSA) is checked over the message's fields in SNS's order, and its TopicArn must be one
 * the hook names, where it names any ({@code topicArns}). A SubscriptionConfirmation
 * is confirmed by visiting its SubscribeURL (trusted origin only). A Notification carries SES's
 * own JSON: a Bounce ({@code Permanent}: hard; {@code Transient} or {@code Undetermined}: soft)
 * one Feedback per bounced recipient, a Complaint one per complained recipient; Delivery and the
 * other types are ignored.
 */
@Component
class SesEvents implements ProviderEvents {

    private static final Logger log = LoggerFactory.getLogger(SesEvents.class);
    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final JsonMapper json;
    private final SnsEndpoints sns;
    private final Clock clock;

    SesEvents(JsonMapper json, SnsEndpoints sns, Clock clock) {
        this.json = json;
        this.sns = sns;
        this.clock = clock;
    }

    @Override
    public HookProvider provider() {
        return HookProvider.SES;
    }

    @Override
    public HookEvents read(HookRequest request, ActiveHook hook) {
        JsonNode message = EventFields.parse(json, request.body(), "body");
        if (!message.isObject()) {
            throw ApiException.invalid("body", "must be an SNS message object");
        }
        String type = required(message, "Type");
        HookEvents read = new HookEvents();
        switch (type) {
            case "Notification" -> {
                verify(message, NOTIFICATION_FIELDS, hook);
                notification(required(message, "Message"), read);
            }
            case "SubscriptionConfirmation" -> {
                verify(message, CONFIRMATION_FIELDS, hook);
                String subscribeUrl = required(message, "SubscribeURL");
                if (!sns.confirm(subscribeUrl)) {
                    throw EventFields.forged("The SubscribeURL is not on the trusted SNS origin or did not answer;"
                            + " nothing was confirmed");
                }
                log.info("Confirmed the SNS subscription of provider webhook {} to {}", hook.id(),
                        optionalText(message, "TopicArn"));
                read.ignore();
            }
            case "UnsubscribeConfirmation" -> {
                verify(message, CONFIRMATION_FIELDS, hook);
                read.ignore();
            }
            default -> throw ApiException.invalid("Type", "must be Notification, SubscriptionConfirmation or"
                    + " UnsubscribeConfirmation");
        }
        return read;
    }

    private static String required(JsonNode message, String field) {
        String value = optionalText(message, field);
        if (value == null) {
            throw ApiException.invalid(field, "is required and must be a string");
        }
        return value;
    }

    /**
     * Checks the SNS signature, then that the message's topic is one the hook takes; a 403 with
     * nothing read when either fails.
     */
    private void verify(JsonNode message, List<String> signedFields, ActiveHook hook) {
        verifySignature(message, signedFields);
        String topic = optionalText(message, "TopicArn");
        if (!hook.material().takesTopic(topic)) {
            throw EventFields.forged("The SNS message is from topic " + topic + ", which this webhook does not take"
                    + " (its topicArns)");
        }
    }

    /** Checks the SNS signature; a 403 with nothing read when it does not verify. */
    private void verifySignature(JsonNode message, List<String> signedFields) {
        String signature = optionalText(message, "Signature");
        String certificateUrl = optionalText(message, "SigningCertURL");
        if (signature == null || certificateUrl == null) {
            throw EventFields.unsigned("The SNS message is not signed (Signature, SigningCertURL): turn off raw"
                    + " message delivery on the subscription");
        }
        String algorithm = switch (String.valueOf(optionalText(message, "SignatureVersion"))) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw ApiException.invalid("SignatureVersion", "must be 1 or 2");
        };
        X509Certificate certificate = sns.certificate(certificateUrl).orElseThrow(() -> EventFields.forged(
                "The SigningCertURL is not on the trusted SNS origin (crier.feedback.hooks.sns-trusted-origin)"
                        + " or gave no certificate"));
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate);
            verifier.update(stringToSign(message, signedFields).getBytes(StandardCharsets.UTF_8));
            if (verifier.verify(Base64.getDecoder().decode(signature))) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException notValid) {
            // Falls through: an expired certificate or an unreadable signature verifies nothing.
        }
        throw EventFields.forged("The SNS signature does not verify with the certificate at SigningCertURL");
    }

    /** Each signed field present, as "name\nvalue\n", in SNS's order. */
    private static String stringToSign(JsonNode message, List<String> signedFields) {
        StringBuilder signed = new StringBuilder();
        for (String field : signedFields) {
            JsonNode value = message.path(field);
            if (value.isString()) {
                signed.append(field).append('\n').append(value.stringValue()).append('\n');
            }
        }
        return signed.toString();
    }

    private void notification(String body, HookEvents read) {
        JsonNode notification = EventFields.parse(json, body.getBytes(StandardCharsets.UTF_8), "Message");
        String type = optionalText(notification, "notificationType");
        if (type == null) {
            type = optionalText(notification, "eventType");
        }
        if (type == null) {
            throw ApiException.invalid("Message.notificationType", "is required: SES's Bounce, Complaint or Delivery");
        }
        List<String> messageIds = messageIds(notification.path("mail"));
        switch (type) {
            case "Bounce" -> {
                JsonNode bounce = notification.path("bounce");
                String bounceType = optionalText(bounce, "bounceType");
                if (bounceType == null) {
                    throw ApiException.invalid("Message.bounce.bounceType", "is required");
                }
                BounceType kind = bounceType.equals("Permanent") ? BounceType.HARD : BounceType.SOFT;
                recipients(bounce, "bouncedRecipients", "Message.bounce", read, (recipient, path) ->
                        new Feedback.Bounce(trace(messageIds, recipient, path), kind, optionalText(recipient, "status"),
                                reason(recipient, bounce)));
            }
            case "Complaint" -> {
                JsonNode complaint = notification.path("complaint");
                String feedbackType = optionalText(complaint, "complaintFeedbackType");
                recipients(complaint, "complainedRecipients", "Message.complaint", read, (recipient, path) ->
                        new Feedback.Complaint(trace(messageIds, recipient, path),
                                feedbackType == null ? "abuse" : feedbackType));
            }
            default -> read.ignore();
        }
    }

    /** One Feedback per recipient; a malformed recipient is refused, the others are read. */
    private static void recipients(JsonNode report, String name, String path, HookEvents read,
            BiFunction<JsonNode, String, Feedback> feedback) {
        JsonNode recipients = report.path(name);
        if (!recipients.isArray()) {
            throw ApiException.invalid(path + "." + name, "is required and must be an array");
        }
        for (int i = 0; i < recipients.size(); i++) {
            String at = path + "." + name + "[" + i + "]";
            try {
                read.add(feedback.apply(recipients.get(i), at));
            } catch (MalformedEvent e) {
                read.refuse(e.problem());
            }
        }
    }

    private static Trace trace(List<String> messageIds, JsonNode recipient, String path) {
        return new Trace(null, messageIds, text(recipient, "emailAddress", path + ".emailAddress"), null);
    }

    private static String reason(JsonNode recipient, JsonNode bounce) {
        String diagnostic = optionalText(recipient, "diagnosticCode");
        return diagnostic != null ? diagnostic : optionalText(bounce, "bounceSubType");
    }

    /** The original Message-ID: in {@code commonHeaders}, and among the headers when SES includes them. */
    private static List<String> messageIds(JsonNode mail) {
        List<String> ids = new ArrayList<>(EventFields.messageIds(optionalText(mail.path("commonHeaders"), "messageId")));
        JsonNode headers = mail.path("headers");
        for (int i = 0; headers.isArray() && i < headers.size(); i++) {
            if ("message-id".equalsIgnoreCase(optionalText(headers.get(i), "name"))) {
                ids.addAll(EventFields.messageIds(optionalText(headers.get(i), "value")));
            }
        }
        return ids;
    }
}
