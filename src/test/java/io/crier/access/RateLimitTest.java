package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.Reply;

/** A context of its own with a tiny bucket, so the limit is reached in a few calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.rate-limit.burst=20",
        "crier.rate-limit.requests-per-second=1"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void overTheLimitIs429WithRetryAfterAndOtherKeysAreUnaffected() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Reply last = null;
        for (int i = 0; i < 25 && (last == null || last.status() != 429); i++) {
            last = caller.get("/v1/workspaces/current");
        }
        last.expectError(429, "RATE_LIMITED");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(last.error().path("retryAfter").asLong()).isEqualTo(Long.parseLong(last.header("Retry-After")));
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(last.header("X-RateLimit-Limit")).isEqualTo("20");

        api.newWorkspace().get("/v1/workspaces/current").expect(200);
    }

    /** One bucket per key across every API; Blueshift's 429 is its own {"message": "Rate limit exceeded"}. */
    @Test
    void aKeyHasOneBucketAcrossApisAndBlueshiftAnswers429InItsOwnWords() {
        Caller caller = Api.at(port).newWorkspace();
        Reply last = null;
        for (int i = 0; i < 25 && (last == null || last.status() != 429); i++) {
            last = caller.basic().get("/blueshift/api/v2/campaigns.json");
        }
        last.expect(429);
        assertThat(last.json()).isEqualTo(Api.JSON.readTree("{\"message\": \"Rate limit exceeded\"}"));
        caller.get("/v1/workspaces/current").expectError(429, "RATE_LIMITED");
    }
}
