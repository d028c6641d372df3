package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The orders between the engine's timings that leases and the pause fence rely on. */
class DeliveryPropertiesTest {

    @Test
    void aClaimIsRenewedHalfwayBetweenTheSelfFenceAndTheFullLease() {
        assertThat(properties(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(6)).renewLeasesBelow())
                .isEqualTo(Duration.ofSeconds(33));
    }

    @Test
    void aHeartbeatMustComeBeforeARenewableClaimGetsWithinTheSelfFenceOfExpiring() {
        assertThat(properties(Duration.ofSeconds(4), Duration.ofMillis(999), Duration.ofSeconds(2))).isNotNull();
        assertThatThrownBy(() -> properties(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("crier.delivery.heartbeat-interval (PT1S) must be shorter than half of");
    }

    private static DeliveryProperties properties(Duration lease, Duration heartbeat, Duration selfFence) {
        return new DeliveryProperties(null, lease, heartbeat, Duration.ofSeconds(10), selfFence,
                Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofSeconds(60), Duration.ofHours(1), null);
    }
}
