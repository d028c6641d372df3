package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import io.crier.delivery.smtp.SmtpProperties;

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

    @Test
    void theDefaultLeaseOutlastsTheLongestSmtpTransactionOfANodeCutOffFromTheDatabase() throws IOException {
        Binder defaults = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))));
        DeliveryProperties delivery = defaults.bindOrCreate("crier.delivery", DeliveryProperties.class);
        SmtpProperties smtp = defaults.bindOrCreate("crier.smtp", SmtpProperties.class);

        assertThat(delivery.leaseShortfall(smtp.timeout())).isEmpty();
        assertThat(delivery.fenceTimeout()).as("default fence timeout").isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aLeaseTooShortForTheSmtpTimeoutIsNamedWithTheSettingsThatDecideIt() {
        // Claims renewed at 33 s left, so 33 - 1 - 6 = 26 s for a transaction of up to 5 x (30 s + 1 s),
        // each wait cut at the SMTP timer's first check after its timeout.
        assertThat(properties(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(6))
                .leaseShortfall(Duration.ofSeconds(30))).hasValueSatisfying(warning -> assertThat(warning).contains(
                        "crier.delivery.lease-duration (PT1M) is too short for crier.smtp.timeout (PT30S)",
                        "keep lease-duration above PT5M18S"));
        assertThat(properties(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(6))
                .leaseShortfall(Duration.ofSeconds(4))).as("transactions of up to 25 s").isEmpty();
        assertThat(properties(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(6))
                .leaseShortfall(Duration.ofSeconds(5))).as("transactions of up to 30 s").isPresent();
    }

    private static DeliveryProperties properties(Duration lease, Duration heartbeat, Duration selfFence) {
        return new DeliveryProperties(null, lease, heartbeat, Duration.ofSeconds(10), selfFence,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), 5, Duration.ofSeconds(60), Duration.ofHours(1), null, 2);
    }
}
