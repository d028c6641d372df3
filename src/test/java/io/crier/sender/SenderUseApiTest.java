package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/** Campaigns and transactional mail take a named sender or the workspace's default; a sender in use stays. */
@CrierApiTest
class SenderUseApiTest {

    @LocalServerPort
    int port;

    @Test
    void aCampaignTakesItsSenderIdOrElseTheDefaultAndAutoSendsHtmlTemplateAsItsBody() {
        Caller caller = Api.at(port).newWorkspace();
        caller.post("/v1/senders", Map.of("email", "default@crier.test", "name", "Default")).expect(201);
        String named = caller.post("/v1/senders", Map.of("email", "named@crier.test", "name", "Named",
                "replyTo", "replies@crier.test")).expect(201).data().path("sender").path("id").asString();
        String list = Audiences.list(caller, List.of("someone@example.org"));

        JsonNode bySenderId = caller.post("/v1/campaigns", Map.of("name", "By id", "subject", "S",
                "senderId", named, "htmlTemplate", "<p>From AutoSend</p>", "toLists", List.of(list)))
                .expect(201).data();
        JsonNode byDefault = caller.post("/v1/campaigns", Map.of("name", "By default", "subject", "S",
                "html", "<p>H</p>", "toLists", List.of(list))).expect(201).data();

        assertThat(bySenderId.path("from").path("email").asString()).isEqualTo("named@crier.test");
        assertThat(bySenderId.path("from").path("name").asString()).isEqualTo("Named");
        assertThat(bySenderId.path("replyTo").asString()).isEqualTo("replies@crier.test");
        assertThat(bySenderId.path("html").asString()).isEqualTo("<p>From AutoSend</p>");
        assertThat(byDefault.path("from").path("email").asString()).isEqualTo("default@crier.test");
        caller.post("/v1/campaigns", Map.of("name", "Unknown", "senderId", UUID.randomUUID().toString()))
                .expectInvalidField("senderId");
        Caller other = Api.at(port).newWorkspace();
        other.post("/v1/campaigns", Map.of("name", "Foreign", "senderId", named)).expectInvalidField("senderId");
    }

    @Test
    void theSenderOfAScheduledCampaignCannotBeDeletedUntilTheCampaignIsAborted() {
        Caller caller = Api.at(port).newWorkspace();
        String sender = caller.post("/v1/senders", Map.of("email", "busy@crier.test")).expect(201)
                .data().path("sender").path("id").asString();
        String campaign = caller.post("/v1/campaigns", Map.of("name", "Later", "subject", "S", "html", "<p>H</p>",
                "senderId", sender, "toLists", List.of(Audiences.list(caller, List.of("later@example.org"))),
                "sendMode", "scheduled", "scheduledAt", "2099-01-01T00:00:00Z", "publish", true)).expect(201)
                .data().path("id").asString();
        assertThat(caller.get("/v1/campaigns/" + campaign).expect(200).data().path("status").asString())
                .isEqualTo("scheduled");

        JsonNode refused = caller.delete("/v1/senders/" + sender).expectError(409, "CONFLICT").error();

        assertThat(refused.path("message").asString()).contains("Later");
        caller.post("/v1/campaigns/" + campaign + "/abort").expect(200);
        caller.delete("/v1/senders/" + sender).expect(200);
    }

    @Test
    void transactionalMailWithoutFromGoesOutFromTheDefaultSenderAndNeedsOne() {
        Caller caller = Api.at(port).newWorkspace();
        String to = "tx-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Map<String, Object> mail = Map.of("to", Map.of("email", to), "subject", "Receipt", "html", "<p>Thanks</p>");

        caller.post("/v1/mails/send", mail).expectInvalidField("from");
        caller.post("/v1/senders", Map.of("email", "receipts@crier.test", "name", "Receipts")).expect(201);
        caller.post("/v1/mails/send", mail).expect(201);

        JsonNode message = Eventually.await("the receipt captured", Duration.ofSeconds(20),
                () -> caller.get("/v1/dev/inbox").expect(200).data().path("messages"), messages -> !messages.isEmpty())
                .get(0);
        assertThat(message.path("from").asString()).isEqualTo("receipts@crier.test");
        assertThat(message.path("to").get(0).asString()).isEqualTo(to);
    }
}
