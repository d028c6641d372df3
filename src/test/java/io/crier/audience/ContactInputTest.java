package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The merge rules shared by PATCH, upsert by email and imports. */
class ContactInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void givenFieldsOverwriteAbsentOnesKeepAndNullClears() {
        Contact current = input("""
                {"email": "a@example.com", "firstName": "Ann", "lastName": "Lee", "userId": "u1",
                 "customFields": {"plan": "free", "city": "Oslo"}}""").create(UUID.randomUUID(), UUID.randomUUID(), CREATED);

        Contact updated = input("""
                {"lastName": "  Smith ", "userId": null, "customFields": {"plan": "pro", "city": null, "new": [1]}}""")
                .applyTo(current, LATER);

        assertThat(updated.email()).isEqualTo("a@example.com");
        assertThat(updated.firstName()).isEqualTo("Ann");
        assertThat(updated.lastName()).isEqualTo("Smith");
        assertThat(updated.userId()).isNull();
        assertThat(updated.customFields().toString()).isEqualTo("{\"plan\":\"pro\",\"new\":[1]}");
        assertThat(updated.createdAt()).isEqualTo(CREATED);
        assertThat(updated.updatedAt()).isEqualTo(LATER);
        assertThat(current.customFields().path("city").asString()).as("the original is not changed").isEqualTo("Oslo");
    }

    @Test
    void blankTextClearsAField() {
        Contact current = input("{\"email\": \"a@example.com\", \"firstName\": \"Ann\"}")
                .create(UUID.randomUUID(), UUID.randomUUID(), CREATED);
        assertThat(input("{\"firstName\": \"   \"}").applyTo(current, LATER).firstName()).isNull();
    }

    @Test
    void laterInputsForTheSameContactWinWhereTheySayAnything() {
        ContactInput first = input("""
                {"email": "a@example.com", "firstName": "Ann", "customFields": {"a": 1, "b": 1}, "listIds": ["l1"]}""");
        ContactInput second = input("""
                {"email": "a@example.com", "lastName": "Lee", "customFields": {"b": 2}, "listIds": ["l2", "l1"]}""");

        ContactInput both = first.then(second);
        Contact created = both.create(UUID.randomUUID(), UUID.randomUUID(), CREATED);
        assertThat(created.firstName()).isEqualTo("Ann");
        assertThat(created.lastName()).isEqualTo("Lee");
        assertThat(created.customFields().toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(both.listIds()).containsExactly("l1", "l2");
    }

    @Test
    void everyProblemIsNamed() {
        ContactJson.Parsed parsed = ContactJson.read(JSON.readTree("""
                {"email": 1, "firstName": {}, "lastName": "%s", "userId": [], "customFields": [], "listIds": [1, "ok", true]}"""
                .formatted("x".repeat(201))), "body", true);
        assertThat(parsed.input()).isNull();
        assertThat(parsed.problems()).extracting(p -> p.field()).containsExactly("email", "firstName", "lastName",
                "userId", "customFields", "listIds[0]", "listIds[2]");
        assertThat(ContactJson.read(JSON.readTree("[]"), "contact", true).problems())
                .extracting(p -> p.field()).containsExactly("contact");
    }

    private static ContactInput input(String json) {
        JsonNode node = JSON.readTree(json);
        ContactJson.Parsed parsed = ContactJson.read(node, "body", node.has("email"));
        assertThat(parsed.problems()).isEmpty();
        return parsed.input();
    }

}
