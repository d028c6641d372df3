package io.crier.webhook;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * What can happen, under Crier's own event names. A new event is one constant here and a {@link Webhooks#publish} call where it happens; a vendor format
 * that has a name for it adds one case to its {@link WebhookFormat} rendering.
 */
public enum WebhookEvent implements WireValue {
    DELIVERY_SENT("delivery.sent"),
    DELIVERY_BOUNCED("delivery.bounced"),
    DELIVERY_FAILED("delivery.failed"),
    CAMPAIGN_STATUS_CHANGED("campaign.status_changed"),
    CONTACT_UNSUBSCRIBED("contact.unsubscribed"),
    CONTACT_GROUP_UNSUBSCRIBED("contact.group_unsubscribed"),
    CONTACT_GROUP_RESUBSCRIBED("contact.group_resubscribed"),
    EMAIL_OPENED("email.opened"),
    EMAIL_CLICKED("email.clicked"),
    EMAIL_COMPLAINED("email.complained"),
    EMAIL_REPLIED("email.replied");

    private final String wire;

    WebhookEvent(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
