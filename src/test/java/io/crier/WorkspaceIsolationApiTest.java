package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpSchema;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.Endpoint.Body;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.McpCaller;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Across every module: a key of workspace A cannot read, change, act on, list, find or refer to
 * anything of workspace B, and cannot even tell B's ids from ids that do not exist. Both
 * workspaces hold the same names and emails, so searches that would match B's rows do match A's.
 * (Each module's own isolation tests look closer at its details.)
 */
@CrierApiTest
class WorkspaceIsolationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    SampleWorkspace a;
    SampleWorkspace b;
    Map<String, JsonNode> bBefore;

    @BeforeEach
    void setUp() {
        Api api = Api.at(port);
        a = SampleWorkspace.create(api);
        b = SampleWorkspace.create(api);
        bBefore = b.snapshot();
    }

    @Test
    void everyCallOnAnotherWorkspacesIdAnswersAsForAnIdThatDoesNotExist() {
        List<Endpoint> endpoints = Endpoint.all(handlers).stream().filter(e -> e.idCollection() != null).toList();
        assertThat(endpoints).extracting(Endpoint::key).as("endpoints with an {id} in the handler mapping")
                .contains("GET /v1/contacts/{id}", "PUT /v1/lists/{id}", "DELETE /v1/lists/{id}/contacts",
                        "PATCH /v1/templates/{id}", "POST /v1/campaigns/{id}/duplicate",
                        "POST /v1/campaigns/{id}/abort", "DELETE /v1/api-keys/{id}", "DELETE /v1/webhooks/{id}",
                        "DELETE /v1/feedback-hooks/{id}", "GET /v1/inbound/messages/{id}",
                        "GET /v1/inbound/messages/{id}/attachments/{ref}", "POST /v1/inbound/messages/{id}/reply",
                        "POST /v1/inbound/messages/{id}/retry",
                        "GET /v1/webhooks/{id}/deliveries",
                        "GET /blueshift/api/v1/campaigns/{uuid}.json", "PATCH /blueshift/api/v1/campaigns/{uuid}/launch",
                        "PUT /blueshift/api/v1/campaigns/{uuid}/archive",
                        "POST /leadterra/v1/campaigns/{id}/leads/bulk", "POST /leadterra/v1/campaigns/{id}/start",
                        "POST /leadterra/v1/campaigns/{id}/pause", "GET /leadterra/v1/campaigns/{id}/stats");

        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            if ("inbox".equals(endpoint.idCollection())) {
                // Captured mail has numeric ids and exists only once a campaign sent some:
                // DevInboxApiTest checks that one workspace never sees another's.
                continue;
            }
            String theirs = b.idIn(endpoint.idCollection());
            soft.assertThat(theirs).as("an object of workspace B for %s", endpoint).isNotNull();
            Reply forTheirs = callAsA(endpoint, theirs);
            Reply forNone = callAsA(endpoint, UUID.randomUUID().toString());
            soft.assertThat(forTheirs.status()).as("%s on B's id: %s", endpoint, forTheirs.body()).isEqualTo(404);
            soft.assertThat(forTheirs.body()).as("%s on B's id, against an unknown id", endpoint)
                    .isEqualTo(forNone.body());
        }
        soft.assertAll();
        assertThat(b.snapshot()).isEqualTo(bBefore);
    }

    @Test
    void listingsAndSearchesShowOnlyTheCallersOwnRows() {
        Map<String, List<String>> listings = Map.ofEntries(
                Map.entry("/v1/contacts?limit=100", List.of(a.member, a.outsider)),
                Map.entry("/v1/contacts?search=sample.example", List.of(a.member, a.outsider)),
                Map.entry("/v1/contacts?search=Sam", List.of(a.member)),
                Map.entry("/v1/contacts?email=" + SampleWorkspace.MEMBER_EMAIL, List.of(a.member)),
                Map.entry("/v1/contacts?listId=" + a.list, List.of(a.member)),
                Map.entry("/v1/lists?limit=100", List.of(a.list, a.excludedList)),
                Map.entry("/v1/lists/" + a.list + "/contacts", List.of(a.member)),
                Map.entry("/v1/contact-lists?limit=100", List.of(a.list, a.excludedList, a.segment)),
                Map.entry("/v1/contact-lists?type=segment", List.of(a.segment)),
                Map.entry("/v1/contact-lists/" + a.segment + "/contacts", List.of(a.member)),
                Map.entry("/v1/templates?limit=100", List.of(a.template)),
                Map.entry("/v1/campaigns?limit=100", List.of(a.campaign)),
                Map.entry("/v1/campaigns?status=draft", List.of(a.campaign)),
                Map.entry("/v1/api-keys?limit=100", List.of(a.key)),
                Map.entry("/v1/webhooks?limit=100", List.of(a.webhook)),
                Map.entry("/v1/mailboxes?limit=100", List.of(a.mailbox)),
                Map.entry("/v1/suppression-groups", List.of(a.group)),

                Map.entry("/v1/suppressions?limit=100", List.of(a.suppressed)));
        listings.forEach((path, own) -> {
            String listing = a.caller.get(path).expect(200).body();
            assertThat(listing).as("GET %s", path).contains(own).doesNotContain(b.ids());
        });
        String everyone = a.caller.post("/v1/contact-lists/preview?limit=100", """
                {"filterCriteria": {"rules": [{"field": "email", "operator": "exists"}]}}""").expect(200).body();
        assertThat(everyone).as("a filter's preview").contains(a.member, a.outsider).doesNotContain(b.ids());
        // Inbound message ids are numbers, which other ids may contain: compared whole. Each is
        // awaited before the listing is read: the simulator's reply arrives a moment after the mail.
        String own = a.inboundMessage();
        String others = b.inboundMessage();
        for (String path : List.of("/v1/inbound/messages", "/v1/inbound/messages?search=Hi&status=PROCESSED")) {
            assertThat(a.caller.get(path).expect(200).data().path("items").valueStream()
                    .map(item -> item.path("id").asString())).as("GET %s", path).contains(own)
                    .doesNotContain(others);
        }
        for (String path : List.of("/blueshift/api/v2/campaigns.json", "/blueshift/api/v2/campaigns.json?name=Sample")) {
            assertThat(a.caller.basic().get(path).expect(200).body()).as("GET %s", path).contains(a.campaign)
                    .doesNotContain(b.ids());
        }
    }

    @Test
    void referencesToAnotherWorkspacesObjectsAreRefusedAsUnknownIds() {
        Map<String, JsonNode> aBefore = a.snapshot();
        String none = UUID.randomUUID().toString();

        sameRefusal("toLists[0]", id -> a.caller.post("/v1/campaigns", """
                {"name": "Reaching out", "toLists": ["%s"]}""".formatted(id)), b.list, none);
        sameRefusal("toLists[0]", id -> a.caller.post("/v1/campaigns", """
                {"name": "Reaching out", "toLists": [{"id": "%s"}]}""".formatted(id)), b.list, none);
        sameRefusal("excludeLists[0]", id -> a.caller.post("/v1/campaigns", """
                {"name": "Reaching out", "toLists": ["%s"], "excludeLists": ["%s"]}""".formatted(a.list, id)),
                b.excludedList, none);
        sameRefusal("toLists[0]", id -> a.caller.post("/v1/campaigns", """
                {"name": "Reaching out", "toLists": ["%s"]}""".formatted(id)), b.segment, none);
        sameRefusal("filterCriteria.rules[0].inList", id -> a.caller.post("/v1/contact-lists", """
                {"name": "Theirs", "type": "segment", "filterCriteria": {"rules": [{"inList": "%s"}]}}"""
                .formatted(id)), b.segment, none);
        sameRefusal("parentListId", id -> a.caller.patch("/v1/contact-lists/" + a.segment, """
                {"parentListId": "%s"}""".formatted(id)), b.list, none);
        sameRefusal("filterCriteria.rules[0].inList", id -> a.caller.post("/v1/contact-lists/preview", """
                {"filterCriteria": {"rules": [{"inList": "%s"}]}}""".formatted(id)), b.segment, none);
        sameRefusal("parentListId", id -> a.caller.post("/v1/contact-lists/preview", """
                {"filterCriteria": {"rules": [{"field": "email", "operator": "exists"}]}, "parentListId": "%s"}"""
                .formatted(id)), b.list, none);
        sameRefusal("templateId", id -> a.caller.post("/v1/campaigns", """
                {"name": "Reaching out", "templateId": "%s"}""".formatted(id)), b.template, none);
        String campaign = "/v1/campaigns/" + a.campaign;
        sameRefusal("toLists[0]", id -> a.caller.patch(campaign, "{\"toLists\": [\"" + id + "\"]}"), b.list, none);
        sameRefusal("excludeLists[0]", id -> a.caller.patch(campaign, "{\"excludeLists\": [\"" + id + "\"]}"),
                b.excludedList, none);
        sameRefusal("templateId", id -> a.caller.patch(campaign, "{\"templateId\": \"" + id + "\"}"), b.template, none);
        sameRefusal("unsubscribeGroupId", id -> a.caller.patch(campaign, "{\"unsubscribeGroupId\": \"" + id + "\"}"),
                b.group, none);
        sameRefusal("unsubscribeGroupId", id -> a.caller.post("/v1/mails/send", """
                {"from": {"email": "news@sample.example"}, "to": {"email": "to@sample.example"}, "subject": "Hi",
                 "text": "Hi", "unsubscribeGroupId": "%s"}""".formatted(id)), b.group, none);
        sameRefusal("groupId", id -> a.caller.post("/v1/suppression-groups/emails/suppress", """
                {"groupId": "%s", "emails": ["%s"]}""".formatted(id, SampleWorkspace.MEMBER_EMAIL)), b.group, none);
        sameRefusal("contactListId", id -> a.caller.post("/v1/contact-lists/contacts/bulk-add", """
                {"contactListId": "%s", "emails": ["%s"]}""".formatted(id, SampleWorkspace.MEMBER_EMAIL)), b.list, none);
        sameRefusal("senderId", id -> a.caller.patch("/v1/mailboxes/" + a.mailbox, "{\"senderId\": \"" + id + "\"}"),
                b.sender, none);

        for (String change : List.of("/v1/lists/" + a.list + "/contacts", "/v1/lists/" + a.list + "/contacts/remove")) {
            Reply forTheirs = a.caller.post(change, "{\"contactIds\": [\"" + b.member + "\"]}").expect(200);
            assertThat(forTheirs.data().path("notFound").valueStream().map(JsonNode::asString)).containsExactly(b.member);
            Reply forNone = a.caller.post(change, "{\"contactIds\": [\"" + none + "\"]}").expect(200);
            assertThat(forTheirs.body().replace(b.member, none)).as("POST %s", change).isEqualTo(forNone.body());
        }

        assertThat(a.snapshot()).isEqualTo(aBefore);
        assertThat(b.snapshot()).isEqualTo(bBefore);
    }

    /**
     * The MCP server's tools are calls of the same API: each tool that takes an id answers B's id
     * exactly as an id that does not exist, and its listings hold only A's rows.
     */
    @Test
    void everyMcpToolOnAnotherWorkspacesIdAnswersAsForAnIdThatDoesNotExist() {
        Map<String, Map<String, Object>> arguments = Map.of(
                "update_campaign", Map.of("name", "Renamed"),
                "update_contact", Map.of("firstName", "Renamed"),
                "update_list", Map.of("name", "Renamed"),
                "preview_campaign", Map.of("email", SampleWorkspace.MEMBER_EMAIL),
                "send_campaign_test", Map.of("emails", List.of(SampleWorkspace.MEMBER_EMAIL)),
                "add_list_contacts", Map.of("contactIds", List.of(a.member)));
        try (McpCaller agent = McpCaller.connect(Api.at(port), a.caller.key())) {
            List<McpSchema.Tool> withIds = agent.tools().stream()
                    .filter(tool -> ((Map<?, ?>) tool.inputSchema().get("properties")).containsKey("id")).toList();
            assertThat(withIds).extracting(McpSchema.Tool::name).contains("get_campaign", "update_campaign",
                    "preview_campaign", "send_campaign_test", "list_campaign_deliveries", "get_campaign_links",
                    "list_campaign_activity", "get_contact", "update_contact", "get_list", "update_list",
                    "list_list_contacts", "add_list_contacts");
            SoftAssertions soft = new SoftAssertions();
            for (McpSchema.Tool tool : withIds) {
                String[] call = ((String) tool.meta().get("crier/call")).split(" ");
                String collection = new Endpoint(call[0], call[1], MediaType.APPLICATION_JSON, Body.NONE, List.of())
                        .idCollection();
                McpCaller.Result forTheirs = agent.call(tool.name(), withId(arguments, tool, b.idIn(collection)));
                McpCaller.Result forNone = agent.call(tool.name(), withId(arguments, tool, UUID.randomUUID().toString()));
                soft.assertThat(forTheirs.json().path("error").path("status").asInt())
                        .as("%s on B's id: %s", tool.name(), forTheirs.text()).isEqualTo(404);
                soft.assertThat(forTheirs.text()).as("%s on B's id, against an unknown id", tool.name())
                        .isEqualTo(forNone.text());
            }
            soft.assertAll();
            for (String listing : List.of("list_campaigns", "list_contacts", "list_lists", "list_suppressions",
                    "list_templates")) {
                assertThat(agent.call(listing, Map.of("limit", 100)).data().toString()).as(listing)
                        .doesNotContain(b.ids());
            }
            assertThat(agent.call("list_campaigns", Map.of()).data().toString()).contains(a.campaign);
        }
        assertThat(b.snapshot()).isEqualTo(bBefore);
    }

    private static Map<String, Object> withId(Map<String, Map<String, Object>> arguments, McpSchema.Tool tool,
            String id) {
        Map<String, Object> given = new HashMap<>(arguments.getOrDefault(tool.name(), Map.of()));
        given.put("id", id);
        return given;
    }

    /**
     * A workspace's keys run that workspace only: even its first key, with every scope of a
     * workspace, can neither create workspaces (and so keys elsewhere) nor grant itself the
     * installation's scope.
     */
    @Test
    void aWorkspacesKeysCannotCreateWorkspacesNorGrantTheInstallationScope() {
        Map<String, JsonNode> aBefore = a.snapshot();
        a.caller.post("/v1/workspaces", "{\"name\": \"Next door\"}").expectError(403, "FORBIDDEN");
        a.caller.post("/v1/api-keys", "{\"name\": \"Up\", \"scopes\": [\"installation\"]}")
                .expectError(403, "FORBIDDEN");
        assertThat(a.snapshot()).isEqualTo(aBefore);
    }

    /** A's call with B's id: a 400 naming the field, word for word the answer for an id that does not exist. */
    private static void sameRefusal(String field, Function<String, Reply> call, String theirs,
            String none) {
        Reply forTheirs = call.apply(theirs).expectInvalidField(field);
        assertThat(forTheirs.body()).isEqualTo(call.apply(none).body());
    }

    /** The call as A, as its API's clients send the key, with A's own valid sample body where the endpoint reads one. */
    private Reply callAsA(Endpoint endpoint, String id) {
        Caller caller = endpoint.dialect().caller(a.caller);
        if (endpoint.body() == Body.NONE) {
            return caller.request(endpoint.method(), endpoint.path(id), null);
        }
        JsonSample sample = SampleBodies.json(endpoint);
        assertThat(sample).as("a sample body for %s in SampleBodies", endpoint.key()).isNotNull();
        return caller.raw(endpoint.method(), endpoint.path(id), endpoint.contentType().toString(),
                a.fill(sample.json()));
    }
}
