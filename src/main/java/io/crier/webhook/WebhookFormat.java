package io.crier.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * How a webhook's requests look: the event names it can subscribe to, the envelope and the
 * {@code data} of each, and the signature header. Crier's and Leadterra's send
 * {@code {event, timestamp, data}}, AutoSend's {@code {type, createdAt, data}}; every format signs
 * the raw body with HMAC-SHA256 and retries on the same schedule.
 */
public enum WebhookFormat implements WireValue {

    /** Crier's own events and names; {@code X-Crier-Signature: sha256=<hex>}. */
    CRIER("crier", "X-Crier-Signature", "sha256=") {
        @Override
        public List<String> eventNames() {
            return Arrays.stream(WebhookEvent.values()).map(WebhookEvent::wire).toList();
        }

        @Override
        List<Occurrence.Rendered> render(Occurrence occurrence, AutoSendMessages.Batch messages) {
            return List.of(new Occurrence.Rendered(occurrence.event().wire(), occurrence.data()));
        }
    },

    /**
     * AutoSend's names and payloads (docs.autosend.com/others/webhooks/event-type), and the headers
     * its verify-requests page lists: {@code X-Webhook-Event}, {@code X-Webhook-Delivery-Id} (the
     * call's id, the same on every retry) and {@code X-Webhook-Timestamp} (Unix milliseconds of the
     * attempt; AutoSend signs the body alone, so the signature does not cover it):
     * {@code email.sent} and {@code email.delivered} both when the relay accepts a message (Crier
     * has no delivery receipts), {@code email.bounced}, {@code email.opened}, {@code email.clicked},
     * {@code email.spam_reported}, {@code email.unsubscribed}, {@code email.group_unsubscribed} and
     * {@code email.group_resubscribed}. The rest of AutoSend's names ({@link #AUTOSEND_NEVER_SENT}) may
     * be subscribed to, so AutoSend's clients register unchanged, but Crier has nothing to send for
     * them. {@code X-Webhook-Signature: <hex>}.
     */
    AUTOSEND("autosend", "X-Webhook-Signature", "") {
        @Override
        public List<String> eventNames() {
            return AUTOSEND_EVENTS;
        }

        @Override
        List<Occurrence.Rendered> render(Occurrence occurrence, AutoSendMessages.Batch messages) {
            return switch (occurrence.data()) {
                case EventData.Delivery delivery when occurrence.event() == WebhookEvent.DELIVERY_SENT -> {
                    AutoSendEmail email = AutoSendEmail.of(messages, occurrence, delivery, delivery.email());
                    yield List.of(new Occurrence.Rendered("email.sent", email),
                            new Occurrence.Rendered("email.delivered", email));
                }
                case EventData.Bounce bounce -> List.of(new Occurrence.Rendered("email.bounced",
                        new AutoSendBounce(AutoSendEmail.of(messages, occurrence, bounce, bounce.email()),
                                "soft".equals(bounce.bounceType()) ? "Transient" : "Permanent", bounce.reply())));
                case EventData.Engagement engaged -> List.of(new Occurrence.Rendered(
                        engaged.url() == null ? "email.opened" : "email.clicked",
                        new AutoSendEngagement(AutoSendEmail.of(messages, occurrence, engaged, engaged.email()),
                                engaged.url(), engaged.userAgent())));
                case EventData.Complaint complaint -> List.of(new Occurrence.Rendered("email.spam_reported",
                        AutoSendEmail.of(messages, occurrence, complaint, complaint.email())));
                case EventData.Unsubscribe unsubscribe -> List.of(new Occurrence.Rendered("email.unsubscribed",
                        new AutoSendUnsubscribe(unsubscribe.email(), unsubscribe.campaignId(), occurrence.at())));
                case EventData.GroupChange change -> List.of(new Occurrence.Rendered(
                        change.left() ? "email.group_unsubscribed" : "email.group_resubscribed",
                        new AutoSendGroupChange(change.email(), change.groupId(), change.groupName(),
                                change.campaignId(), occurrence.at())));
                default -> List.of();
            };
        }

        @Override
        Object envelope(String event, Instant at, Object data) {
            return new AutoSendBody(event, at, data);
        }

        @Override
        Map<String, String> headers(UUID callId, String event, Instant attemptAt) {
            return Map.of("X-Webhook-Event", event, "X-Webhook-Delivery-Id", callId.toString(),
                    "X-Webhook-Timestamp", Long.toString(attemptAt.toEpochMilli()));
        }
    },

    /**
     * Leadterra's: {@code campaign.started} (a campaign starts sending, or resumes), {@code message.sent},
     * {@code message.bounced} (with {@code bounceType} and {@code bounceReason}), with
     * {@code data.messageId} to dedupe on, and {@code reply.received} (with {@code data.reply}, whose
     * {@code id} is the other key to dedupe on); {@code X-Leadterra-Signature: <hex>}.
     */
    LEADTERRA("leadterra", "X-Leadterra-Signature", "") {
        @Override
        public List<String> eventNames() {
            return List.of(LEADTERRA_CAMPAIGN_STARTED, LEADTERRA_MESSAGE_SENT, LEADTERRA_MESSAGE_BOUNCED,
                    LEADTERRA_REPLY_RECEIVED);
        }

        @Override
        List<Occurrence.Rendered> render(Occurrence occurrence, AutoSendMessages.Batch messages) {
            return switch (occurrence.data()) {
                case EventData.Delivery delivery when occurrence.event() == WebhookEvent.DELIVERY_SENT ->
                        List.of(message(LEADTERRA_MESSAGE_SENT, delivery));
                case EventData.Bounce bounce -> List.of(new Occurrence.Rendered(LEADTERRA_MESSAGE_BOUNCED,
                        new LeadterraBounce(String.valueOf(bounce.deliveryId()), bounce.campaignId(), bounce.email(),
                                bounce.reply(), bounce.bounceType(), bounce.reply())));
                case EventData.Reply reply -> List.of(new Occurrence.Rendered(LEADTERRA_REPLY_RECEIVED,
                        new LeadterraReply(String.valueOf(reply.deliveryId()), reply.campaignId(), reply.email(),
                                new LeadterraReply.Body(String.valueOf(reply.replyId()), reply.from(),
                                        reply.subject(), reply.text(), occurrence.at()))));
                case EventData.CampaignStatus change when change.change().equals("started")
                        || change.change().equals("resumed") ->
                        List.of(new Occurrence.Rendered(LEADTERRA_CAMPAIGN_STARTED,
                                new LeadterraCampaign(change.campaignId(), "running")));
                default -> List.of();
            };
        }

        private Occurrence.Rendered message(String event, EventData.Delivery delivery) {
            return new Occurrence.Rendered(event, new LeadterraMessage(String.valueOf(delivery.deliveryId()),
                    delivery.campaignId(), delivery.email(), delivery.reply()));
        }
    };

    public static final String LEADTERRA_CAMPAIGN_STARTED = "campaign.started";
    public static final String LEADTERRA_MESSAGE_SENT = "message.sent";
    public static final String LEADTERRA_MESSAGE_BOUNCED = "message.bounced";
    public static final String LEADTERRA_REPLY_RECEIVED = "reply.received";

    /** Every event name AutoSend documents, in its docs' order. */
    public static final List<String> AUTOSEND_EVENTS = List.of("email.sent", "email.delivered", "email.deferred",
            "email.bounced", "email.opened", "email.clicked", "email.spam_reported", "email.unsubscribed",
            "email.group_unsubscribed", "email.group_resubscribed", "contact.created", "contact.updated",
            "contact.deleted");

    /** AutoSend's names Crier accepts but has nothing to send for: it sees no deferrals, and sends no contact events. */
    public static final List<String> AUTOSEND_NEVER_SENT = List.of("email.deferred", "contact.created",
            "contact.updated", "contact.deleted");

    private final String wire;
    private final String signatureHeader;
    private final String signaturePrefix;

    WebhookFormat(String wire, String signatureHeader, String signaturePrefix) {
        this.wire = wire;
        this.signatureHeader = signatureHeader;
        this.signaturePrefix = signaturePrefix;
    }

    /** The event names a webhook of this format may subscribe to. */
    public abstract List<String> eventNames();

    /**
     * This format's names and data for the occurrence: none when it has no event for it, or several.
     * {@code messages} looks up the details of the message an event is about, for the formats that tell them.
     */
    abstract List<Occurrence.Rendered> render(Occurrence occurrence, AutoSendMessages.Batch messages);

    /**
     * The headers this format adds to a call, beside Crier's {@code X-Crier-Event} and
     * {@code X-Crier-Delivery}, which every call carries, and the signature.
     */
    Map<String, String> headers(UUID callId, String event, Instant attemptAt) {
        return Map.of();
    }

    /** The body sent for one event. */
    Object envelope(String event, Instant at, Object data) {
        return new Body(event, at, data);
    }

    /**
     * The format a webhook registered for {@code events} without naming one speaks: AutoSend's when
     * every name is AutoSend's and one at least is not Crier's, otherwise Crier's (so today's clients,
     * and those subscribing to {@code email.opened} or {@code email.clicked} alone, which both name,
     * keep Crier's payload; an unknown name is refused in Crier's format, listing both formats' names).
     */
    static WebhookFormat forEvents(List<String> events) {
        boolean autoSendOnly = events != null && !events.isEmpty() && AUTOSEND_EVENTS.containsAll(events)
                && !CRIER.eventNames().containsAll(events);
        return autoSendOnly ? AUTOSEND : CRIER;
    }

    String signatureHeader() {
        return signatureHeader;
    }

    /** The signature header's value for a body's HMAC-SHA256, in hex. */
    String signature(String hexMac) {
        return signaturePrefix + hexMac;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    static WebhookFormat of(String value) {
        return WireValue.parse(WebhookFormat.class, value);
    }

    private record Body(String event, Instant timestamp, Object data) {
    }

    private record AutoSendBody(String type, Instant createdAt, Object data) {
    }

    /**
     * AutoSend's email events: the fields its docs list for every email event, in their order
     * ({@link AutoSendMessages.Details} says what each is in Crier), then when it happened.
     */
    record AutoSendEmail(String emailId, String from, To to, String subject, boolean test, UUID campaignId,
            UUID templateId, UUID batchId, Instant createdAt) {

        record To(String email, String name) {
        }

        static AutoSendEmail of(AutoSendMessages.Batch messages, Occurrence occurrence, EventData.OfMessage about,
                String email) {
            AutoSendMessages.Details details = messages.of(occurrence.workspaceId(), about);
            return new AutoSendEmail(details.emailId(), details.from(), new To(email, details.toName()),
                    details.subject(), details.test(), details.campaignId(), details.templateId(), details.batchId(),
                    occurrence.at());
        }
    }

    /** {@code email.bounced}: {@code bounceType} Permanent (hard) or Transient (soft), and the relay's reason. */
    record AutoSendBounce(@JsonUnwrapped AutoSendEmail email, String bounceType, String reason) {
    }

    /** {@code email.opened} and {@code email.clicked} ({@code url} the clicked link). */
    record AutoSendEngagement(@JsonUnwrapped AutoSendEmail email, String url, String userAgent) {
    }

    /** {@code email.unsubscribed}: AutoSend's carries the address and no message details. */
    record AutoSendUnsubscribe(String email, UUID campaignId, Instant createdAt) {
    }

    /**
     * {@code email.group_unsubscribed} and {@code email.group_resubscribed}: like
     * {@code email.unsubscribed}, the address and no message details, with the group;
     * {@code campaignId} is the campaign whose mail the recipient left it through (null otherwise).
     */
    record AutoSendGroupChange(String email, UUID unsubscribeGroupId, String unsubscribeGroupName, UUID campaignId,
            Instant createdAt) {
    }

    /** Leadterra's message events: its {@code messageId} is Crier's delivery id. */
    record LeadterraMessage(String messageId, UUID campaignId, String email, String reply) {
    }

    /** {@code message.bounced}: {@code reply} as before, {@code bounceReason} the same text under Leadterra's name. */
    record LeadterraBounce(String messageId, UUID campaignId, String email, String reply, String bounceType,
            String bounceReason) {
    }

    /** {@code reply.received}: the message answered ({@code messageId}) and the reply. */
    record LeadterraReply(String messageId, UUID campaignId, String email, Body reply) {

        record Body(String id, String from, String subject, String text, Instant receivedAt) {
        }
    }

    record LeadterraCampaign(UUID campaignId, String status) {
    }
}
