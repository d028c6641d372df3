package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** How a started campaign sends: all at once, at a set time, or spread over days. */
enum SendMode implements WireValue {
    IMMEDIATE("immediate"),
    SCHEDULED("scheduled"),
    GRADUAL("gradual");

    private final String wire;

    SendMode(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    static SendMode of(String value) {
        return WireValue.parse(SendMode.class, value);
    }

    /** The status of a campaign of this mode while it sends. */
    CampaignStatus sendingStatus() {
        return this == GRADUAL ? CampaignStatus.SENDING_GRADUAL : CampaignStatus.SENDING;
    }
}
