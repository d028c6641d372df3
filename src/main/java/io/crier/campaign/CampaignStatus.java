package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * Where a campaign is in its lifecycle: AutoSend's status names, plus {@code failed}. The phases
 * other modules ask about (sending, pausable, finished) are stated here once; the vendor dialects
 * map statuses to their own names in their own code, the state machine decides every action.
 */
public enum CampaignStatus implements WireValue {
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

    /** The delivery engine is sending its mail: {@code sending} or {@code sending_gradual}. */
    public boolean isSending() {
        return this == SENDING || this == SENDING_GRADUAL;
    }

    /** Launched and not stopped, so a pause stops it: waiting for its start time, or sending. */
    public boolean isPausable() {
        return this == SCHEDULED || isSending();
    }

    /** Over one way or another, nothing pending: every message sent, aborted, or failed. */
    public boolean isFinished() {
        return this == SENT || this == ABORTED || this == FAILED;
    }

    static CampaignStatus of(String value) {
        return WireValue.parse(CampaignStatus.class, value);
    }
}
