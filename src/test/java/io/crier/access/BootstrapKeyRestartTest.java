package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.crier.CrierApplication;
import io.crier.support.Api;
import io.crier.support.Caller;

import tools.jackson.databind.JsonNode;

/**
 * The configured bootstrap key is installed once, with every scope: revoked, it stays revoked when
 * Crier starts again with the same setting on the same database. Starts its own Crier twice on one
 * data directory (embedded database).
 */
class BootstrapKeyRestartTest {

    private final String dataDir = "target/test-data/" + UUID.randomUUID();
    private ConfigurableApplicationContext crier;

    @AfterEach
    void stop() {
        if (crier != null) {
            crier.close();
        }
    }

    @Test
    void aRevokedBootstrapKeyStaysRevokedAfterARestart() {
        crier = crier();
        Caller bootstrap = api().bootstrap();
        JsonNode installed = bootstrap.get("/v1/api-keys").expect(200).data().path("apiKeys").get(0);
        assertThat(installed.path("scopes").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("read", "write", "send", "admin", "installation");
        String successor = bootstrap.post("/v1/api-keys", """
                {"name": "Successor", "scopes": ["admin", "installation"]}""").expect(201).data().path("key").asString();
        String id = installed.path("id").asString();
        bootstrap.delete("/v1/api-keys/" + id).expect(200);
        crier.close();

        crier = crier();
        api().bootstrap().get("/v1/api-keys").expectError(401, "UNAUTHORIZED");
        JsonNode revoked = api().withKey(successor).get("/v1/api-keys/" + id).expect(200).data();
        assertThat(revoked.path("revokedAt").isNull()).as("still revoked").isFalse();
        assertThat(api().withKey(successor).get("/v1/api-keys").expect(200).data().path("apiKeys").size())
                .as("not installed again as a new key either").isEqualTo(2);
    }

    private ConfigurableApplicationContext crier() {
        return new SpringApplicationBuilder(CrierApplication.class)
                .run("--server.port=0", "--crier.data-dir=" + dataDir, "--crier.database.url=",
                        "--crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY, "--crier.delivery.enabled=false");
    }

    private Api api() {
        return Api.at(Integer.parseInt(crier.getEnvironment().getProperty("local.server.port")));
    }
}
