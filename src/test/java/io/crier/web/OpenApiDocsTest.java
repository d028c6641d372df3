package io.crier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.crier.support.Api;
import io.crier.support.CrierApiTest;

@CrierApiTest
class OpenApiDocsTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @Test
    void documentDescribesTheNativeApiAndItsBearerScheme() {
        JsonNode document = api.anonymous().get("/v3/api-docs").expect(200).json();

        assertThat(document.isObject()).as("/v3/api-docs is a JSON object").isTrue();
        assertThat(document.path("openapi").asString()).startsWith("3.");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Crier");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(document.path("paths").propertyNames()).contains("/v1/api-keys")
                .allSatisfy(path -> assertThat(path).matches("/v1/.*|/blueshift/api/.*|/leadterra/v1/.*"));
        assertThat(document.path("paths").path("/v1/api-keys").propertyNames()).contains("get", "post");

        JsonNode scheme = document.path("components").path("securitySchemes").path("apiKey");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("security").valueStream().map(requirement -> requirement.has("apiKey")))
                .containsExactly(true);
    }

    @Test
    void everyOperationDocumentsTheErrorEnvelope() {
        JsonNode document = api.anonymous().get("/v3/api-docs").expect(200).json();

        JsonNode listKeys = document.path("paths").path("/v1/api-keys").path("get").path("responses");
        assertThat(listKeys.path("401").path("$ref").asString()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(listKeys.path("429").path("$ref").asString()).isEqualTo("#/components/responses/RateLimited");
        JsonNode revokeKey = document.path("paths").path("/v1/api-keys/{id}").path("delete").path("responses");
        assertThat(revokeKey.path("404").path("$ref").asString()).isEqualTo("#/components/responses/NotFound");

        JsonNode unauthorized = document.path("components").path("responses").path("Unauthorized");
        assertThat(unauthorized.path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/ErrorBody");
        assertThat(document.path("components").path("schemas").path("ErrorBody").path("properties").propertyNames())
                .contains("success", "error");
    }

    @Test
    void thePauseAndAbortDocumentTheirUnconfirmedFenceAndTheTestSendItsQuota() {
        JsonNode document = api.anonymous().get("/v3/api-docs").expect(200).json();
        JsonNode paths = document.path("paths");

        for (String verb : List.of("pause", "abort")) {
            JsonNode responses = paths.path("/v1/campaigns/{id}/" + verb).path("post").path("responses");
            assertThat(responses.path("503").path("$ref").asString()).as(verb)
                    .isEqualTo("#/components/responses/FenceNotConfirmed");
            assertThat(responses.has("200")).as(verb + " still answers its campaign").isTrue();
        }
        assertThat(paths.path("/v1/campaigns/{id}/resume").path("post").path("responses").has("503")).isFalse();
        assertThat(document.path("components").path("responses").path("FenceNotConfirmed").path("description")
                .asString()).contains("FENCE_NOT_CONFIRMED");

        assertThat(paths.path("/v1/campaigns/{id}/test").path("post").path("responses").path("429").path("$ref")
                .asString()).isEqualTo("#/components/responses/TestSendQuota");
        JsonNode quota = document.path("components").path("responses").path("TestSendQuota");
        assertThat(quota.path("description").asString()).contains("crier.delivery.test-sends-per-day");
        assertThat(quota.path("headers").has("Retry-After")).isTrue();

        for (String pause : List.of("/blueshift/api/v1/campaigns/{uuid}/pause", "/leadterra/v1/campaigns/{id}/pause")) {
            JsonNode unconfirmed = paths.path(pause).valueStream().findFirst().orElseThrow().path("responses").path("503");
            assertThat(unconfirmed.path("content").path("application/json").path("schema").path("$ref").asString())
                    .as(pause).matches("#/components/schemas/(Blueshift|Leadterra)Error");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Blueshift, /blueshift/api/v1/campaigns/{uuid}/pause, patch, blueshiftKey, basic, BlueshiftError",
            "Leadterra, /leadterra/v1/campaigns/{id}/pause, post, leadterraKey, bearer, LeadterraError"})
    void dialectOperationsUseTheirOwnAuthAndErrorBody(String dialect, String path, String method, String scheme,
            String httpScheme, String errorSchema) {
        JsonNode document = api.anonymous().get("/v3/api-docs").expect(200).json();

        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.path("tags").get(0).asString()).isEqualTo(dialect);
        assertThat(operation.path("security").valueStream().map(requirement -> requirement.has(scheme)))
                .containsExactly(true);
        assertThat(operation.path("responses").path("422").path("content").path("application/json").path("schema")
                .path("$ref").asString()).isEqualTo("#/components/schemas/" + errorSchema);
        assertThat(operation.path("responses").path("401").has("$ref")).as("not the native envelope").isFalse();
        assertThat(document.path("components").path("securitySchemes").path(scheme).path("scheme").asString())
                .isEqualTo(httpScheme);
        assertThat(document.path("components").path("schemas").has(errorSchema)).isTrue();
    }

    @Test
    void theCampaignDocumentsCriersReplyTrackingField() {
        JsonNode schemas = api.anonymous().get("/v3/api-docs").expect(200).json().path("components").path("schemas");

        assertThat(schemas.path("CampaignView").path("properties").path("trackReplies").path("description")
                .asString()).contains("crier.inbound.reply-domain");
    }

    @Test
    void everyOperationIsGroupedUnderOneTagPerArea() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").expect(200).json().path("paths");

        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().path("tags").valueStream().map(JsonNode::asString))
                        .as("tags of %s %s", operation.getKey(), path.getKey())
                        .singleElement().isIn("Access", "Contacts", "Lists", "Templates", "Campaigns", "Mail", "Suppressions",
                                "Dev inbox",
                                "Blueshift", "Leadterra", "Webhooks", "DKIM keys", "Relay routing", "Senders",
                                "Sending domains", "Provider webhooks", "Mailboxes", "Inbound messages", "Contact lists")));
        assertThat(paths.path("/v1/contacts/import").path("post").path("tags").get(0).asString()).isEqualTo("Contacts");
        assertThat(paths.path("/v1/lists/{id}/contacts").path("post").path("tags").get(0).asString()).isEqualTo("Lists");
        assertThat(paths.path("/v1/campaigns/{id}/pause").path("post").path("tags").get(0).asString())
                .isEqualTo("Campaigns");
        assertThat(paths.path("/v1/webhooks/{id}/deliveries").path("get").path("tags").get(0).asString())
                .isEqualTo("Webhooks");
        assertThat(paths.path("/v1/webhooks/{id}").path("put").path("tags").get(0).asString()).isEqualTo("Webhooks");
        assertThat(paths.path("/v1/webhooks/{id}/reveal").path("get").path("tags").get(0).asString())
                .isEqualTo("Webhooks");
    }

    @Test
    void docsPageAndItsAssetsLoadWithoutAKey() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        List<String> assets = ASSET.matcher(page.body()).results().map(match -> match.group(1)).toList();
        assertThat(assets).as("scripts and styles of %s", page.uri()).isNotEmpty();
        for (String asset : assets) {
            HttpResponse<Void> loaded = browser.send(HttpRequest.newBuilder(page.uri().resolve(asset)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(loaded.statusCode()).as("GET %s", loaded.uri()).isEqualTo(200);
        }

        JsonNode uiConfig = api.anonymous().get("/v3/api-docs/swagger-config").expect(200).json();
        assertThat(uiConfig.path("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(uiConfig.path("tagsSorter").asString()).as("areas in a fixed order").isEqualTo("alpha");
    }
}
