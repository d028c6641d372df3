package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's own field and event names on {@code /v1/templates} and {@code /v1/webhooks}, beside
 * Crier's, which stay as aliases; and AutoSend's flat paging keys beside the pagination object.
 */
@CrierApiTest
class AutoSendShapesApiTest {

    private static final String HOOK_URL = "https://hooks.crier-customer.example/autosend";

    @LocalServerPort
    int port;

    Caller caller;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
    }

    @Test
    void aTemplateInAutoSendsShapeIsAnsweredUnderItsNamesFirstAndCriersAfter() {
        Reply created = caller.post("/v1/templates", Map.of("templateName", "Welcome", "subject", "Hi {{name}}",
                "emailTemplate", "<p>Hello</p>", "plainTextTemplate", "Hello", "templateType", "transactional",
                "builderType", "code")).expect(201);
        JsonNode template = created.data();
        assertThat(template.propertyNames()).startsWith("templateId", "templateName", "subject", "emailTemplate",
                "plainTextTemplate", "templateType", "builderType", "id", "name", "html", "text");
        assertThat(template.path("templateId").asString()).isEqualTo(template.path("id").asString());
        assertThat(template.path("name").asString()).isEqualTo("Welcome");
        assertThat(template.path("html").asString()).isEqualTo("<p>Hello</p>");
        assertThat(template.path("text").asString()).isEqualTo("Hello");
        assertThat(template.path("templateType").asString()).isEqualTo("transactional");
        assertThat(template.path("builderType").asString()).isEqualTo("code");
        String id = template.path("templateId").asString();

        JsonNode updated = caller.put("/v1/templates/" + id, Map.of("emailTemplate", "<p>New</p>", "name", "Renamed"))
                .expect(200).data();
        assertThat(updated.path("emailTemplate").asString()).isEqualTo("<p>New</p>");
        assertThat(updated.path("templateName").asString()).as("Crier's name is an alias").isEqualTo("Renamed");
        assertThat(updated.path("plainTextTemplate").asString()).as("kept").isEqualTo("Hello");
        assertThat(caller.get("/v1/templates/" + id).expect(200).data().path("builderType").asString())
                .isEqualTo("code");

        caller.post("/v1/templates", Map.of("emailTemplate", "<p>x</p>")).expectInvalidField("name");
        caller.post("/v1/templates", Map.of("templateName", "", "emailTemplate", "<p>x</p>"))
                .expectInvalidField("templateName");
        caller.post("/v1/templates", Map.of("templateName", "Bad", "emailTemplate", "{{ unclosed"))
                .expectInvalidField("emailTemplate");
    }

    @Test
    void aWebhookInAutoSendsShapeIsAnsweredUpdatedFilteredAndItsSecretRevealed() {
        Reply created = caller.post("/v1/webhooks", Map.of("url", HOOK_URL,
                "events", List.of("email.delivered", "email.bounced"), "metadata", Map.of("team", "growth")))
                .expect(201);
        JsonNode webhook = created.data().path("webhook");
        String id = webhook.path("id").asString();
        assertThat(webhook.path("isActive").asBoolean()).isTrue();
        assertThat(webhook.path("metadata").path("team").asString()).isEqualTo("growth");
        assertThat(webhook.path("format").asString()).isEqualTo("autosend");
        assertThat(webhook.path("secret").asString()).startsWith("whsec_");
        assertThat(created.data().path("id").asString()).as("Crier's flat fields stay").isEqualTo(id);
        assertThat(created.data().path("secret").asString()).isEqualTo(webhook.path("secret").asString());

        assertThat(caller.get("/v1/webhooks/" + id + "/reveal").expect(200).data().path("secret").asString())
                .isEqualTo(webhook.path("secret").asString());

        JsonNode updated = caller.put("/v1/webhooks/" + id, Map.of("isActive", false,
                "events", List.of("email.opened"), "metadata", Map.of("team", "ops"))).expect(200).data()
                .path("webhook");
        assertThat(updated.path("isActive").asBoolean()).isFalse();
        assertThat(updated.path("events").valueStream().map(JsonNode::asString)).containsExactly("email.opened");
        assertThat(updated.path("url").asString()).as("kept").isEqualTo(HOOK_URL);
        assertThat(updated.path("metadata").path("team").asString()).isEqualTo("ops");
        caller.put("/v1/webhooks/" + id, Map.of("events", List.of("delivery.sent")))
                .expectInvalidField("events[0]");

        String crierHook = caller.post("/v1/webhooks", Map.of("url", HOOK_URL, "events", List.of("email.opened")))
                .expect(201).data().path("id").asString();
        assertThat(caller.get("/v1/webhooks/" + crierHook).expect(200).data().path("format").asString())
                .as("names both formats know keep Crier's format").isEqualTo("crier");

        JsonNode inactive = caller.get("/v1/webhooks?isActive=false").expect(200).data();
        assertThat(inactive.path("webhooks").valueStream().map(w -> w.path("id").asString())).containsExactly(id);
        assertThat(inactive.path("total").asInt()).isEqualTo(1);
        JsonNode active = caller.get("/v1/webhooks?isActive=true").expect(200).data();
        assertThat(active.path("webhooks").valueStream().map(w -> w.path("id").asString()))
                .containsExactly(crierHook);
        assertThat(caller.get("/v1/webhooks").expect(200).data().path("total").asInt()).isEqualTo(2);

        caller.put("/v1/webhooks/" + java.util.UUID.randomUUID(), Map.of("isActive", true))
                .expectError(404, "WEBHOOK_NOT_FOUND");
    }

    @Test
    void anUnknownEventNameIsRefusedListingTheValidOnesOfBothFormats() {
        Reply refused = caller.post("/v1/webhooks", Map.of("url", HOOK_URL, "events",
                List.of("email.delivered", "email.exploded"))).expectInvalidField("events[1]");
        assertThat(refused.error().path("details").get(0).path("message").asString())
                .contains("email.delivered", "email.spam_reported", "delivery.sent");
        caller.post("/v1/webhooks", Map.of("url", HOOK_URL, "events", List.of("email.opened"), "format", "mailchimp"))
                .expectInvalidField("format");
    }

    @Test
    void revealingOrChangingAWebhookNeedsTheAdminScope() {
        String id = caller.post("/v1/webhooks", Map.of("url", HOOK_URL, "events", List.of("email.sent")))
                .expect(201).data().path("id").asString();
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write", "send"))).expect(201).data().path("key").asString());
        writer.get("/v1/webhooks/" + id + "/reveal").expectError(403, "FORBIDDEN");
        writer.put("/v1/webhooks/" + id, Map.of("isActive", false)).expectError(403, "FORBIDDEN");
        assertThat(writer.get("/v1/webhooks/" + id).expect(200).data().path("isActive").asBoolean()).isTrue();
    }

    @Test
    void everyPagedListingCarriesAutoSendsFlatKeysBesideThePaginationObject() {
        for (int i = 0; i < 3; i++) {
            caller.post("/v1/templates", Map.of("name", "T" + i, "text", "x")).expect(201);
        }
        for (String listing : List.of("/v1/templates", "/v1/campaigns", "/v1/contacts", "/v1/lists",
                "/v1/webhooks", "/v1/suppressions", "/v1/api-keys", "/v1/mails")) {
            JsonNode page = caller.get(listing + "?page=2&limit=2").expect(200).data();
            JsonNode pagination = page.path("pagination");
            assertThat(page.path("page").asInt()).as(listing).isEqualTo(2);
            assertThat(page.path("limit").asInt()).as(listing).isEqualTo(2);
            assertThat(page.path("total").asLong()).as(listing).isEqualTo(pagination.path("total").asLong());
            assertThat(page.path("totalPages").asLong()).as(listing).isEqualTo(pagination.path("pages").asLong());
        }
        JsonNode templates = caller.get("/v1/templates?page=2&limit=2").expect(200).data();
        assertThat(templates.path("total").asInt()).isEqualTo(3);
        assertThat(templates.path("totalPages").asInt()).isEqualTo(2);
        assertThat(templates.path("templates").size()).isEqualTo(1);
    }
}
