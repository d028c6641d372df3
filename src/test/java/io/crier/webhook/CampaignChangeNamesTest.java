package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.crier.campaign.CampaignStatus;
import io.crier.campaign.CampaignStatusChanged;
import io.crier.shared.WireValue;

/** How each campaign status move is named in campaign.status_changed's {@code change}. */
class CampaignChangeNamesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "draft, scheduled, -, scheduled",
            "scheduled, sending, -, started",
            "scheduled, sending_gradual, -, started",
            "sending, paused, -, paused",
            "sending, paused, Bounce rate over 5%, auto_paused",
            "sending_gradual, paused, Bounce rate over 5%, auto_paused",
            "paused, sending, -, resumed",
            "paused, sending_gradual, -, resumed",
            "paused, scheduled, -, resumed",
            "paused, aborted, -, aborted",
            "sending, aborted, -, aborted",
            "sending, sent, -, sent",
            "sent, sending, -, retrying",
            "scheduled, failed, The campaign's template no longer exists, failed"})
    void names(String from, String to, String reason, String change) {
        assertThat(EngineEvents.changeName(new CampaignStatusChanged(UUID.randomUUID(), UUID.randomUUID(),
                WireValue.parse(CampaignStatus.class, from), WireValue.parse(CampaignStatus.class, to), reason,
                false))).isEqualTo(change);
    }
}
