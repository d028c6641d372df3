package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
class ListApiTest {

    @LocalServerPort
    int port;

    Caller caller;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
    }

    @Test
    void listIsCreatedReadRenamedAndDeleted() {
        Reply created = caller.post("/v1/lists", "{\"name\": \"Newsletter\", \"description\": \"Monthly\"}").expect(201);
        JsonNode list = created.data();
        String id = list.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/lists/" + id);
        assertThat(list.path("name").asString()).isEqualTo("Newsletter");
        assertThat(list.path("description").asString()).isEqualTo("Monthly");
        assertThat(list.path("contactCount").asInt()).isZero();
        assertThat(list.path("createdAt").asString()).isNotBlank();
        assertThat(caller.get("/v1/lists/" + id).expect(200).data()).isEqualTo(list);

        JsonNode renamed = caller.patch("/v1/lists/" + id, "{\"name\": \"Weekly news\"}").expect(200).data();
        assertThat(renamed.path("name").asString()).isEqualTo("Weekly news");
        assertThat(renamed.path("description").asString()).isEqualTo("Monthly");
        JsonNode cleared = caller.put("/v1/lists/" + id, "{\"description\": null}").expect(200).data();
        assertThat(cleared.path("name").asString()).isEqualTo("Weekly news");
        assertThat(cleared.path("description").isNull()).isTrue();
        assertThat(caller.get("/v1/lists/" + id).data()).isEqualTo(cleared);

        assertThat(caller.delete("/v1/lists/" + id).expect(200).json().path("message").asString())
                .isEqualTo("List deleted successfully");
        caller.get("/v1/lists/" + id).expectError(404, "LIST_NOT_FOUND");
        caller.delete("/v1/lists/" + id).expectError(404, "LIST_NOT_FOUND");
    }

    @Test
    void listsArePaginated() {
        for (int i = 1; i <= 3; i++) {
            caller.post("/v1/lists", "{\"name\": \"List " + i + "\"}").expect(201);
        }
        Reply page = caller.get("/v1/lists?page=1&limit=2").expect(200);
        assertThat(page.data().path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(page.data().path("pagination").path("pages").asInt()).isEqualTo(2);
        Reply next = caller.get("/v1/lists?page=2&limit=2").expect(200);
        // Oldest first; two lists made in the same instant may come in either order, never twice.
        List<JsonNode> lists = Stream.concat(page.data().path("lists").valueStream(),
                next.data().path("lists").valueStream()).toList();
        assertThat(page.data().path("lists").size()).isEqualTo(2);
        assertThat(lists).extracting(l -> l.path("name").asString())
                .containsExactlyInAnyOrder("List 1", "List 2", "List 3");
        assertThat(lists).extracting(l -> Instant.parse(l.path("createdAt").asString())).isSorted();
    }

    @Test
    void invalidListsAreRefusedByField() {
        caller.post("/v1/lists", "{}").expectInvalidField("name");
        caller.post("/v1/lists", "{\"name\": \"  \"}").expectInvalidField("name");
        caller.post("/v1/lists", "{\"name\": \"" + "n".repeat(201) + "\"}").expectInvalidField("name");
        caller.post("/v1/lists", "{\"name\": 3}").expectInvalidField("name");
        caller.post("/v1/lists", "{\"name\": \"ok\", \"description\": \"" + "d".repeat(1001) + "\"}")
                .expectInvalidField("description");
        String id = caller.post("/v1/lists", "{\"name\": \"ok\"}").expect(201).data().path("id").asString();
        caller.patch("/v1/lists/" + id, "{\"name\": null}").expectInvalidField("name");
        caller.patch("/v1/lists/" + id, "{\"name\": \"\"}").expectInvalidField("name");
        caller.patch("/v1/lists/" + id, "{\"name\": [\"x\"]}").expectInvalidField("name");
        caller.patch("/v1/lists/" + id, "[1]").expectInvalidField("body");
        assertThat(caller.get("/v1/lists/" + id).data().path("name").asString()).isEqualTo("ok");
    }

    @Test
    void missingListsAre404() {
        String random = UUID.randomUUID().toString();
        caller.get("/v1/lists/" + random).expectError(404, "LIST_NOT_FOUND");
        caller.get("/v1/lists/123").expectError(404, "LIST_NOT_FOUND");
        caller.patch("/v1/lists/" + random, "{\"name\": \"x\"}").expectError(404, "LIST_NOT_FOUND");
        caller.get("/v1/lists/" + random + "/contacts").expectError(404, "LIST_NOT_FOUND");
        caller.post("/v1/lists/" + random + "/contacts", "{\"emails\": [\"a@example.com\"]}")
                .expectError(404, "LIST_NOT_FOUND");
        caller.request("DELETE", "/v1/lists/" + random + "/contacts", "{\"emails\": [\"a@example.com\"]}")
                .expectError(404, "LIST_NOT_FOUND");
    }

    @Test
    void membersAreAddedByIdOrEmailIdempotentlyAndUnknownOnesReported() {
        String list = newList("Members");
        String ann = newContact("ann@example.com");
        String bob = newContact("bob@example.com");
        newContact("cy@example.com");
        String random = UUID.randomUUID().toString();

        JsonNode added = caller.post("/v1/lists/" + list + "/contacts", """
                {"contactIds": ["%s", "%s", "not-an-id"], "emails": ["BOB@example.com", "Cy@Example.com", "nobody@example.com"]}"""
                .formatted(ann, random)).expect(200).data();
        assertThat(added.path("added").asInt()).isEqualTo(3);
        assertThat(added.path("alreadyMembers").asInt()).isZero();
        assertThat(added.path("notFound").valueStream().map(JsonNode::asString))
                .containsExactly(random, "not-an-id", "nobody@example.com");

        JsonNode again = caller.post("/v1/lists/" + list + "/contacts", """
                {"contactIds": ["%s", "%s"], "emails": ["ann@example.com"]}""".formatted(ann, bob)).expect(200).data();
        assertThat(again.path("added").asInt()).isZero();
        assertThat(again.path("alreadyMembers").asInt()).isEqualTo(2);
        assertThat(again.path("notFound").size()).isZero();

        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(3);
        assertThat(caller.get("/v1/contacts/" + ann).data().path("listIds").get(0).asString()).isEqualTo(list);
    }

    @Test
    void membersAreListedPaginated() {
        String list = newList("Paged");
        newContact("outsider@example.com");
        List<String> emails = List.of("m1@example.com", "m2@example.com", "m3@example.com");
        emails.forEach(this::newContact);
        caller.post("/v1/lists/" + list + "/contacts", "{\"emails\": [\"m1@example.com\", \"m2@example.com\", \"m3@example.com\"]}")
                .expect(200);

        Reply first = caller.get("/v1/lists/" + list + "/contacts?limit=2").expect(200);
        Reply second = caller.get("/v1/lists/" + list + "/contacts?limit=2&page=2").expect(200);
        assertThat(first.data().path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(first.data().path("contacts").size()).isEqualTo(2);
        assertThat(second.data().path("contacts").size()).isEqualTo(1);
        assertThat(java.util.stream.Stream.concat(first.data().path("contacts").valueStream(),
                second.data().path("contacts").valueStream()).map(c -> c.path("email").asString()))
                .containsExactlyInAnyOrderElementsOf(emails);
        assertThat(first.data().path("contacts").get(0).path("listIds").get(0).asString()).isEqualTo(list);
    }

    @Test
    void membersAreRemovedByDeleteOrPost() {
        String list = newList("Shrinking");
        String ann = newContact("ann@example.com");
        newContact("bob@example.com");
        newContact("cy@example.com");
        caller.post("/v1/lists/" + list + "/contacts", "{\"emails\": [\"ann@example.com\", \"bob@example.com\"]}")
                .expect(200);

        JsonNode removed = caller.request("DELETE", "/v1/lists/" + list + "/contacts", """
                {"contactIds": ["%s"], "emails": ["cy@example.com", "ghost@example.com"]}""".formatted(ann))
                .expect(200).data();
        assertThat(removed.path("removed").asInt()).isEqualTo(1);
        assertThat(removed.path("notMembers").asInt()).isEqualTo(1);
        assertThat(removed.path("notFound").valueStream().map(JsonNode::asString)).containsExactly("ghost@example.com");

        JsonNode byPost = caller.post("/v1/lists/" + list + "/contacts/remove", "{\"emails\": [\"BOB@example.com\"]}")
                .expect(200).data();
        assertThat(byPost.path("removed").asInt()).isEqualTo(1);
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isZero();
        assertThat(caller.get("/v1/contacts/" + ann).expect(200).data().path("listIds").size()).isZero();
    }

    @Test
    void memberChangesAreValidated() {
        String list = newList("Strict");
        caller.post("/v1/lists/" + list + "/contacts", "{}").expectInvalidField("contactIds");
        caller.post("/v1/lists/" + list + "/contacts", "{\"contactIds\": [], \"emails\": []}")
                .expectInvalidField("contactIds");
        caller.post("/v1/lists/" + list + "/contacts", "{\"contactIds\": \"abc\"}").expectInvalidField("contactIds");
        caller.post("/v1/lists/" + list + "/contacts", "{\"emails\": [7]}").expectInvalidField("emails[0]");
        caller.post("/v1/lists/" + list + "/contacts", "{\"emails\": [\"a@example.com\", null]}")
                .expectInvalidField("emails[1]");
        String tooMany = "[" + "\"x@example.com\",".repeat(MemberChange.MAX_PER_CALL) + "\"y@example.com\"]";
        caller.post("/v1/lists/" + list + "/contacts", "{\"emails\": " + tooMany + "}").expectInvalidField("emails");
    }

    @Test
    void deletingAListKeepsItsContacts() {
        String list = newList("Temporary");
        String ann = newContact("ann@example.com");
        caller.post("/v1/lists/" + list + "/contacts", "{\"contactIds\": [\"" + ann + "\"]}").expect(200);
        caller.delete("/v1/lists/" + list).expect(200);
        JsonNode contact = caller.get("/v1/contacts/" + ann).expect(200).data();
        assertThat(contact.path("listIds").size()).isZero();
    }

    /**
     * Contacts added to a list while they are deleted, side by side: both calls answer and the
     * list's count stays its number of members. The add locks the contacts first: without that,
     * PostgreSQL refused the add (409) when the delete came first, and on H2, whose foreign key
     * check does not wait for a delete, a delete could take away a membership added meanwhile
     * without counting it off.
     */
    @Test
    void contactsAddedToAListWhileTheyAreDeletedLeaveItsCountTrue() throws Exception {
        String list = newList("Joined while leaving");
        List<String> emails = IntStream.range(0, 200).mapToObj(i -> "leaving" + i + "@example.com").toList();
        for (int round = 0; round < 4; round++) {
            caller.post("/v1/contacts/bulk", emails.stream().map(email -> Map.of("email", email)).toList()).expect(200);
            try (ExecutorService sides = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Reply> adding = sides.submit(() -> caller.post("/v1/lists/" + list + "/contacts",
                        Map.of("emails", emails)));
                Future<Reply> removing = sides.submit(() -> caller.post("/v1/contacts/remove",
                        Map.of("emails", emails.reversed())));
                adding.get().expect(200);
                removing.get().expect(200);
            }
            assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).as("round %d", round)
                    .isEqualTo(caller.get("/v1/contacts?limit=1&listId=" + list).expect(200).data()
                            .path("pagination").path("total").asInt());
        }
    }

    private String newList(String name) {
        return caller.post("/v1/lists", "{\"name\": \"" + name + "\"}").expect(201).data().path("id").asString();
    }

    private String newContact(String email) {
        return caller.post("/v1/contacts", "{\"email\": \"" + email + "\"}").expect(201).data().path("id").asString();
    }
}
