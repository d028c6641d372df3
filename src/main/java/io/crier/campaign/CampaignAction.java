package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * What a caller may ask of a campaign, named after the API's verbs: {@code POST
 * /v1/campaigns/{id}/send} and the other actions, {@code PATCH} ({@code update}) and {@code DELETE}
 * ({@code delete}). A campaign's view lists those its state allows now, in this order
 * ({@link CampaignStateMachine#allowedActions}).
 */
public enum CampaignAction implements WireValue {
    SEND("send"),
    PAUSE("pause"),
    RESUME("resume"),
    ABORT("abort"),
    RETRY_FAILED("retry-failed"),
    ARCHIVE("archive"),
    UNARCHIVE("unarchive"),
    DUPLICATE("duplicate"),
    /** Change its content, audience or settings. */
    UPDATE("update"),
    DELETE("delete");

    private final String wire;

    CampaignAction(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
