package io.crier.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

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
        List<Occurrence.Rendered> render(Occurrence occurrence) {
            return List.of(new Occurrence.Rendered(occurrence.event().wire(), occurrence.data()));
        }
    },

    /**
     * AutoSend's names and payloads (docs.autosend.com/others/webhooks/event-type):
     * {@code email.sent} and {@code email.delivered} both when the relay accepts a message (Crier
     * has no delivery receipts), {@code email.bounced}, {@code email.opened}, {@code email.clicked},
     * {@code email.spam_reported} and {@code email.unsubscribed}. The rest of AutoSend's names may be
     * subscribed to, so AutoSend's clients register unchanged, but Crier has nothing to send for
     * them. {@code X-Webhook-Signature: <hex>}.
     */
    AUTOSEND("autosend", "X-Webhook-Signature", "") {
        @Override
        public List<String> eventNames() {
            return AUTOSEND_EVENTS;
        }

        @Override
        List<Occurrence.Rendered> render(Occurrence occurrence) {
            return switch (occurrence.data()) {
                case EventData.Delivery delivery when occurrence.event() == WebhookEvent.DELIVERY_SENT -> {
                    AutoSendEmail email = new AutoSendEmail(String.valueOf(delivery.deliveryId()), delivery.campaignId(),
                            new AutoSendEmail.To(delivery.email(), null), occurrence.at());
                    yield List.of(new Occurrence.Rendered("email.sent", email),
                            new Occurrence.Rendered("email.delivered", email));
                }
                case EventData.Bounce bounce -> List.of(new Occurrence.Rendered("email.bounced",
                        new AutoSendBounce(String.valueOf(bounce.deliveryId()), bounce.campaignId(),
                                new AutoSendEmail.To(bounce.email(), null), occurrence.at(),
                                "soft".equals(bounce.bounceType()) ? "Transient" : "Permanent", bounce.reply())));
                case EventData.Engagement engaged -> List.of(new Occurrence.Rendered(
                        engaged.url() == null ? "email.opened" : "email.clicked",
                        new AutoSendEngagement(String.valueOf(engaged.deliveryId()), engaged.campaignId(),
                                new AutoSendEmail.To(engaged.email(), null), occurrence.at(), engaged.url(),
                                engaged.userAgent())));
                case EventData.Complaint complaint -> List.of(new Occurrence.Rendered("email.spam_reported",
                        new AutoSendEmail(String.valueOf(complaint.deliveryId()), complaint.campaignId(),
                                new AutoSendEmail.To(complaint.email(), null), occurrence.at())));
                case EventData.Unsubscribe unsubscribe -> List.of(new Occurrence.Rendered("email.unsubscribed",
                        new AutoSendUnsubscribe(unsubscribe.email(), unsubscribe.campaignId(), occurrence.at())));
                default -> List.of();
            };
        }

        @Override
        Object envelope(String event, Instant at, Object data) {
            return new AutoSendBody(event, at, data);
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
        List<Occurrence.Rendered> render(Occurrence occurrence) {
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

    /** This format's names and data for the occurrence: none when it has no event for it, or several. */
    abstract List<Occurrence.Rendered> render(Occurrence occurrence);

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

    /** AutoSend's email events: its {@code emailId} is Crier's delivery id. */
    record AutoSendEmail(String emailId, UUID campaignId, To to, Instant createdAt) {

        record To(String email, String name) {
        }
    }

    /** {@code email.bounced}: {@code bounceType} Permanent (hard) or Transient (soft), and the relay's reason. */
    record AutoSendBounce(String emailId, UUID campaignId, AutoSendEmail.To to, Instant createdAt, String bounceType,
            String reason) {
    }

    /** {@code email.opened} and {@code email.clicked} ({@code url} the clicked link). */
    record AutoSendEngagement(String emailId, UUID campaignId, AutoSendEmail.To to, Instant createdAt, String url,
            String userAgent) {
    }

    /** {@code email.unsubscribed}: AutoSend's carries the address and no message details. */
    record AutoSendUnsubscribe(String email, UUID campaignId, Instant createdAt) {
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
