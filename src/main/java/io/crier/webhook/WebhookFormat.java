package io.crier.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * How a webhook's requests look: the event names it can subscribe to, the {@code data} of each,
 * and the signature header. Every format sends {@code {event, timestamp, data}}, signs the raw body
 * with HMAC-SHA256 and retries on the same schedule.
 */
public enum WebhookFormat implements WireValue {

    /** Crier's own events and names; {@code X-Crier-Signature: sha256=<hex>}. */
    CRIER("crier", "X-Crier-Signature", "sha256=") {
        @Override
        public List<String> eventNames() {
            return Arrays.stream(WebhookEvent.values()).map(WebhookEvent::wire).toList();
        }

        @Override
        Optional<Occurrence.Rendered> render(Occurrence occurrence) {
            return Optional.of(new Occurrence.Rendered(occurrence.event().wire(), occurrence.data()));
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
        Optional<Occurrence.Rendered> render(Occurrence occurrence) {
            return switch (occurrence.data()) {
                case EventData.Delivery delivery when occurrence.event() == WebhookEvent.DELIVERY_SENT ->
                        Optional.of(message(LEADTERRA_MESSAGE_SENT, delivery));
                case EventData.Bounce bounce -> Optional.of(new Occurrence.Rendered(LEADTERRA_MESSAGE_BOUNCED,
                        new LeadterraBounce(String.valueOf(bounce.deliveryId()), bounce.campaignId(), bounce.email(),
                                bounce.reply(), bounce.bounceType(), bounce.reply())));
                case EventData.Reply reply -> Optional.of(new Occurrence.Rendered(LEADTERRA_REPLY_RECEIVED,
                        new LeadterraReply(String.valueOf(reply.deliveryId()), reply.campaignId(), reply.email(),
                                new LeadterraReply.Body(String.valueOf(reply.replyId()), reply.from(),
                                        reply.subject(), reply.text(), occurrence.at()))));
                case EventData.CampaignStatus change when change.change().equals("started")
                        || change.change().equals("resumed") ->
                        Optional.of(new Occurrence.Rendered(LEADTERRA_CAMPAIGN_STARTED,
                                new LeadterraCampaign(change.campaignId(), "running")));
                default -> Optional.empty();
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

    /** This format's name and data for the occurrence, or empty when it has no event for it. */
    abstract Optional<Occurrence.Rendered> render(Occurrence occurrence);

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
