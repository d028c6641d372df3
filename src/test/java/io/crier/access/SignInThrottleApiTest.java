package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

/**
 * Guessing keys is throttled per client address: after {@code failed-sign-ins.burst} unknown or
 * revoked keys, the address gets 429 with Retry-After whatever key it sends, while other addresses
 * and the per-key limit go on as before. Each test calls from a loopback address of its own, so
 * only its own requests count; the tests count requests and never wait.
 */
@CrierApiTest
class SignInThrottleApiTest {

    @LocalServerPort
    int port;

    @Value("${crier.rate-limit.failed-sign-ins.burst}")
    int burst;

    @Test
    void anAddressThatSentTooManyUnknownKeysWaitsWhateverKeyItSendsAndOtherAddressesDoNot() {
        Api api = Api.at(port);
        Caller valid = api.newWorkspace();
        Api guesser = api.fromAnAddressOfItsOwn();
        // Keys that work take nothing from the address.
        for (int i = 0; i < burst + 5; i++) {
            guesser.withKey(valid.key()).get("/v1/lists").expect(200);
        }
        for (int i = 0; i < burst; i++) {
            guesser.withKey("crier_guess_" + i).get("/v1/lists").expectError(401, "UNAUTHORIZED");
        }

        Reply refused = guesser.withKey("crier_guess_again").get("/v1/lists").expectError(429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(refused.error().path("retryAfter").asLong()).isEqualTo(retryAfter);
        guesser.withKey(valid.key()).get("/v1/lists").expectError(429, "RATE_LIMITED");

        valid.get("/v1/lists").expect(200);
    }

    @Test
    void revokedKeysCountAsUnknownOnesAndEachApiAnswersInItsOwnWords() {
        Api api = Api.at(port);
        Caller admin = api.newWorkspace();
        Reply created = admin.post("/v1/api-keys", "{\"name\": \"old\", \"scopes\": [\"read\"]}").expect(201);
        admin.delete("/v1/api-keys/" + created.data().path("id").asString()).expect(200);
        Api guesser = api.fromAnAddressOfItsOwn();
        for (int i = 0; i < burst; i++) {
            guesser.withKey(created.data().path("key").asString()).basic().get("/blueshift/api/v2/campaigns.json")
                    .expect(401);
        }

        Caller valid = guesser.withKey(admin.key());
        Reply blueshift = valid.basic().get("/blueshift/api/v2/campaigns.json").expect(429);
        assertThat(blueshift.json()).isEqualTo(Api.JSON.readTree("{\"message\": \"Rate limit exceeded\"}"));
        assertThat(blueshift.header("Retry-After")).isNotBlank();
        Reply leadterra = valid.post("/leadterra/v1/campaigns", "{\"name\": \"x\"}").expect(429);
        assertThat(leadterra.json().path("error").path("code").asString()).isEqualTo("rate_limited");
        assertThat(leadterra.header("Retry-After")).isNotBlank();
        admin.basic().get("/blueshift/api/v2/campaigns.json").expect(200);
    }
}
