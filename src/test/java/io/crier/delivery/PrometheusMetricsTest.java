package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import io.crier.support.Api;
import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PoolRelaysConfiguration.PoolRelays;
import io.crier.support.PrometheusScrape;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Fault;

import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} while a campaign meets each kind of relay trouble. The context serves
 * the actuator on its own management port, as the production guide suggests, and the scrape there
 * needs no key. The campaign goes through the {@code observed} pool's relay, which no other test
 * uses, so its relay's counters count this campaign alone even when moving the clock wakes other
 * tests' retries on the default relay. The Grafana dashboard in docs/ must ask only for metrics the
 * scrape has.
 */
class PrometheusMetricsTest extends ClockedEngineCase {

    /** crier.delivery.retry-max: every backoff is due once the clock has moved this far. */
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] RELAY = {"relay", "observed-0"};
    /** A Crier or connection-pool metric named in a PromQL expression. */
    private static final Pattern METRIC = Pattern.compile("\\b(crier|hikaricp)_[a-z_]+");

    @LocalManagementPort
    int managementPort;

    @Autowired
    PoolRelays pools;

    @Test
    void theEngineMetricsFollowACampaignThroughBouncesRetriesAndAPause() {
        Api management = Api.at(managementPort);
        ScriptedSmtpServer relay = pools.observed();
        caller.post("/v1/relay-routes", Map.of("pool", "observed")).expect(201);
        CampaignRun run = CampaignRun.create(caller, relay, 6);
        List<String> to = run.emails();
        relay.fail(to.get(0), Fault.PERMANENT, 1);
        relay.fail(to.get(1), Fault.TEMPORARY, 3);
        relay.stallFor(3_000); // longer than the context's 2 s SMTP timeout
        relay.fail(to.get(2), Fault.STALL, 1);
        relay.fail(to.get(3), Fault.DISCONNECT_IN_DATA, 1);
        PrometheusScrape before = PrometheusScrape.of(management);

        run.control(caller, "send").expect(200);
        awaitDeliveries(run, "sent", 2);
        awaitDeliveries(run, "bounced", 1);
        awaitDeliveries(run, "deferred", 3);
        run.awaitNothingClaimed(WAIT);
        PrometheusScrape firstAttempts = PrometheusScrape.of(management);

        assertThat(messages(firstAttempts, before, "sent")).isEqualTo(2);
        assertThat(messages(firstAttempts, before, "bounced")).isEqualTo(1);
        assertThat(messages(firstAttempts, before, "deferred")).isEqualTo(3);
        assertThat(messages(firstAttempts, before, "failed")).isZero();
        assertThat(relayErrors(firstAttempts, before, "5xx")).isEqualTo(1);
        assertThat(relayErrors(firstAttempts, before, "4xx")).isEqualTo(1);
        assertThat(relayErrors(firstAttempts, before, "timeout")).isEqualTo(1);
        assertThat(relayErrors(firstAttempts, before, "connection")).isEqualTo(1);
        assertThat(relayErrors(firstAttempts, before, "auth")).isZero();
        assertThat(firstAttempts.increase(before, "crier_claim_lag_seconds_count")).as("one claim per recipient")
                .isEqualTo(6);
        assertThat(firstAttempts.value("crier_queue_depth", "status", "deferred")).isGreaterThanOrEqualTo(3);
        assertThat(firstAttempts.value("crier_queue_depth", "status", "claimed")).isZero();
        assertThat(firstAttempts.value("crier_recorder_backlog")).as("every outcome is in the ledger").isZero();
        assertThat(firstAttempts.value("crier_webhooks_outbox_pending")).isGreaterThanOrEqualTo(0);
        for (String loop : List.of("dispatcher", "housekeeper", "webhooks")) {
            assertThat(firstAttempts.increase(before, "crier_loop_rounds_total", "loop", loop)).as("%s rounds", loop)
                    .isPositive();
        }

        run.control(caller, "pause").expect(200);
        PrometheusScrape paused = PrometheusScrape.of(management);
        assertThat(paused.increase(firstAttempts, "crier_pause_latency_seconds_count", "status", "paused",
                "outcome", "held")).isEqualTo(1);

        run.control(caller, "resume").expect(200);
        clock.advance(LONGEST_BACKOFF);
        Eventually.await("the second attempt at the recipient that keeps failing", WAIT,
                () -> caller.get("/v1/campaigns/" + run.id() + "/deliveries?status=deferred").expect(200).data()
                        .path("deliveries").valueStream().map(d -> d.path("attempts").asInt()).toList(),
                attempts -> attempts.equals(List.of(2)));
        clock.advance(LONGEST_BACKOFF);
        run.awaitStatus("sent", WAIT);
        PrometheusScrape done = PrometheusScrape.of(management);

        assertThat(messages(done, before, "sent")).isEqualTo(4);
        assertThat(messages(done, before, "deferred")).isEqualTo(4);
        assertThat(messages(done, before, "failed")).as("the third 4xx is the last attempt").isEqualTo(1);
        assertThat(relayErrors(done, before, "4xx")).isEqualTo(3);
        assertThat(Api.at(port).anonymous().get("/actuator/prometheus").status())
                .as("the API's port no longer serves the actuator").isEqualTo(404);
    }

    @Test
    void theGrafanaDashboardQueriesOnlyMetricsTheScrapeHas() throws IOException {
        JsonNode dashboard = Api.JSON.readTree(Files.readString(Path.of("docs/grafana/crier-dashboard.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asString());
                while (metric.find()) {
                    queried.add(metric.group());
                }
            }
        }

        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);
        assertThat(PrometheusScrape.of(Api.at(managementPort)).names()).containsAll(queried);
    }

    private static double messages(PrometheusScrape now, PrometheusScrape before, String outcome) {
        return now.increase(before, "crier_messages_total", RELAY[0], RELAY[1], "outcome", outcome);
    }

    private static double relayErrors(PrometheusScrape now, PrometheusScrape before, String replyClass) {
        return now.increase(before, "crier_relay_errors_total", RELAY[0], RELAY[1], "class", replyClass);
    }

    private static void awaitDeliveries(CampaignRun run, String status, int count) {
        Eventually.await(count + " deliveries " + status, WAIT, () -> run.deliveries(status), seen -> seen == count);
    }
}
