package io.crier.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.ConfiguredDkimKeyConfiguration;
import io.crier.support.CrierApiTest;
import io.crier.support.DkimVerifier;
import io.crier.support.DkimVerifier.Verdict;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;

import tools.jackson.databind.JsonNode;

/**
 * A key from crier.dkim.keys that names no workspace signs the default workspace's mail from its
 * domain, until the API gives one there, and never another workspace's. The key is the API tests'
 * shared context's ({@link ConfiguredDkimKeyConfiguration}).
 */
@CrierApiTest
class ConfiguredDkimKeyTest {

    @LocalServerPort
    int port;

    @Test
    void anotherWorkspacesMailFromTheDomainGoesOutUnsignedAndWithoutTheKeyListed() {
        Caller other = Api.at(port).newWorkspace();

        assertThat(other.get("/v1/dkim-keys").expect(200).data().path("keys")).isEmpty();
        assertThat(send(other, "spoofed@example.org")).doesNotContain("DKIM-Signature");
    }

    @Test
    void theConfiguredKeySignsTheDefaultWorkspacesMailAndIsListedUntilItGivesItsOwn() {
        Caller caller = Api.at(port).bootstrap();
        JsonNode configured = caller.get("/v1/dkim-keys").expect(200).data().path("keys").get(0);
        assertThat(configured.path("source").asString()).isEqualTo("configuration");
        assertThat(configured.path("domain").asString()).isEqualTo("configured.crier.test");
        assertThat(configured.path("dnsName").asString()).isEqualTo("conf._domainkey.configured.crier.test");
        assertThat(configured.path("id").isNull()).as("configured keys have no id to delete them by").isTrue();

        String first = send(caller, "first@example.org");
        assertThat(first).contains("s=conf;");
        Verdict verdict = verify(first, configured);
        assertThat(verdict.valid()).as(verdict.log()).isTrue();

        JsonNode own = caller.post("/v1/dkim-keys", Map.of("domain", "configured.crier.test", "selector", "own"))
                .expect(201).data();
        String second = send(caller, "second@example.org");
        assertThat(second).contains("s=own;");
        verdict = verify(second, own);
        assertThat(verdict.valid()).as(verdict.log()).isTrue();
    }

    private static String send(Caller caller, String to) {
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "news@configured.crier.test"),
                "to", Map.of("email", to), "subject", "Configured", "text", "Signed by configuration")).expect(201);
        return Eventually.await(to + " in the dev inbox", Duration.ofSeconds(30),
                () -> ReceivedMail.rawByRecipient(caller), messages -> messages.containsKey(to)).get(to);
    }

    private static Verdict verify(String raw, JsonNode key) {
        return DkimVerifier.verify(raw.getBytes(StandardCharsets.UTF_8), key.path("dnsName").asString(),
                key.path("dnsRecord").asString());
    }
}
