package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * A key of workspace A can neither read, change, delete, list, import into nor even detect the
 * contacts and lists of workspace B: B's ids get exactly the answer a random id gets.
 */
@CrierApiTest
class AudienceIsolationApiTest {

    @LocalServerPort
    int port;

    Caller a;
    Caller b;
    String bList;
    String bContact;
    JsonNode bContactBefore;
    String random;

    @BeforeEach
    void setUp() {
        Api api = Api.at(port);
        a = api.newWorkspace();
        b = api.newWorkspace();
        bList = b.post("/v1/lists", "{\"name\": \"B's list\"}").expect(201).data().path("id").asString();
        bContactBefore = b.post("/v1/contacts", """
                {"email": "secret@b.example", "firstName": "Bea", "listIds": ["%s"]}""".formatted(bList))
                .expect(201).data();
        bContact = bContactBefore.path("id").asString();
        random = UUID.randomUUID().toString();
    }

    @Test
    void anotherWorkspacesContactIsAnUnknownContact() {
        sameAnswer(a.get("/v1/contacts/" + bContact), a.get("/v1/contacts/" + random), 404);
        sameAnswer(a.patch("/v1/contacts/" + bContact, "{\"firstName\": \"Mallory\"}"),
                a.patch("/v1/contacts/" + random, "{\"firstName\": \"Mallory\"}"), 404);
        sameAnswer(a.put("/v1/contacts/" + bContact, "{\"firstName\": \"Mallory\"}"),
                a.put("/v1/contacts/" + random, "{\"firstName\": \"Mallory\"}"), 404);
        sameAnswer(a.delete("/v1/contacts/" + bContact), a.delete("/v1/contacts/" + random), 404);
        assertThat(b.get("/v1/contacts/" + bContact).expect(200).data()).isEqualTo(bContactBefore);
    }

    @Test
    void anotherWorkspacesListIsAnUnknownList() {
        sameAnswer(a.get("/v1/lists/" + bList), a.get("/v1/lists/" + random), 404);
        sameAnswer(a.patch("/v1/lists/" + bList, "{\"name\": \"Taken\"}"),
                a.patch("/v1/lists/" + random, "{\"name\": \"Taken\"}"), 404);
        sameAnswer(a.get("/v1/lists/" + bList + "/contacts"), a.get("/v1/lists/" + random + "/contacts"), 404);
        String members = "{\"emails\": [\"secret@b.example\"]}";
        sameAnswer(a.post("/v1/lists/" + bList + "/contacts", members),
                a.post("/v1/lists/" + random + "/contacts", members), 404);
        sameAnswer(a.request("DELETE", "/v1/lists/" + bList + "/contacts", members),
                a.request("DELETE", "/v1/lists/" + random + "/contacts", members), 404);
        sameAnswer(a.delete("/v1/lists/" + bList), a.delete("/v1/lists/" + random), 404);

        JsonNode list = b.get("/v1/lists/" + bList).expect(200).data();
        assertThat(list.path("name").asString()).isEqualTo("B's list");
        assertThat(list.path("contactCount").asInt()).isEqualTo(1);
    }

    @Test
    void anotherWorkspacesListCannotBeJoinedOrFiltered() {
        sameAnswer(a.post("/v1/contacts", "{\"email\": \"x@a.example\", \"listIds\": [\"" + bList + "\"]}"),
                a.post("/v1/contacts", "{\"email\": \"x@a.example\", \"listIds\": [\"" + random + "\"]}"), 400);
        sameAnswer(a.post("/v1/contacts/email", "{\"email\": \"x@a.example\", \"listIds\": [\"" + bList + "\"]}"),
                a.post("/v1/contacts/email", "{\"email\": \"x@a.example\", \"listIds\": [\"" + random + "\"]}"), 400);
        sameAnswer(a.get("/v1/contacts?listId=" + bList), a.get("/v1/contacts?listId=" + random), 400);
        assertThat(b.get("/v1/lists/" + bList).data().path("contactCount").asInt()).isEqualTo(1);
    }

    @Test
    void listingsAndSearchesNeverShowAnotherWorkspacesRows() {
        a.post("/v1/contacts", "{\"email\": \"mine@a.example\", \"firstName\": \"Bea\"}").expect(201);
        a.post("/v1/lists", "{\"name\": \"A's list\"}").expect(201);

        JsonNode contacts = a.get("/v1/contacts").expect(200).data();
        assertThat(contacts.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(contacts.path("contacts").get(0).path("email").asString()).isEqualTo("mine@a.example");
        assertThat(a.get("/v1/contacts?email=secret@b.example").data().path("contacts").size()).isZero();
        assertThat(a.get("/v1/contacts?search=secret").data().path("pagination").path("total").asInt()).isZero();
        assertThat(a.get("/v1/contacts?search=bea").data().path("contacts").valueStream()
                .map(c -> c.path("email").asString())).containsExactly("mine@a.example");

        JsonNode lists = a.get("/v1/lists").expect(200).data();
        assertThat(lists.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(lists.path("lists").get(0).path("name").asString()).isEqualTo("A's list");
    }

    @Test
    void anotherWorkspacesEmailIsFreeAndItsContactsCannotBeAddedToLists() {
        JsonNode mine = a.post("/v1/contacts", "{\"email\": \"SECRET@b.example\", \"firstName\": \"Own\"}")
                .expect(201).data();
        assertThat(mine.path("id").asString()).isNotEqualTo(bContact);
        a.post("/v1/contacts/email", "{\"email\": \"secret@b.example\", \"lastName\": \"Upserted\"}").expect(200);

        String aList = a.post("/v1/lists", "{\"name\": \"A's list\"}").expect(201).data().path("id").asString();
        JsonNode added = a.post("/v1/lists/" + aList + "/contacts",
                "{\"contactIds\": [\"" + bContact + "\"]}").expect(200).data();
        assertThat(added.path("added").asInt()).isZero();
        assertThat(added.path("notFound").get(0).asString()).isEqualTo(bContact);

        assertThat(b.get("/v1/contacts/" + bContact).expect(200).data()).isEqualTo(bContactBefore);
    }

    @Test
    void importsCannotReachAnotherWorkspace() {
        String body = "[{\"email\": \"secret@b.example\", \"firstName\": \"Imported\"}]";
        sameAnswer(a.post("/v1/contacts/bulk?listIds=" + bList, body),
                a.post("/v1/contacts/bulk?listIds=" + random, body), 400);
        sameAnswer(a.post("/v1/contacts/bulk", "{\"contacts\": " + body + ", \"listIds\": [\"" + bList + "\"]}"),
                a.post("/v1/contacts/bulk", "{\"contacts\": " + body + ", \"listIds\": [\"" + random + "\"]}"), 400);
        sameAnswer(a.raw("POST", "/v1/contacts/import?listIds=" + bList, "text/csv", "email\nsecret@b.example\n"),
                a.raw("POST", "/v1/contacts/import?listIds=" + random, "text/csv", "email\nsecret@b.example\n"), 400);

        JsonNode perRow = a.post("/v1/contacts/bulk", """
                [{"email": "one@a.example", "listIds": ["%s"]}, {"email": "two@a.example", "listIds": ["%s"]}]"""
                .formatted(bList, random)).expect(200).data();
        assertThat(perRow.path("failed").asInt()).isEqualTo(2);
        assertThat(perRow.path("failures").get(0).path("message").asString())
                .isEqualTo(perRow.path("failures").get(1).path("message").asString());

        JsonNode imported = a.post("/v1/contacts/bulk", body).expect(200).data();
        assertThat(imported.path("created").asInt()).isEqualTo(1);
        assertThat(imported.path("updated").asInt()).isZero();
        assertThat(b.get("/v1/contacts/" + bContact).expect(200).data()).isEqualTo(bContactBefore);
        assertThat(b.get("/v1/lists/" + bList).data().path("contactCount").asInt()).isEqualTo(1);
        assertThat(b.get("/v1/contacts").data().path("pagination").path("total").asInt()).isEqualTo(1);
    }

    /** B's id and a random id get the same status and the very same body. */
    private static void sameAnswer(Reply forOtherWorkspace, Reply forRandomId, int status) {
        forOtherWorkspace.expect(status);
        forRandomId.expect(status);
        assertThat(forOtherWorkspace.body()).isEqualTo(forRandomId.body());
    }
}
