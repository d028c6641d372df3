package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

@CrierApiTest
class AccessApiTest {

    @LocalServerPort
    int port;

    Api api;
    Caller admin;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        admin = api.newWorkspace();
    }

    @Test
    void missingKeyIs401WithTheErrorEnvelope() {
        api.anonymous().get("/v1/api-keys").expectError(401, "UNAUTHORIZED");
    }

    @Test
    void unknownOrMalformedKeyIs401() {
        api.withKey("crier_not_a_real_key").get("/v1/api-keys").expectError(401, "UNAUTHORIZED");
        Reply basic = api.anonymous().raw("GET", "/v1/api-keys", "application/json", null);
        basic.expectError(401, "UNAUTHORIZED");
    }

    @Test
    void createdKeyIsShownOnceAndWorksWithItsScopesOnly() {
        Reply created = admin.post("/v1/api-keys", """
                {"name": "reporting", "scopes": ["read"]}""").expect(201);
        String key = created.data().path("key").asString();
        assertThat(key).startsWith("crier_").hasSizeGreaterThan(40);
        assertThat(created.data().path("prefix").asString()).isEqualTo(key.substring(0, 12));

        Caller reader = admin.withKey(key);
        reader.get("/v1/workspaces/current").expectError(403, "FORBIDDEN");
        assertThat(reader.get("/v1/api-keys").error().path("message").asString()).contains("admin");

        Reply listed = admin.get("/v1/api-keys").expect(200);
        assertThat(listed.data().path("apiKeys").size()).isEqualTo(2);
        assertThat(listed.body()).doesNotContain(key).doesNotContain("keyHash");
        assertThat(listed.data().path("pagination").path("total").asInt()).isEqualTo(2);
    }

    /** Creating workspaces is the installation's: a workspace's own admin key can neither do it nor grant itself the right. */
    @Test
    void creatingWorkspacesNeedsTheInstallationScopeWhichOnlyItsHoldersGrant() {
        Reply refused = admin.post("/v1/workspaces", "{\"name\": \"Escape\"}").expectError(403, "FORBIDDEN");
        assertThat(refused.error().path("message").asString()).contains("'installation'");
        assertThat(scopes(admin.get("/v1/api-keys").expect(200).data().path("apiKeys").get(0)))
                .as("a new workspace's first key").containsExactlyInAnyOrder("read", "write", "send", "admin");
        admin.post("/v1/api-keys", "{\"name\": \"Climber\", \"scopes\": [\"admin\", \"installation\"]}")
                .expectError(403, "FORBIDDEN");
        assertThat(admin.get("/v1/api-keys").expect(200).data().path("apiKeys").size()).isEqualTo(1);

        Reply provisioner = api.bootstrap().post("/v1/api-keys", """
                {"name": "Provisioner", "scopes": ["installation"]}""").expect(201);
        assertThat(scopes(provisioner.data())).containsExactly("installation");
        Reply created = api.withKey(provisioner.data().path("key").asString())
                .post("/v1/workspaces", "{\"name\": \"Provisioned\"}").expect(201);
        assertThat(scopes(created.data().path("apiKey"))).doesNotContain("installation");
        api.bootstrap().delete("/v1/api-keys/" + provisioner.data().path("id").asString()).expect(200);
    }

    @Test
    void revokedKeyStopsWorkingAndRevokingAgainIsHarmless() {
        String key = admin.post("/v1/api-keys", """
                {"name": "temporary", "scopes": ["read", "admin"]}""").expect(201).data().path("key").asString();
        String id = admin.withKey(key).get("/v1/api-keys").expect(200).data().path("apiKeys")
                .valueStream().filter(k -> k.path("name").asString().equals("temporary"))
                .findFirst().orElseThrow().path("id").asString();

        Reply revoked = admin.delete("/v1/api-keys/" + id).expect(200);
        assertThat(revoked.data().path("revokedAt").isNull()).isFalse();
        admin.withKey(key).get("/v1/api-keys").expectError(401, "UNAUTHORIZED");
        assertThat(admin.delete("/v1/api-keys/" + id).expect(200).data().path("revokedAt").asString())
                .isEqualTo(revoked.data().path("revokedAt").asString());
    }

    @Test
    void keysOfAnotherWorkspaceAreInvisible() {
        Caller other = api.newWorkspace();
        String otherKeyId = other.get("/v1/api-keys").expect(200).data().path("apiKeys").get(0).path("id").asString();

        admin.get("/v1/api-keys/" + otherKeyId).expectError(404, "API_KEY_NOT_FOUND");
        admin.delete("/v1/api-keys/" + otherKeyId).expectError(404, "API_KEY_NOT_FOUND");
        admin.get("/v1/api-keys/not-a-uuid").expectError(404, "API_KEY_NOT_FOUND");
        other.get("/v1/api-keys").expect(200);
    }

    @Test
    void newWorkspaceIsItsOwnAndNeedsAdmin() {
        Reply current = admin.get("/v1/workspaces/current").expect(200);
        assertThat(current.data().path("id").asString()).isEqualTo(admin.workspaceId());

        String writer = admin.post("/v1/api-keys", """
                {"name": "writer", "scopes": ["read", "write", "send"]}""").expect(201).data().path("key").asString();
        admin.withKey(writer).post("/v1/workspaces", "{\"name\": \"sneaky\"}").expectError(403, "FORBIDDEN");
    }

    @Test
    void keyRequestsAreValidatedByField() {
        admin.post("/v1/api-keys", "{\"name\": \"x\", \"scopes\": [\"read\", \"root\"]}").expectInvalidField("scopes[1]");
        admin.post("/v1/api-keys", "{\"name\": \"\", \"scopes\": [\"read\"]}").expectInvalidField("name");
        admin.post("/v1/api-keys", "{\"name\": \"x\", \"scopes\": []}").expectInvalidField("scopes");
        admin.post("/v1/api-keys", "{\"name\": 5, \"scopes\": [\"read\"]}").expectInvalidField("name");
        admin.post("/v1/api-keys", "{\"name\": \"x\", \"scopes\": \"read\"}").expectInvalidField("scopes");
        admin.post("/v1/api-keys", "{\"name\": \"x\",").expectInvalidField("body");
        api.bootstrap().post("/v1/workspaces", "{}").expectInvalidField("name");
    }

    @Test
    void everyAuthenticatedResponseCarriesRateLimitHeaders() {
        Reply reply = admin.get("/v1/api-keys").expect(200);
        long limit = Long.parseLong(reply.header("X-RateLimit-Limit"));
        long remaining = Long.parseLong(reply.header("X-RateLimit-Remaining"));
        assertThat(limit).isPositive();
        assertThat(remaining).isBetween(0L, limit - 1);
        assertThat(Long.parseLong(reply.header("X-RateLimit-Reset")))
                .isGreaterThanOrEqualTo(System.currentTimeMillis() / 1000 - 1);
        assertThat(admin.get("/v1/nothing-here").expectError(404, "NOT_FOUND").header("X-RateLimit-Remaining"))
                .isNotNull();
    }

    private static List<String> scopes(JsonNode key) {
        return key.path("scopes").valueStream().map(JsonNode::asString).toList();
    }
}
