package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.delivery.fence.CampaignGates;
import io.crier.support.Api;
import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Received;

import tools.jackson.databind.JsonNode;

/**
 * Audit findings 1 and 2 on the engine: templates that pass the check when they are written
 * (which renders for a contact without an address) but blow up for some recipients, or fail for
 * every one. Retries wait for their backoff on the test clock, which the tests move.
 */
class TemplateBombEngineTest extends ClockedEngineCase {

    @Autowired
    CampaignGates gates;

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** crier.delivery.retry-max: every backoff is due once the clock has moved this far. */
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);
    private static final String THOUSAND = IntStream.range(0, 1000).mapToObj(Integer::toString)
            .collect(Collectors.joining(",", "[", "]"));

    /**
     * A loop nested to a billion iterations, an expression nested past the stack, and a method
     * call, each hidden behind {@code {% if email == ... %}}: those three recipients' messages fail
     * fast with a short reason (after their retries), the others' go out, and another
     * workspace's campaign sent at the same time completes.
     */
    @Test
    void bombsHiddenFromTheCheckFailTheirRecipientsAloneAndStallNothing() {
        Caller other = Api.at(port).newWorkspace();
        CampaignRun healthy = CampaignRun.create(other, smtp, 5);
        CampaignRun poisoned = CampaignRun.create(caller, smtp, 6);
        List<String> targets = poisoned.emails().subList(0, 3);
        String bombs = "{% if email == '" + targets.get(0) + "' %}{% for a in " + THOUSAND + " %}{% for b in "
                + THOUSAND + " %}{% for c in " + THOUSAND + " %}x{% endfor %}{% endfor %}{% endfor %}{% endif %}"
                + "{% if email == '" + targets.get(1) + "' %}{{ 1" + " + 1".repeat(100_000) + " }}{% endif %}"
                + "{% if email == '" + targets.get(2) + "' %}{{ email.getBytes() }}{% endif %}";
        caller.patch("/v1/campaigns/" + poisoned.id(), Map.of("text", "Hi " + bombs, "html", "<p>Hi</p>"))
                .expect(200);

        poisoned.control(caller, "send").expect(200);
        healthy.control(other, "send").expect(200);
        healthy.awaitStatus("sent", WAIT);
        for (int attemptsMade = 1; attemptsMade < 3; attemptsMade++) {
            awaitDeferred(poisoned, targets.size(), attemptsMade);
            clock.advance(LONGEST_BACKOFF);
        }
        JsonNode sent = poisoned.awaitStatus("sent", WAIT).data();

        assertThat(healthy.received()).hasSize(5);
        assertThat(poisoned.received()).extracting(Received::recipient)
                .containsExactlyInAnyOrderElementsOf(poisoned.emails().subList(3, 6));
        assertThat(sent.path("metrics").path("failedCount").asInt()).isEqualTo(3);
        assertThat(replies(poisoned, "failed")).containsExactlyInAnyOrder(
                "internal error: text: Render limit: more than 10000 loop iterations (line 1)",
                "internal error: text: nests too deeply to render",
                "internal error: text: For security reasons access to public byte[] java.lang.String.getBytes() "
                        + "method is denied. (line 1)");
    }

    /**
     * Audit finding 1, the rest: a template that fails for every recipient fails its campaign
     * after its first messages, with the error as the reason, instead of each recipient failing
     * in turn; nothing is retried. The engine going on to send another campaign afterwards, past
     * every backoff, shows that nothing more happens to this one.
     */
    @Test
    void aCampaignWhoseFirstMessagesAllFailToRenderFailsWithTheReason() {
        CampaignRun run = CampaignRun.create(caller, smtp, RenderFailureGuard.IN_A_ROW + 5, Map.of(
                "html", "<p>{% if email != '' %}{{ 100 / 0 }}{% endif %}</p>"));

        run.control(caller, "send").expect(200);
        JsonNode failed = run.awaitStatus("failed", WAIT).data();
        // The engine fails it without waiting for the fence: the node's gate closes when its
        // watcher applies the change, later on a loaded machine. Only then is the clock moved on.
        UUID campaign = UUID.fromString(run.id());
        Eventually.await("the node's gate closed by the failure", WAIT, () -> gates.forSending(campaign).isOpen(),
                open -> !open);
        clock.advance(LONGEST_BACKOFF);
        CampaignRun after = CampaignRun.create(caller, smtp, 1);
        after.control(caller, "send").expect(200);
        after.awaitStatus("sent", WAIT);

        assertThat(failed.path("failureReason").asString()).isEqualTo("The first " + RenderFailureGuard.IN_A_ROW
                + " messages could not be rendered: html: Could not perform division (line 1)");
        assertThat(run.received()).isEmpty();
        assertThat(run.deliveries("queued") + run.deliveries("claimed")).isZero();
        assertThat(caller.get("/v1/campaigns/" + run.id() + "/deliveries?limit=100").expect(200).data()
                .path("deliveries").valueStream().map(d -> d.path("attempts").asInt())).allMatch(attempts -> attempts <= 1);
    }

    /** Waits until {@code count} deliveries of the run are deferred after {@code attemptsMade} attempts. */
    private void awaitDeferred(CampaignRun run, int count, int attemptsMade) {
        Eventually.await(count + " deliveries deferred after " + attemptsMade + " attempts", WAIT,
                () -> caller.get("/v1/campaigns/" + run.id() + "/deliveries?status=deferred&limit=100").expect(200)
                        .data().path("deliveries").valueStream().filter(d -> d.path("attempts").asInt() == attemptsMade)
                        .count(),
                deferred -> deferred == count);
    }

    private List<String> replies(CampaignRun run, String status) {
        return caller.get("/v1/campaigns/" + run.id() + "/deliveries?status=" + status + "&limit=100").expect(200).data()
                .path("deliveries").valueStream().map(d -> d.path("lastReply").asString()).toList();
    }
}
