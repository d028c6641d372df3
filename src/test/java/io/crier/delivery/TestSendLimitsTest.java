package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;

/**
 * Test sends go out like all other mail, through the engine's senders: over the relay's pooled
 * connections (counted at the scripted relay), within its limits, and within each workspace's
 * daily quota of test messages.
 */
class TestSendLimitsTest extends ClockedEngineCase {

    @Value("${crier.smtp.max-connections}")
    int maxConnections;

    @Value("${crier.delivery.test-sends-per-day}")
    int perDay;

    @Test
    void testSendsUseThePooledConnectionsNotOneEach() {
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, addresses("member", 1)));
        int before = smtp.connectionsOpened();
        int calls = maxConnections + 4;

        for (int i = 0; i < calls; i++) {
            caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", addresses("pooled" + i, 1)))
                    .expect(200);
        }

        assertThat(recipients(smtp)).containsAll(addresses("pooled0", 1));
        assertThat(smtp.connectionsOpened() - before).as("connections opened for %d test sends", calls)
                .isLessThanOrEqualTo(maxConnections);
    }

    @Test
    void aWorkspaceOverItsDailyQuotaGetsA429AndSendsNothingUntilTheNextDay() {
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, addresses("member", 1)));
        List<String> ten = addresses("quota", 10);
        for (int sent = 0; sent < perDay; sent += ten.size()) {
            caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", ten)).expect(200);
        }
        long received = recipients(smtp).stream().filter(ten::contains).count();
        assertThat(received).isEqualTo(perDay);

        Reply refused = caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", addresses("over", 1)))
                .expectError(429, "RATE_LIMITED");
        assertThat(refused.error().path("message").asString()).contains("crier.delivery.test-sends-per-day")
                .contains(Integer.toString(perDay));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, Duration.ofDays(1).toSeconds());
        assertThat(recipients(smtp)).doesNotContainAnyElementsOf(addresses("over", 1));
        assertThat(recipients(smtp).stream().filter(ten::contains).count()).isEqualTo(received);

        clock.advance(Duration.ofDays(1));
        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", addresses("over", 1))).expect(200);
    }

    private static List<String> recipients(ScriptedSmtpServer smtp) {
        return smtp.received().stream().map(ScriptedSmtpServer.Received::recipient).toList();
    }
}
