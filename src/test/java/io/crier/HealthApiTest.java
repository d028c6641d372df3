package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.crier.support.Api;
import io.crier.support.CrierApiTest;
import io.crier.support.PrometheusScrape;

@CrierApiTest
class HealthApiTest {

    @LocalServerPort
    int port;

    @Test
    void livenessIsUpWithoutAKey() {
        JsonNode liveness = Api.at(port).anonymous().get("/actuator/health/liveness").expect(200).json();

        assertThat(liveness.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessIsUpWithoutAKeyAndChecksTheDatabase() {
        JsonNode readiness = Api.at(port).anonymous().get("/actuator/health/readiness").expect(200).json();

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("readinessState").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("db").has("details"))
                .as("an unauthenticated probe learns nothing about the database").isFalse();
    }

    /** Audit finding 2: a node whose engine threads died would serve the API but send nothing. */
    @Test
    void readinessChecksTheEngineThreads() {
        JsonNode readiness = Api.at(port).anonymous().get("/actuator/health/readiness").expect(200).json();

        assertThat(readiness.path("components").path("engine").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsAnswerWithoutAKeyOnTheApiPortWhenNoManagementPortIsSet() {
        PrometheusScrape scrape = PrometheusScrape.of(Api.at(port));

        assertThat(scrape.names()).contains("crier_queue_depth", "crier_messages_total", "jvm_memory_used_bytes");
    }
}
