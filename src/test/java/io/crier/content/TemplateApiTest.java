package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

@CrierApiTest
class TemplateApiTest {

    private static final String UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @LocalServerPort
    int port;

    Api api;
    Caller caller;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        caller = api.newWorkspace();
    }

    @Test
    void createdTemplateCanBeReadListedUpdatedAndDeleted() {
        Reply created = caller.post("/v1/templates", """
                {"name": "Welcome", "subject": "Hello {{firstName}}", "html": "<p>Hi</p>", "text": "Hi"}""")
                .expect(201);
        JsonNode template = created.data();
        String id = template.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/templates/" + id);
        assertThat(template.path("name").asString()).isEqualTo("Welcome");
        assertThat(template.path("subject").asString()).isEqualTo("Hello {{firstName}}");
        assertThat(template.path("html").asString()).isEqualTo("<p>Hi</p>");
        assertThat(template.path("text").asString()).isEqualTo("Hi");
        assertThat(template.path("createdAt").asString()).matches(UTC_MILLIS);
        assertThat(template.path("updatedAt").asString()).matches(UTC_MILLIS);

        assertThat(caller.get("/v1/templates/" + id).expect(200).data()).isEqualTo(template);

        Reply listed = caller.get("/v1/templates").expect(200);
        assertThat(listed.data().path("templates").get(0)).isEqualTo(template);
        assertThat(listed.data().path("pagination").path("total").asInt()).isEqualTo(1);

        JsonNode updated = caller.patch("/v1/templates/" + id, "{\"name\": \"Welcome v2\"}").expect(200).data();
        assertThat(updated.path("name").asString()).isEqualTo("Welcome v2");
        assertThat(updated.path("html").asString()).isEqualTo("<p>Hi</p>");

        Reply deleted = caller.delete("/v1/templates/" + id).expect(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Template deleted successfully");
        caller.get("/v1/templates/" + id).expectError(404, "TEMPLATE_NOT_FOUND");
        caller.delete("/v1/templates/" + id).expectError(404, "TEMPLATE_NOT_FOUND");
    }

    @Test
    void updateKeepsAbsentPropertiesAndClearsExplicitNulls() {
        String id = caller.post("/v1/templates", """
                {"name": "Promo", "subject": "Sale", "html": "<b>50%</b>", "text": "50%"}""")
                .expect(201).data().path("id").asString();

        JsonNode patched = caller.patch("/v1/templates/" + id, "{\"text\": null, \"subject\": \"Big sale\"}")
                .expect(200).data();
        assertThat(patched.path("text").isNull()).isTrue();
        assertThat(patched.path("subject").asString()).isEqualTo("Big sale");
        assertThat(patched.path("html").asString()).isEqualTo("<b>50%</b>");

        JsonNode put = caller.put("/v1/templates/" + id, "{\"html\": \"<i>new</i>\"}").expect(200).data();
        assertThat(put.path("html").asString()).isEqualTo("<i>new</i>");
        assertThat(put.path("name").asString()).isEqualTo("Promo");
        assertThat(caller.get("/v1/templates/" + id).data()).isEqualTo(put);
    }

    @Test
    void invalidBodiesAreRefusedNamingTheField() {
        caller.post("/v1/templates", "{}").expectInvalidField("name");
        caller.post("/v1/templates", "{\"name\": \"  \"}").expectInvalidField("name");
        caller.post("/v1/templates", "{\"name\": \"" + "n".repeat(201) + "\"}").expectInvalidField("name");
        caller.post("/v1/templates", "{\"name\": 5}").expectInvalidField("name");
        caller.post("/v1/templates", "{\"name\": \"x\", \"subject\": \"" + "s".repeat(999) + "\"}")
                .expectInvalidField("subject");
        caller.post("/v1/templates", "[{\"name\": \"x\"}]").expectInvalidField("body");
        caller.post("/v1/templates", "{\"name\": ").expectInvalidField("body");

        String id = caller.post("/v1/templates", "{\"name\": \"ok\"}").expect(201).data().path("id").asString();
        caller.patch("/v1/templates/" + id, "{\"name\": null}").expectInvalidField("name");
        caller.patch("/v1/templates/" + id, "{\"html\": false}").expectInvalidField("html");
        assertThat(caller.get("/v1/templates").data().path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(caller.get("/v1/templates/" + id).data().path("name").asString()).isEqualTo("ok");
    }

    @Test
    void listingPages() {
        for (int i = 1; i <= 3; i++) {
            caller.post("/v1/templates", "{\"name\": \"t" + i + "\"}").expect(201);
        }
        JsonNode first = caller.get("/v1/templates?page=1&limit=2").expect(200).data();
        JsonNode page = caller.get("/v1/templates?page=2&limit=2").expect(200).data();
        assertThat(first.path("templates").size()).isEqualTo(2);
        assertThat(page.path("templates").size()).isEqualTo(1);
        // Oldest first; two templates made in the same millisecond may come in either order, never twice.
        List<JsonNode> templates = Stream.concat(first.path("templates").valueStream(),
                page.path("templates").valueStream()).toList();
        assertThat(templates).extracting(t -> t.path("name").asString()).containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(templates).extracting(t -> Instant.parse(t.path("createdAt").asString())).isSorted();
        assertThat(page.path("pagination").path("pages").asInt()).isEqualTo(2);
        caller.get("/v1/templates?limit=0").expectInvalidField("limit");
    }

    @Test
    void anotherWorkspacesTemplatesAreIndistinguishableFromMissingOnes() {
        Caller other = api.newWorkspace();
        String theirs = other.post("/v1/templates", "{\"name\": \"Theirs\", \"html\": \"<p>x</p>\"}")
                .expect(201).data().path("id").asString();
        String unknown = UUID.randomUUID().toString();

        for (String id : new String[] {theirs, unknown, "not-a-uuid"}) {
            Reply get = caller.get("/v1/templates/" + id).expectError(404, "TEMPLATE_NOT_FOUND");
            assertThat(get.error().path("message").asString()).isEqualTo("Template not found");
            caller.patch("/v1/templates/" + id, "{\"name\": \"mine\"}").expectError(404, "TEMPLATE_NOT_FOUND");
            caller.put("/v1/templates/" + id, "{\"name\": \"mine\"}").expectError(404, "TEMPLATE_NOT_FOUND");
            caller.delete("/v1/templates/" + id).expectError(404, "TEMPLATE_NOT_FOUND");
        }
        assertThat(caller.get("/v1/templates").data().path("templates").size()).isZero();
        assertThat(other.get("/v1/templates/" + theirs).expect(200).data().path("name").asString())
                .isEqualTo("Theirs");
    }

    /**
     * Audit finding 2: a range, a loop nested to a billion iterations or a method call is refused
     * when the template is written, with a 400 naming the part, in far less time than the bomb
     * would take (a range of three billion numbers ran the node out of memory).
     */
    @Test
    void templatesThatBuildHugeRangesOrLoopABillionTimesAreRefusedNamingThePart() {
        String thousand = IntStream.range(0, 1000).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]"));
        String loops = "{% for a in " + thousand + " %}{% for b in " + thousand + " %}{% for c in " + thousand
                + " %}x{% endfor %}{% endfor %}{% endfor %}";

        JsonNode refused = caller.post("/v1/templates", Map.of("name", "Bombs",
                "subject", "{{ (0..3000000000) | length }}", "html", "<p>" + loops + "</p>",
                "text", "{{ range(0, 3000000000) | length }} {{ email.getBytes() }}"))
                .expectInvalidField("subject").error();

        assertThat(refused.path("details").valueStream()
                .map(detail -> detail.path("field").asString() + ": " + detail.path("message").asString()))
                .satisfiesExactlyInAnyOrder(
                        subject -> assertThat(subject).startsWith("subject: has a placeholder error: "),
                        html -> assertThat(html).isEqualTo(
                                "html: has a placeholder error: Render limit: more than 10000 loop iterations (line 1)"),
                        text -> assertThat(text).startsWith("text: has a placeholder error: ").contains("range"));
        assertThat(caller.get("/v1/templates").expect(200).data().path("templates").size()).isZero();
    }
}
