package io.crier.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.McpCaller;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * The MCP server at /mcp, driven by a real MCP client (the Java SDK's, over streamable HTTP) with
 * an API key: its tools, what it refuses and how bad arguments, scopes and the workspace's MCP
 * setting are answered.
 */
@CrierApiTest
class McpServerApiTest {

    private static final String NOTICE = "MCP Access Blocked — This endpoint is not accessible via MCP (Model"
            + " Context Protocol) integrations. It must be called directly using your API token from your own"
            + " infrastructure.";

    @LocalServerPort
    int port;

    Api api;
    Caller owner;
    McpCaller agent;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        // springdoc builds the OpenAPI document once, slowly on a busy machine; the MCP server's first
        // request reads it, within the client's initialization timeout.
        api.anonymous().get("/v3/api-docs").expect(200);
        owner = api.newWorkspace();
        agent = McpCaller.connect(api, owner.key());
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    @Test
    void aClientListsTheToolsCreatesADraftCampaignAndReadsItBack() {
        assertThat(agent.client().getServerInfo().name()).isEqualTo("crier");
        List<McpSchema.Tool> tools = agent.tools();
        assertThat(tools).extracting(McpSchema.Tool::name).contains("list_campaigns", "get_campaign",
                "create_campaign", "update_campaign", "preview_campaign", "send_campaign_test",
                "list_campaign_deliveries", "get_campaign_links", "list_campaign_activity", "list_contacts",
                "get_contact", "create_contact", "update_contact", "list_lists", "get_list", "create_list",
                "update_list", "list_suppressions");
        McpSchema.Tool create = tools.stream().filter(t -> t.name().equals("create_campaign")).findFirst().orElseThrow();
        assertThat(create.description()).contains("draft");
        assertThat(create.meta()).containsEntry("crier/call", "POST /v1/campaigns").containsEntry("crier/scope", "write");
        // The schema is the REST request type's, less what MCP refuses.
        assertThat(properties(create)).contains("name", "subject", "from", "html", "toLists", "steps")
                .doesNotContain("sendNow", "publish");
        McpSchema.Tool get = tools.stream().filter(t -> t.name().equals("get_campaign")).findFirst().orElseThrow();
        assertThat(properties(get)).contains("id");
        assertThat(get.inputSchema().get("required")).isEqualTo(List.of("id"));
        assertThat(get.annotations().readOnlyHint()).isTrue();

        String list = Audiences.list(owner, List.of("reader@mcp.example"));
        JsonNode created = agent.call("create_campaign", Map.of("name", "Spring news", "subject", "Hello {{ firstName }}",
                "from", Map.of("email", "news@crier.test", "name", "Crier"), "html", "<p>Hi {{ firstName }}</p>",
                "toLists", List.of(list))).data();
        String id = created.path("id").asString();
        assertThat(created.path("status").asString()).isEqualTo("draft");

        JsonNode read = agent.call("get_campaign", Map.of("id", id)).data();
        assertThat(read.path("name").asString()).isEqualTo("Spring news");
        assertThat(read.path("subject").asString()).isEqualTo("Hello {{ firstName }}");
        assertThat(read.has("metrics")).isTrue();
        assertThat(owner.get("/v1/campaigns/" + id).expect(200).data().path("name").asString()).isEqualTo("Spring news");

        JsonNode edited = agent.call("update_campaign", Map.of("id", id, "name", "Summer news")).data();
        assertThat(edited.path("name").asString()).isEqualTo("Summer news");
        JsonNode preview = agent.call("preview_campaign", Map.of("id", id, "email", "reader@mcp.example")).data();
        assertThat(preview.toString()).contains("Hello Reader0");
        assertThat(agent.call("list_campaigns", Map.of("status", "draft")).data().path("campaigns").toString())
                .contains(id);
    }

    @Test
    void contactsAndListsAreCreatedUpdatedAndReadThroughTools() {
        String list = agent.call("create_list", Map.of("name", "Agents")).data().path("id").asString();
        agent.call("update_list", Map.of("id", list, "description", "Made by an agent")).data();
        String contact = agent.call("create_contact", Map.of("email", "ada@mcp.example", "firstName", "Ada"))
                .data().path("id").asString();
        agent.call("update_contact", Map.of("id", contact, "lastName", "Lovelace")).data();
        agent.call("add_list_contacts", Map.of("id", list, "contactIds", List.of(contact))).data();

        assertThat(agent.call("get_contact", Map.of("id", contact)).data().path("lastName").asString())
                .isEqualTo("Lovelace");
        assertThat(agent.call("get_list", Map.of("id", list)).data().path("description").asString())
                .isEqualTo("Made by an agent");
        assertThat(agent.call("list_list_contacts", Map.of("id", list)).data().toString()).contains(contact);
        assertThat(agent.call("list_contacts", Map.of("search", "Ada")).data().toString()).contains(contact);
        assertThat(agent.call("list_lists", Map.of()).data().toString()).contains(list);
        assertThat(owner.get("/v1/contacts/" + contact).expect(200).data().path("firstName").asString())
                .isEqualTo("Ada");
        assertThat(agent.call("list_suppressions", Map.of("limit", 5)).data().has("suppressions")).isTrue();
    }

    @Test
    void noToolPausesResumesAbortsOrStartsACampaign() {
        String list = Audiences.list(owner, List.of("reader@mcp.example"));
        String draft = Audiences.campaign(owner, Map.of(), list);
        // A day ahead, so the engine cannot start it while the test looks.
        String scheduled = Audiences.campaign(owner, Map.of("sendMode", "scheduled",
                "scheduledAt", Instant.now().plus(Duration.ofDays(1)).toString(), "publish", true), list);
        assertThat(status(scheduled)).isEqualTo("scheduled");

        assertThat(agent.tools()).extracting(McpSchema.Tool::name).noneMatch(name -> name.matches(
                ".*(pause|resume|abort|publish|schedule|delete|remove|key|webhook|retry).*|send_campaign"));
        for (String tool : List.of("pause_campaign", "resume_campaign", "abort_campaign", "send_campaign",
                "schedule_campaign", "publish_campaign", "delete_campaign")) {
            assertThatThrownBy(() -> agent.call(tool, Map.of("id", scheduled))).as(tool)
                    .hasMessageContaining("Unknown tool");
        }

        List<Map<String, Object>> sideDoors = List.of(Map.of("sendNow", true), Map.of("publish", true),
                Map.of("sendNow", "true"), Map.of("publish", true, "sendNow", false, "name", "Now"));
        for (Map<String, Object> sideDoor : sideDoors) {
            Map<String, Object> arguments = new HashMap<>(sideDoor);
            arguments.put("id", draft);
            McpCaller.Result refused = agent.call("update_campaign", arguments);
            assertThat(refused.isError()).as("%s", sideDoor).isTrue();
            assertThat(refused.json().path("error").path("message").asString()).isEqualTo(NOTICE);
            assertThat(refused.json().path("error").path("code").asString()).isEqualTo("MCP_ACCESS_BLOCKED");
        }
        long campaigns = owner.get("/v1/campaigns").expect(200).data().path("pagination").path("total").asLong();
        McpCaller.Result createAndStart = agent.call("create_campaign", Map.of("name", "Straight out",
                "subject", "s", "text", "t", "from", Map.of("email", "news@crier.test"), "toLists", List.of(list),
                "sendNow", true));
        assertThat(createAndStart.text()).contains(NOTICE);
        assertThat(owner.get("/v1/campaigns").expect(200).data().path("pagination").path("total").asLong())
                .isEqualTo(campaigns);

        // Editing a campaign that is already scheduled changes a live send: the API refuses it to the
        // tool's call, which holds no send scope, though the key does.
        McpCaller.Result editScheduled = agent.call("update_campaign", Map.of("id", scheduled, "subject", "Changed"));
        assertThat(editScheduled.isError()).isTrue();
        assertThat(editScheduled.text()).contains(NOTICE);

        assertThat(status(draft)).isEqualTo("draft");
        assertThat(status(scheduled)).isEqualTo("scheduled");
        assertThat(owner.get("/v1/campaigns/" + scheduled).expect(200).data().path("subject").asString())
                .isNotEqualTo("Changed");
    }

    @Test
    void malformedArgumentsAreToolErrorsNamingTheField() {
        String list = Audiences.list(owner, List.of("reader@mcp.example"));
        String draft = Audiences.campaign(owner, Map.of(), list);

        assertNamesField(agent.call("get_campaign", Map.of()), "id");
        assertNamesField(agent.call("update_campaign", Map.of("name", "no id")), "id");
        assertNamesField(agent.call("update_campaign", Map.of("id", draft, "trackingOpen", "maybe")), "trackingOpen");
        assertNamesField(agent.call("update_campaign", Map.of("id", draft, "subject", "s".repeat(1000))), "subject");
        assertNamesField(agent.call("create_contact", Map.of("email", "not an address")), "email");
        assertNamesField(agent.call("list_campaigns", Map.of("status", "bogus")), "status");
        assertNamesField(agent.call("send_campaign_test", Map.of("id", draft, "emails",
                List.of("1@x.example", "2@x.example", "3@x.example", "4@x.example", "5@x.example", "6@x.example",
                        "7@x.example", "8@x.example", "9@x.example", "10@x.example", "11@x.example"))), "emails");
        McpCaller.Result unknown = agent.call("get_campaign", Map.of("id", "0b5a3f39-0000-4000-8000-000000000000"));
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.json().path("error").path("status").asInt()).isEqualTo(404);

        // The client's connection is as good as before.
        assertThat(agent.call("get_campaign", Map.of("id", draft)).data().path("id").asString()).isEqualTo(draft);
    }

    @Test
    void eachToolNeedsItsScopeAndEveryRequestAKey() {
        String draft = Audiences.campaign(owner, Map.of(), Audiences.list(owner, List.of("reader@mcp.example")));
        try (McpCaller reader = McpCaller.connect(api, key("read"))) {
            assertThat(reader.call("get_campaign", Map.of("id", draft)).data().path("id").asString()).isEqualTo(draft);
            McpCaller.Result refused = reader.call("create_list", Map.of("name", "No"));
            assertThat(refused.isError()).isTrue();
            assertThat(refused.json().path("error").path("message").asString()).contains("lacks the 'write' scope");
        }
        try (McpCaller writer = McpCaller.connect(api, key("read", "write"))) {
            McpCaller.Result refused = writer.call("send_campaign_test",
                    Map.of("id", draft, "emails", List.of("me@mcp.example")));
            assertThat(refused.json().path("error").path("message").asString()).contains("lacks the 'send' scope");
        }
        assertThatThrownBy(() -> McpCaller.connect(api, key("write"))).isNotNull();
        Reply withoutRead = api.send("POST", "/mcp", "application/json", initialize(),
                "Bearer " + key("write"));
        assertThat(withoutRead.status()).isEqualTo(403);
        assertThat(withoutRead.body()).contains("'read' scope");
        assertThat(api.send("POST", "/mcp", "application/json", initialize(), null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/mcp", "application/json", initialize(), "Bearer crier_unknown").status())
                .isEqualTo(401);
    }

    @Test
    void aWorkspaceAdminTurnsMcpOffOrLimitsItToReading() {
        String draft = Audiences.campaign(owner, Map.of(), Audiences.list(owner, List.of("reader@mcp.example")));
        assertThat(owner.get("/v1/workspaces/current").expect(200).data().path("mcp").asString()).isEqualTo("full");

        assertThat(owner.patch("/v1/workspaces/current", Map.of("mcp", "read")).expect(200).data().path("mcp")
                .asString()).isEqualTo("read");
        assertThat(agent.call("get_campaign", Map.of("id", draft)).data().path("id").asString()).isEqualTo(draft);
        McpCaller.Result readOnly = agent.call("update_campaign", Map.of("id", draft, "name", "Changed"));
        assertThat(readOnly.isError()).isTrue();
        assertThat(readOnly.json().path("error").path("message").asString()).contains("read-only");
        assertThat(owner.get("/v1/campaigns/" + draft).expect(200).data().path("name").asString())
                .isNotEqualTo("Changed");

        owner.patch("/v1/workspaces/current", Map.of("mcp", "off")).expect(200);
        Reply off = api.send("POST", "/mcp", "application/json", initialize(), "Bearer " + owner.key());
        assertThat(off.status()).isEqualTo(403);
        assertThat(off.error().path("message").asString()).contains("MCP access is off");
        assertThatThrownBy(() -> McpCaller.connect(api, owner.key())).isNotNull();

        owner.patch("/v1/workspaces/current", Map.of("mcp", "sometimes")).expectInvalidField("mcp");
        owner.withKey(key("read", "write")).patch("/v1/workspaces/current", Map.of("mcp", "full"))
                .expectError(403, "FORBIDDEN");
        assertThat(owner.get("/v1/workspaces/current").expect(200).data().path("mcp").asString()).isEqualTo("off");

        owner.patch("/v1/workspaces/current", Map.of("mcp", "full")).expect(200);
        try (McpCaller again = McpCaller.connect(api, owner.key())) {
            assertThat(again.call("update_campaign", Map.of("id", draft, "name", "Changed")).data().path("name")
                    .asString()).isEqualTo("Changed");
        }
    }

    @Test
    void theDocsAreResources() {
        List<String> uris = agent.client().listResources().resources().stream().map(McpSchema.Resource::uri).toList();
        assertThat(uris).contains("crier://docs/templates", "crier://docs/mcp");
        McpSchema.ReadResourceResult templates = agent.client().readResource(
                new McpSchema.ReadResourceRequest("crier://docs/templates"));
        assertThat(((McpSchema.TextResourceContents) templates.contents().getFirst()).text())
                .startsWith("## Personalization").contains("{{");
    }

    private String status(String campaign) {
        return owner.get("/v1/campaigns/" + campaign).expect(200).data().path("status").asString();
    }

    private String key(String... scopes) {
        return owner.post("/v1/api-keys", Map.of("name", "agent", "scopes", List.of(scopes))).expect(201).data()
                .path("key").asString();
    }

    private static String initialize() {
        return """
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}""";
    }

    @SuppressWarnings("unchecked")
    private static List<String> properties(McpSchema.Tool tool) {
        return List.copyOf(((Map<String, Object>) tool.inputSchema().get("properties")).keySet());
    }

    private static void assertNamesField(McpCaller.Result result, String field) {
        assertThat(result.isError()).as("%s: %s", field, result.text()).isTrue();
        assertThat(result.json().path("error").path("details").valueStream().map(d -> d.path("field").asString()))
                .as(result.text()).contains(field);
    }
}
