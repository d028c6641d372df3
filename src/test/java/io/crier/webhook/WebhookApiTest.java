package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Registering, reading and deleting webhooks, and what registration refuses. Internal targets are
 * allowed in this context (InboundEndToEndTest's receiver listens on loopback):
 * WebhookTargetRefusalApiTest shows them refused where the default holds.
 */
@CrierApiTest
class WebhookApiTest {

    private static final String PUBLIC_URL = "https://hooks.crier-customer.example/crier";

    @LocalServerPort
    int port;

    @Value("${crier.webhooks.per-workspace}")
    int perWorkspace;

    Caller caller;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
    }

    @Test
    void aWebhookIsCreatedWithAGeneratedSecretShownOnceThenListedReadAndDeleted() {
        Reply created = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL,
                "events", List.of("delivery.sent", "campaign.status_changed", "delivery.sent"))).expect(201);
        JsonNode webhook = created.data();
        String id = webhook.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/webhooks/" + id);
        assertThat(webhook.path("secret").asString()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhook.path("events").valueStream().map(JsonNode::asString))
                .as("each event once, in the order given").containsExactly("delivery.sent", "campaign.status_changed");
        assertThat(webhook.path("format").asString()).isEqualTo("crier");

        JsonNode read = caller.get("/v1/webhooks/" + id).expect(200).data();
        assertThat(read.has("secret")).as("the secret is shown only at creation").isFalse();
        assertThat(read.path("url").asString()).isEqualTo(PUBLIC_URL);
        JsonNode listed = caller.get("/v1/webhooks").expect(200).data();
        assertThat(listed.path("webhooks").valueStream().map(w -> w.path("id").asString())).containsExactly(id);
        assertThat(listed.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(caller.get("/v1/webhooks/" + id + "/deliveries").expect(200).data().path("deliveries").isEmpty())
                .isTrue();

        caller.delete("/v1/webhooks/" + id).expect(200);
        caller.get("/v1/webhooks/" + id).expectError(404, "WEBHOOK_NOT_FOUND");
        caller.delete("/v1/webhooks/" + id).expectError(404, "WEBHOOK_NOT_FOUND");
    }

    /**
     * A webhook sends recipients' addresses and engagement wherever it points, more than read
     * shows, so registering or removing one is the admin's; write alone cannot.
     */
    @Test
    void registeringOrRemovingAWebhookNeedsTheAdminScope() {
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write", "send"))).expect(201).data().path("key").asString());
        Reply refused = writer.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.sent")))
                .expectError(403, "FORBIDDEN");
        assertThat(refused.error().path("message").asString()).contains("'admin'");
        String id = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.sent")))
                .expect(201).data().path("id").asString();
        writer.delete("/v1/webhooks/" + id).expectError(403, "FORBIDDEN");
        assertThat(writer.get("/v1/webhooks").expect(200).data().path("webhooks").size()).isEqualTo(1);
    }

    @Test
    void aGivenSecretIsKeptAndATooShortOneRefused() {
        Reply created = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.failed"),
                "secret", "a-secret-of-my-own-choosing")).expect(201);
        assertThat(created.data().path("secret").asString()).isEqualTo("a-secret-of-my-own-choosing");
        caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.failed"),
                "secret", "short")).expectInvalidField("secret");
    }

    @Test
    void anUnknownEventIsA400NamingItAndNoEventsAtAllToo() {
        Reply unknown = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL,
                "events", List.of("delivery.sent", "email.bounced"))).expectInvalidField("events[1]");
        assertThat(unknown.body()).contains("\\\"email.bounced\\\" is not a webhook event")
                .contains("delivery.sent, delivery.bounced, delivery.failed, campaign.status_changed");
        caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of()))
                .expectInvalidField("events");
        caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL)).expectInvalidField("events");
        // Leadterra's names belong to Leadterra's webhooks.
        caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("message.sent")))
                .expectInvalidField("events[0]");
        assertThat(caller.get("/v1/webhooks").expect(200).data().path("webhooks").isEmpty()).isTrue();
    }

    @Test
    void urlsThatAreNoHttpUrlsAreRefusedNamingTheUrl() {
        for (String url : List.of("ftp://files.example/hook", "not a url", "/relative/path", "https://",
                "https://user:password@hooks.crier-customer.example/", "https://hooks.crier-customer.example/#part")) {
            caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("delivery.sent")))
                    .expectInvalidField("url");
        }
    }

    @Test
    void aWorkspaceHoldsAtMostItsShareOfWebhooks() {
        for (int i = 0; i < perWorkspace; i++) {
            caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL + "/" + i, "events", List.of("delivery.sent")))
                    .expect(201);
        }
        Reply refused = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.sent")))
                .expectError(409, "CONFLICT");
        assertThat(refused.error().path("message").asString()).contains("crier.webhooks.per-workspace")
                .contains(Integer.toString(perWorkspace));
        assertThat(caller.get("/v1/webhooks").expect(200).data().path("pagination").path("total").asInt())
                .isEqualTo(perWorkspace);
        Api.at(port).newWorkspace().post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events",
                List.of("delivery.sent"))).expect(201);
    }

    @Test
    void anotherWorkspaceCannotSeeOrDeleteAWebhookNorReadItsLog() {
        String id = caller.post("/v1/webhooks", Map.of("url", PUBLIC_URL, "events", List.of("delivery.sent")))
                .expect(201).data().path("id").asString();
        Caller other = Api.at(port).newWorkspace();
        String none = UUID.randomUUID().toString();
        for (String path : List.of("/v1/webhooks/", "/v1/webhooks/%s/deliveries")) {
            String theirs = path.contains("%s") ? path.formatted(id) : path + id;
            String unknown = path.contains("%s") ? path.formatted(none) : path + none;
            assertThat(other.get(theirs).expectError(404, "WEBHOOK_NOT_FOUND").body())
                    .isEqualTo(other.get(unknown).body());
        }
        other.delete("/v1/webhooks/" + id).expectError(404, "WEBHOOK_NOT_FOUND");
        assertThat(other.get("/v1/webhooks").expect(200).data().path("webhooks").isEmpty()).isTrue();
        caller.get("/v1/webhooks/" + id).expect(200);
    }
}
