package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** Where a campaign is in its lifecycle: AutoSend's status names, plus {@code failed}. */
enum CampaignStatus implements WireValue {
    DRAFT("draft"),
    /** Published; waits for its {@code scheduledAt} (which is "now" for a campaign sent at once). */
    SCHEDULED("scheduled"),
    SENDING("sending"),
    SENDING_GRADUAL("sending_gradual"),
    PAUSED("paused"),
    SENT("sent"),
    ABORTED("aborted"),
    FAILED("failed");

    private final String wire;

    CampaignStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    static CampaignStatus of(String value) {
        return WireValue.parse(CampaignStatus.class, value);
    }
}
