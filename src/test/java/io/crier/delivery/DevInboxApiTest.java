package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/** With no relay configured, mail goes to the capture server, and each workspace reads its own in the dev inbox. */
@CrierApiTest
class DevInboxApiTest {

    @LocalServerPort
    int port;

    @Test
    void aCampaignsMailIsInItsOwnWorkspacesInboxReadableWholeAndClearable() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller other = api.newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, 3).mapToObj(i -> "d" + i + "-" + tag + "@example.org").toList();
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));

        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sent");

        JsonNode inbox = caller.get("/v1/dev/inbox").expect(200).data();
        assertThat(inbox.path("total").asInt()).isEqualTo(3);
        assertThat(inbox.path("messages").valueStream().map(m -> m.path("to").get(0).asString()))
                .containsExactlyInAnyOrderElementsOf(emails);
        assertThat(inbox.path("messages").get(0).path("from").asString()).isEqualTo("news@crier.test");
        assertThat(other.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isZero();

        JsonNode summary = inbox.path("messages").valueStream()
                .filter(m -> m.path("to").get(0).asString().equals(emails.get(1))).findFirst().orElseThrow();
        String path = "/v1/dev/inbox/" + summary.path("id").asLong();
        JsonNode message = caller.get(path).expect(200).data();
        assertThat(message.path("subject").asString()).isEqualTo("Hello Reader1").isEqualTo(summary.path("subject")
                .asString());
        assertThat(message.path("headers").path("Message-ID").get(0).asString()).matches("<[0-9a-f]{48}@crier\\.test>");
        assertThat(message.path("headers").path("To").get(0).asString()).contains(emails.get(1));
        // The capture relay's default bounce domain: the return path is the delivery's own.
        assertThat(message.path("envelopeFrom").asString()).matches("b-[0-9a-f]{48}@bounces\\.crier\\.test");
        assertThat(message.path("html").asString()).contains("<p>Hi Reader1, this is for " + emails.get(1) + ".</p>");
        assertThat(message.path("text").asString()).contains("Hi Reader1, this is for " + emails.get(1) + ".");
        assertThat(message.path("raw").asString()).contains("Message-ID:");
        other.get(path).expectError(404, "MESSAGE_NOT_FOUND");
        caller.get("/v1/dev/inbox/not-a-number").expectError(404, "MESSAGE_NOT_FOUND");

        assertThat(other.delete("/v1/dev/inbox").expect(200).data().path("deleted").asInt()).isZero();
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(3);
        assertThat(caller.delete("/v1/dev/inbox").expect(200).data().path("deleted").asInt()).isEqualTo(3);
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isZero();
        caller.get(path).expectError(404, "MESSAGE_NOT_FOUND");
    }
}
