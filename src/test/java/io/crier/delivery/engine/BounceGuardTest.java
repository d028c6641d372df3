package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.crier.campaign.CampaignCounters.Outcomes;
import io.crier.campaign.LaunchedCampaign.BounceLimit;

class BounceGuardTest {

    private static final BounceLimit FIVE_PERCENT_AFTER_40 = new BounceLimit(0.05, 40);

    @Test
    void aRateOverTheLimitPausesOnceTheSampleIsLargeEnough() {
        assertThat(BounceGuard.overLimit(FIVE_PERCENT_AFTER_40, new Outcomes(35, 5)))
                .hasValue("Bounce rate 12.5% over the 5% threshold after 40 deliveries");
        assertThat(BounceGuard.overLimit(FIVE_PERCENT_AFTER_40, new Outcomes(20, 19)))
                .as("below the minimum sample").isEmpty();
    }

    @Test
    void aRateAtTheLimitIsNotOverIt() {
        assertThat(BounceGuard.overLimit(FIVE_PERCENT_AFTER_40, new Outcomes(38, 2))).isEmpty();
        assertThat(BounceGuard.overLimit(new BounceLimit(0.02, 50), new Outcomes(0, 300)))
                .hasValue("Bounce rate 100% over the 2% threshold after 300 deliveries");
        assertThat(BounceGuard.overLimit(new BounceLimit(0.1, 3), new Outcomes(2, 1)))
                .hasValue("Bounce rate 33.3% over the 10% threshold after 3 deliveries");
    }
}
