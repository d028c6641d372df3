package io.crier.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/** The suppression list's API: add, list with filters and pages, remove; each workspace its own. */
@CrierApiTest
class SuppressionApiTest {

    @LocalServerPort
    int port;

    @Test
    void addListFilterPageAndRemove() {
        Caller caller = Api.at(port).newWorkspace();

        JsonNode added = caller.post("/v1/suppressions", """
                {"emails": ["A@Example.com", "b@example.com", "a@example.com "], "detail": "asked by phone"}""")
                .expect(200).data();
        assertThat(added.path("added").asInt()).isEqualTo(2);
        assertThat(added.path("alreadySuppressed").asInt()).isZero();
        JsonNode again = caller.post("/v1/suppressions", """
                {"email": "b@example.com", "emails": ["c@example.com"], "reason": "complained"}""").expect(200).data();
        assertThat(again.path("added").asInt()).isEqualTo(1);
        assertThat(again.path("alreadySuppressed").asInt()).isEqualTo(1);

        JsonNode all = caller.get("/v1/suppressions").expect(200).data();
        assertThat(all.path("pagination").path("total").asInt()).isEqualTo(3);
        JsonNode first = all.path("suppressions").get(0);
        assertThat(first.path("email").asString()).isEqualTo("a@example.com");
        assertThat(first.path("reason").asString()).isEqualTo("manual");
        assertThat(first.path("detail").asString()).isEqualTo("asked by phone");
        assertThat(first.path("createdAt").asString()).isNotBlank();
        assertThat(emails(caller, "/v1/suppressions?reason=complained")).containsExactly("c@example.com");
        assertThat(emails(caller, "/v1/suppressions?reason=manual")).containsExactlyInAnyOrder("a@example.com",
                "b@example.com");
        assertThat(emails(caller, "/v1/suppressions?email=B@example.com")).containsExactly("b@example.com");
        assertThat(caller.get("/v1/suppressions?limit=2&page=2").expect(200).data().path("suppressions").size())
                .isEqualTo(1);
        caller.get("/v1/suppressions?reason=gone").expectInvalidField("reason");

        caller.delete("/v1/suppressions/B@example.com").expect(200);
        caller.delete("/v1/suppressions/b@example.com").expectError(404, "SUPPRESSION_NOT_FOUND");
        assertThat(emails(caller, "/v1/suppressions")).containsExactlyInAnyOrder("a@example.com", "c@example.com");
    }

    /** Suppressing only ever mails fewer people (write); unsuppressing mails people who opted out again (admin). */
    @Test
    void addingNeedsWriteButRemovingNeedsAdmin() {
        Caller caller = Api.at(port).newWorkspace();
        Caller writer = caller.withKey(caller.post("/v1/api-keys", """
                {"name": "writer", "scopes": ["read", "write", "send"]}""").expect(201).data().path("key").asString());
        writer.post("/v1/suppressions", "{\"email\": \"gone@example.com\"}").expect(200);
        Reply refused = writer.delete("/v1/suppressions/gone@example.com").expectError(403, "FORBIDDEN");
        assertThat(refused.error().path("message").asString()).contains("'admin'");
        assertThat(emails(caller, "/v1/suppressions")).containsExactly("gone@example.com");
        caller.delete("/v1/suppressions/gone@example.com").expect(200);
    }

    @Test
    void badInputNamesTheFieldAndAddsNothing() {
        Caller caller = Api.at(port).newWorkspace();

        caller.post("/v1/suppressions", "{}").expectInvalidField("emails");
        caller.post("/v1/suppressions", "{\"emails\": [\"ok@example.com\", \"not an address\"]}")
                .expectInvalidField("emails[1]");
        caller.post("/v1/suppressions", "{\"email\": \"x@\"}").expectInvalidField("email");
        caller.post("/v1/suppressions", "{\"email\": \"ok@example.com\", \"reason\": \"tired\"}")
                .expectInvalidField("reason");

        assertThat(emails(caller, "/v1/suppressions")).isEmpty();
    }

    @Test
    void eachWorkspaceHasItsOwnList() {
        Api api = Api.at(port);
        Caller a = api.newWorkspace();
        Caller b = api.newWorkspace();
        b.post("/v1/suppressions", Map.of("email", "theirs@example.com")).expect(200);

        assertThat(emails(a, "/v1/suppressions?email=theirs@example.com")).isEmpty();
        a.delete("/v1/suppressions/theirs@example.com").expectError(404, "SUPPRESSION_NOT_FOUND");
        a.post("/v1/suppressions", Map.of("email", "theirs@example.com", "reason", "bounced")).expect(200);

        assertThat(b.get("/v1/suppressions").expect(200).data().path("suppressions").get(0).path("reason")
                .asString()).isEqualTo("manual");
        assertThat(emails(b, "/v1/suppressions")).containsExactly("theirs@example.com");
    }

    private static List<String> emails(Caller caller, String path) {
        return caller.get(path).expect(200).data().path("suppressions").valueStream()
                .map(entry -> entry.path("email").asString()).toList();
    }
}
