package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;

import tools.jackson.databind.JsonNode;

/**
 * /v1/senders as AutoSend answers it, with Crier's default sender. This context sends to the
 * capture relay, so domains need no verification here (SendingDomainEnforcementTest has a relay).
 */
@CrierApiTest
class SenderApiTest {

    @LocalServerPort
    int port;

    @Test
    void aSenderIsAnsweredAsAutoSendAnswersAndTheFirstIsTheDefault() {
        Caller caller = Api.at(port).newWorkspace();

        JsonNode created = caller.post("/v1/senders", Map.of("email", "Hello@Example.com", "name", "Example Team",
                "replyTo", "support@example.com")).expect(201).json();

        assertThat(created.path("success").asBoolean()).isTrue();
        assertThat(created.path("message").asString()).isEqualTo("Authenticated sender added successfully");
        assertThat(created.path("data").path("projectId").asString()).isEqualTo(caller.workspaceId());
        JsonNode sender = created.path("data").path("sender");
        assertThat(sender.path("email").asString()).isEqualTo("hello@example.com");
        assertThat(sender.path("name").asString()).isEqualTo("Example Team");
        assertThat(sender.path("replyTo").asString()).isEqualTo("support@example.com");
        assertThat(sender.path("isDefault").asBoolean()).isTrue();
        String id = sender.path("id").asString();
        assertThat(caller.get("/v1/senders/" + id).expect(200).data().path("sender")).isEqualTo(sender);
        JsonNode listed = caller.get("/v1/senders").expect(200).data();
        assertThat(listed.path("senders")).containsExactly(sender);
        assertThat(listed.path("projectId").asString()).isEqualTo(caller.workspaceId());
    }

    @Test
    void theSenderMarkedDefaultReplacesTheDefaultAndTheOldestTakesOverWhenTheDefaultGoes() {
        Caller caller = Api.at(port).newWorkspace();
        String first = caller.post("/v1/senders", Map.of("email", "first@example.com")).expect(201)
                .data().path("sender").path("id").asString();
        JsonNode second = caller.post("/v1/senders", Map.of("email", "second@example.com")).expect(201)
                .data().path("sender");
        assertThat(second.path("isDefault").asBoolean()).isFalse();

        String third = caller.post("/v1/senders", Map.of("email", "third@example.com", "isDefault", true))
                .expect(201).data().path("sender").path("id").asString();

        assertThat(defaults(caller)).containsExactly(third);
        caller.delete("/v1/senders/" + third).expect(200);
        assertThat(defaults(caller)).containsExactly(first);
        String secondId = second.path("id").asString();
        assertThat(caller.post("/v1/senders/" + secondId + "/default").expect(200).data().path("sender")
                .path("isDefault").asBoolean()).isTrue();
        assertThat(defaults(caller)).containsExactly(secondId);
        Api.at(port).newWorkspace().post("/v1/senders/" + secondId + "/default").expectError(404, "SENDER_NOT_FOUND");
    }

    @Test
    void aDuplicateIs409AndBadFieldsAre400NamingThem() {
        Caller caller = Api.at(port).newWorkspace();
        caller.post("/v1/senders", Map.of("email", "dup@example.com")).expect(201);

        caller.post("/v1/senders", Map.of("email", "DUP@example.com")).expectError(409, "CONFLICT");
        caller.post("/v1/senders", Map.of("email", "not an address")).expectInvalidField("email");
        caller.post("/v1/senders", Map.of("name", "No address")).expectInvalidField("email");
        caller.post("/v1/senders", Map.of("email", "a@example.com", "replyTo", "nope")).expectInvalidField("replyTo");
        caller.post("/v1/senders", Map.of("email", "b@example.com", "name", "Two\r\nLines"))
                .expectInvalidField("name");
        caller.get("/v1/senders/not-an-id").expectError(404, "SENDER_NOT_FOUND");
        caller.delete("/v1/senders/6b1f1c9e-2f4a-4d7e-9a51-7c0e6f1d2a3b").expectError(404, "SENDER_NOT_FOUND");
    }

    @Test
    void aWorkspaceSeesOnlyItsOwnSenders() {
        Caller owner = Api.at(port).newWorkspace();
        Caller other = Api.at(port).newWorkspace();
        String id = owner.post("/v1/senders", Map.of("email", "mine@example.com")).expect(201)
                .data().path("sender").path("id").asString();

        other.get("/v1/senders/" + id).expectError(404, "SENDER_NOT_FOUND");
        other.delete("/v1/senders/" + id).expectError(404, "SENDER_NOT_FOUND");
        assertThat(other.get("/v1/senders").expect(200).data().path("senders")).isEmpty();
        // Another workspace may have the same address as a sender of its own.
        other.post("/v1/senders", Map.of("email", "mine@example.com")).expect(201);
    }

    @Test
    void theDefaultWorkspaceHasAPresetSenderWithTheCaptureRelay() {
        JsonNode senders = Api.at(port).bootstrap().get("/v1/senders").expect(200).data().path("senders");

        assertThat(senders.valueStream().filter(s -> s.path("isDefault").asBoolean())
                .map(s -> s.path("email").asString())).containsExactly(SenderPreset.EMAIL);
    }

    private static List<String> defaults(Caller caller) {
        return caller.get("/v1/senders").expect(200).data().path("senders").valueStream()
                .filter(s -> s.path("isDefault").asBoolean()).map(s -> s.path("id").asString()).toList();
    }
}
