package io.crier.audience;

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
class ContactApiTest {

    @LocalServerPort
    int port;

    Caller caller;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
    }

    @Test
    void createdContactIsStoredNormalizedAndReadBack() {
        String listId = newList("Customers");
        Reply created = caller.post("/v1/contacts", """
                {"email": "  Ada.Lovelace@Example.COM ", "firstName": "Ada", "lastName": "Lovelace",
                 "userId": "u-1", "customFields": {"plan": "pro", "seats": 3, "beta": true, "tags": ["a"]},
                 "listIds": ["%s"]}""".formatted(listId)).expect(201);
        JsonNode contact = created.data();
        String id = contact.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/contacts/" + id);
        assertThat(contact.path("email").asString()).isEqualTo("ada.lovelace@example.com");
        assertThat(contact.path("firstName").asString()).isEqualTo("Ada");
        assertThat(contact.path("lastName").asString()).isEqualTo("Lovelace");
        assertThat(contact.path("userId").asString()).isEqualTo("u-1");
        assertThat(contact.path("customFields").path("seats").asInt()).isEqualTo(3);
        assertThat(contact.path("customFields").path("beta").asBoolean()).isTrue();
        assertThat(contact.path("customFields").path("tags").get(0).asString()).isEqualTo("a");
        assertThat(contact.path("listIds").get(0).asString()).isEqualTo(listId);
        assertThat(contact.path("createdAt").asString()).isEqualTo(contact.path("updatedAt").asString());
        assertThat(contact.has("workspaceId")).isFalse();

        JsonNode read = caller.get("/v1/contacts/" + id).expect(200).data();
        assertThat(read).isEqualTo(contact);
        assertThat(caller.get("/v1/lists/" + listId).data().path("contactCount").asInt()).isEqualTo(1);
    }

    @Test
    void minimalContactHasEmptyCustomFieldsAndNoLists() {
        JsonNode contact = caller.post("/v1/contacts", "{\"email\": \"min@example.com\"}").expect(201).data();
        assertThat(contact.path("firstName").isNull()).isTrue();
        assertThat(contact.path("customFields").isObject()).isTrue();
        assertThat(contact.path("customFields").size()).isZero();
        assertThat(contact.path("listIds").isArray()).isTrue();
        assertThat(contact.path("listIds").size()).isZero();
    }

    @Test
    void emailsCompareCaseInsensitively() {
        caller.post("/v1/contacts", "{\"email\": \"Grace@Example.com\"}").expect(201);
        caller.post("/v1/contacts", "{\"email\": \"grace@EXAMPLE.com\"}")
                .expectError(409, "CONTACT_ALREADY_EXISTS");
        Reply found = caller.get("/v1/contacts?email=GRACE@example.COM").expect(200);
        assertThat(found.data().path("contacts").size()).isEqualTo(1);
        assertThat(found.data().path("contacts").get(0).path("email").asString()).isEqualTo("grace@example.com");
        Reply upserted = caller.post("/v1/contacts/email", "{\"email\": \"GRACE@example.com\", \"firstName\": \"Grace\"}")
                .expect(200);
        assertThat(upserted.data().path("firstName").asString()).isEqualTo("Grace");
        assertThat(total(caller.get("/v1/contacts").expect(200))).isEqualTo(1);
    }

    @Test
    void invalidContactsAreRefusedNamingEveryField() {
        caller.post("/v1/contacts", "{}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": null}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": \"not-an-email\"}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": \"a@b\"}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": \"two@@example.com\"}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": 42}").expectInvalidField("email");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"customFields\": [1, 2]}")
                .expectInvalidField("customFields");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"customFields\": \"plan=pro\"}")
                .expectInvalidField("customFields");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"firstName\": 7}")
                .expectInvalidField("firstName");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"lastName\": \"" + "x".repeat(201) + "\"}")
                .expectInvalidField("lastName");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"listIds\": \"abc\"}")
                .expectInvalidField("listIds");
        caller.post("/v1/contacts", "{\"email\": \"ok@example.com\", \"listIds\": [5]}")
                .expectInvalidField("listIds[0]");
        caller.post("/v1/contacts", "[]").expectInvalidField("body");
        caller.post("/v1/contacts", "{\"email\": ").expectInvalidField("body");

        Reply several = caller.post("/v1/contacts", "{\"email\": \"bad\", \"userId\": false, \"customFields\": 1}");
        several.expectInvalidField("email").expectInvalidField("userId").expectInvalidField("customFields");
        assertThat(total(caller.get("/v1/contacts").expect(200))).isZero();
    }

    @Test
    void unknownListIdsAreRefusedByPosition() {
        String listId = newList("Real");
        caller.post("/v1/contacts", """
                {"email": "x@example.com", "listIds": ["%s", "00000000-0000-0000-0000-000000000000", "nope"]}"""
                .formatted(listId))
                .expectInvalidField("listIds[1]")
                .expectInvalidField("listIds[2]");
        assertThat(total(caller.get("/v1/contacts").expect(200))).isZero();
    }

    @Test
    void missingContactsAre404() {
        caller.get("/v1/contacts/00000000-0000-0000-0000-000000000000").expectError(404, "CONTACT_NOT_FOUND");
        caller.get("/v1/contacts/not-a-uuid").expectError(404, "CONTACT_NOT_FOUND");
        caller.patch("/v1/contacts/00000000-0000-0000-0000-000000000000", "{\"firstName\": \"X\"}")
                .expectError(404, "CONTACT_NOT_FOUND");
        caller.delete("/v1/contacts/00000000-0000-0000-0000-000000000000").expectError(404, "CONTACT_NOT_FOUND");
    }

    @Test
    void upsertByEmailCreatesThenMerges() {
        String first = newList("First");
        String second = newList("Second");
        Reply created = caller.post("/v1/contacts/email", """
                {"email": "Lin@Example.com", "firstName": "Lin", "lastName": "Wu", "userId": "42",
                 "customFields": {"plan": "free", "city": "Oslo"}, "listIds": ["%s"]}""".formatted(first))
                .expect(201);
        String id = created.data().path("id").asString();

        Reply updated = caller.post("/v1/contacts/email", """
                {"email": "lin@example.com", "lastName": "Wu-Smith", "userId": null,
                 "customFields": {"plan": "pro", "city": null, "score": 9}, "listIds": ["%s"]}""".formatted(second))
                .expect(200);
        JsonNode contact = updated.data();
        assertThat(contact.path("id").asString()).isEqualTo(id);
        assertThat(contact.path("firstName").asString()).isEqualTo("Lin");
        assertThat(contact.path("lastName").asString()).isEqualTo("Wu-Smith");
        assertThat(contact.path("userId").isNull()).isTrue();
        assertThat(contact.path("customFields").path("plan").asString()).isEqualTo("pro");
        assertThat(contact.path("customFields").has("city")).isFalse();
        assertThat(contact.path("customFields").path("score").asInt()).isEqualTo(9);
        assertThat(contact.path("listIds").valueStream().map(JsonNode::asString)).containsExactly(first, second);
        assertThat(contact.path("createdAt").asString()).isEqualTo(created.data().path("createdAt").asString());

        caller.post("/v1/contacts/email", "{\"firstName\": \"No email\"}").expectInvalidField("email");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        String list = newList("Later");
        JsonNode created = caller.post("/v1/contacts", """
                {"email": "kim@example.com", "firstName": "Kim", "lastName": "Lee",
                 "customFields": {"a": 1, "b": 2}}""").expect(201).data();
        String id = created.path("id").asString();

        JsonNode patched = caller.patch("/v1/contacts/" + id, """
                {"email": "KIM.LEE@example.com", "lastName": null, "customFields": {"b": 3, "c": "x"},
                 "listIds": ["%s"]}""".formatted(list)).expect(200).data();
        assertThat(patched.path("email").asString()).isEqualTo("kim.lee@example.com");
        assertThat(patched.path("firstName").asString()).isEqualTo("Kim");
        assertThat(patched.path("lastName").isNull()).isTrue();
        assertThat(patched.path("customFields").path("a").asInt()).isEqualTo(1);
        assertThat(patched.path("customFields").path("b").asInt()).isEqualTo(3);
        assertThat(patched.path("customFields").path("c").asString()).isEqualTo("x");
        assertThat(patched.path("listIds").get(0).asString()).isEqualTo(list);

        JsonNode put = caller.put("/v1/contacts/" + id, "{\"firstName\": \"Kimberly\"}").expect(200).data();
        assertThat(put.path("firstName").asString()).isEqualTo("Kimberly");
        assertThat(put.path("email").asString()).isEqualTo("kim.lee@example.com");
        assertThat(caller.get("/v1/contacts/" + id).data()).isEqualTo(put);

        caller.patch("/v1/contacts/" + id, "{\"email\": null}").expectInvalidField("email");
        caller.patch("/v1/contacts/" + id, "{\"email\": \"nope\"}").expectInvalidField("email");
        caller.patch("/v1/contacts/" + id, "{\"customFields\": null}").expectInvalidField("customFields");
        caller.patch("/v1/contacts/" + id, "{\"listIds\": [\"" + java.util.UUID.randomUUID() + "\"]}")
                .expectInvalidField("listIds[0]");
    }

    @Test
    void customFieldsAreCappedAlsoWhenTheyGrowByMerging() {
        String half = "x".repeat(Contact.MAX_CUSTOM_FIELDS_LENGTH / 2);
        caller.post("/v1/contacts", "{\"email\": \"big@example.com\", \"customFields\": {\"a\": \"" + half + half + "\"}}")
                .expectInvalidField("customFields");
        String id = caller.post("/v1/contacts", "{\"email\": \"big@example.com\", \"customFields\": {\"a\": \"" + half + "\"}}")
                .expect(201).data().path("id").asString();
        caller.patch("/v1/contacts/" + id, "{\"customFields\": {\"b\": \"" + half + "\"}}").expectInvalidField("customFields");
        caller.post("/v1/contacts/email", "{\"email\": \"big@example.com\", \"customFields\": {\"b\": \"" + half + "\"}}")
                .expectInvalidField("customFields");
        assertThat(caller.patch("/v1/contacts/" + id, "{\"customFields\": {\"a\": null, \"b\": \"" + half + "\"}}")
                .expect(200).data().path("customFields").has("a")).isFalse();
    }

    @Test
    void changingEmailToATakenOneIsAConflict() {
        caller.post("/v1/contacts", "{\"email\": \"one@example.com\"}").expect(201);
        String id = caller.post("/v1/contacts", "{\"email\": \"two@example.com\"}").expect(201).data()
                .path("id").asString();
        Reply conflict = caller.patch("/v1/contacts/" + id, "{\"email\": \"ONE@example.com\"}")
                .expectError(409, "CONTACT_ALREADY_EXISTS");
        assertThat(conflict.error().path("details").get(0).path("field").asString()).isEqualTo("email");
        assertThat(caller.patch("/v1/contacts/" + id, "{\"email\": \"Two@Example.com\"}").expect(200).data()
                .path("email").asString()).isEqualTo("two@example.com");
    }

    @Test
    void deletingAContactRemovesItsMemberships() {
        String list = newList("Members");
        String other = newList("Others");
        String id = caller.post("/v1/contacts", "{\"email\": \"gone@example.com\", \"listIds\": [\"" + list
                + "\", \"" + other + "\"]}").expect(201).data().path("id").asString();
        caller.post("/v1/contacts", "{\"email\": \"stays@example.com\", \"listIds\": [\"" + other + "\"]}").expect(201);
        assertThat(caller.get("/v1/lists/" + other).data().path("contactCount").asInt()).isEqualTo(2);
        assertThat(caller.delete("/v1/contacts/" + id).expect(200).json().path("message").asString())
                .isEqualTo("Contact deleted successfully");
        caller.get("/v1/contacts/" + id).expectError(404, "CONTACT_NOT_FOUND");
        caller.delete("/v1/contacts/" + id).expectError(404, "CONTACT_NOT_FOUND");
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isZero();
        assertThat(caller.get("/v1/lists/" + other).data().path("contactCount").asInt()).isEqualTo(1);
        caller.post("/v1/contacts/remove", "{\"emails\": [\"stays@example.com\"]}").expect(200);
        assertThat(caller.get("/v1/lists/" + other).data().path("contactCount").asInt()).isZero();
        caller.post("/v1/contacts", "{\"email\": \"gone@example.com\"}").expect(201);
    }

    @Test
    void listingPaginatesAndFilters() {
        String vip = newList("VIP");
        for (int i = 1; i <= 5; i++) {
            caller.post("/v1/contacts", """
                    {"email": "user%d@example.com", "firstName": "User%d", "lastName": "%s"}"""
                    .formatted(i, i, i % 2 == 0 ? "Even_Percent%" : "Odd")).expect(201);
        }
        caller.post("/v1/contacts", "{\"email\": \"boss@corp.example\", \"firstName\": \"Pat\", \"listIds\": [\"" + vip + "\"]}")
                .expect(201);

        Reply page2 = caller.get("/v1/contacts?page=2&limit=4").expect(200);
        assertThat(page2.data().path("contacts").size()).isEqualTo(2);
        JsonNode pagination = page2.data().path("pagination");
        assertThat(pagination.path("page").asInt()).isEqualTo(2);
        assertThat(pagination.path("limit").asInt()).isEqualTo(4);
        assertThat(pagination.path("total").asInt()).isEqualTo(6);
        assertThat(pagination.path("pages").asInt()).isEqualTo(2);

        assertThat(emails(caller.get("/v1/contacts?listId=" + vip))).containsExactly("boss@corp.example");
        assertThat(emails(caller.get("/v1/contacts?search=CORP"))).containsExactly("boss@corp.example");
        assertThat(emails(caller.get("/v1/contacts?search=pat"))).containsExactly("boss@corp.example");
        assertThat(emails(caller.get("/v1/contacts?search=even_percent%25")))
                .containsExactlyInAnyOrder("user2@example.com", "user4@example.com");
        // % and _ are taken literally, not as wildcards matching everyone.
        assertThat(emails(caller.get("/v1/contacts?search=_"))).containsExactlyInAnyOrder("user2@example.com",
                "user4@example.com");
        assertThat(emails(caller.get("/v1/contacts?search=%25"))).hasSize(2);
        assertThat(emails(caller.get("/v1/contacts?search=user3"))).containsExactly("user3@example.com");
        assertThat(emails(caller.get("/v1/contacts?email=USER1@example.com&search=user"))).containsExactly("user1@example.com");
        assertThat(total(caller.get("/v1/contacts?email=nobody@example.com"))).isZero();

        caller.get("/v1/contacts?listId=" + java.util.UUID.randomUUID()).expectInvalidField("listId");
        caller.get("/v1/contacts?limit=0").expectInvalidField("limit");
        caller.get("/v1/contacts?page=x").expectInvalidField("page");
    }

    private String newList(String name) {
        return caller.post("/v1/lists", "{\"name\": \"" + name + "\"}").expect(201).data().path("id").asString();
    }

    private static long total(Reply listing) {
        return listing.data().path("pagination").path("total").asLong();
    }

    private static List<String> emails(Reply listing) {
        return listing.expect(200).data().path("contacts").valueStream().map(c -> c.path("email").asString()).toList();
    }
}
