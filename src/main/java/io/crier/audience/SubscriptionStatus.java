package io.crier.audience;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * A contact's standing on one list. Only {@code subscribed} members are mailed through the list;
 * {@code unconfirmed} ones signed up on a double opt-in form and have not followed the mailed link;
 * {@code unsubscribed} ones left the list (the row stays, so an import does not put them back).
 */
public enum SubscriptionStatus implements WireValue {
    SUBSCRIBED("subscribed"),
    UNCONFIRMED("unconfirmed"),
    UNSUBSCRIBED("unsubscribed");

    private final String wire;

    SubscriptionStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static SubscriptionStatus of(String value) {
        return WireValue.parse(SubscriptionStatus.class, value);
    }
}
