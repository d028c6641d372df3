package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.MutableClock;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.TestDnsServer;
import io.crier.support.VerifyingRelayTest;

import tools.jackson.databind.JsonNode;

/**
 * A real relay and no crier.senders.verify-domains setting, so domains must be verified: mail From
 * a domain goes out only once its records, served by the test DNS server, have been verified, and
 * stops when the daily check finds them gone.
 */
@VerifyingRelayTest
class SendingDomainEnforcementTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDnsServer dns;

    @Autowired
    ScriptedSmtpServer relay;

    @Autowired
    MutableClock clock;

    @Autowired
    DomainRecheck recheck;

    @Test
    void mailFromADomainGoesOutOnlyOnceItIsVerifiedAndStopsWhenTheDailyCheckFindsItsRecordsGone() {
        Caller caller = Api.at(port).newWorkspace();
        String domain = SendingDomainApiTest.newDomain();
        String from = "news@" + domain;
        String list = Audiences.list(caller, List.of("reader@example.org"));
        Map<String, Object> campaign = Map.of("name", "News", "subject", "S", "html", "<p>H</p>",
                "from", Map.of("email", from), "toLists", List.of(list));

        caller.post("/v1/senders", Map.of("email", from)).expectInvalidField("email");
        caller.post("/v1/campaigns", campaign).expectInvalidField("from.email");
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", from), "to", Map.of("email", "r@example.org"),
                "subject", "S", "text", "T")).expectInvalidField("from.email");
        assertThat(caller.post("/v1/senders", Map.of("email", from)).error().path("details").get(0)
                .path("message").asString()).contains("not a verified sending domain");

        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data();
        String domainId = created.path("id").asString();
        String dkimName = SendingDomainApiTest.record(created, "dkim").path("name").asString();
        dns.txt(domain, SendingDomainApiTest.record(created, "spf").path("value").asString());
        dns.txt(dkimName, SendingDomainApiTest.record(created, "dkim").path("value").asString());
        assertThat(caller.post("/v1/domains/" + domainId + "/verify").expect(200).data().path("status").asString())
                .isEqualTo("verified");

        String sender = caller.post("/v1/senders", Map.of("email", from, "name", "News")).expect(201).data()
                .path("sender").path("id").asString();
        String id = caller.post("/v1/campaigns", Map.of("name", "News", "subject", "S", "html", "<p>H</p>",
                "senderId", sender, "toLists", List.of(list))).expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sent");
        ScriptedSmtpServer.Received mail = relay.received().stream()
                .filter(received -> received.recipient().equals("reader@example.org")).findFirst().orElseThrow();
        assertThat(mail.header("From")).contains(from);
        // Signed with the key made with the domain (the header is folded over several lines).
        assertThat(mail.data()).contains("DKIM-Signature:").contains("d=" + domain + ";").contains("s=crier;");

        // Another workspace can neither claim the verified domain nor send from it.
        Caller other = Api.at(port).newWorkspace();
        other.post("/v1/domains", Map.of("domain", domain)).expectInvalidField("domain");
        assertThat(other.post("/v1/senders", Map.of("email", "ceo@" + domain)).expectInvalidField("email")
                .error().path("details").get(0).path("message").asString()).contains("another workspace");

        // The records go; the daily check, and only it, notices.
        dns.remove(dkimName);
        clock.advance(Duration.ofHours(23));
        recheck.recheckDue();
        assertThat(status(caller, domainId)).isEqualTo("verified");
        clock.advance(Duration.ofHours(2));
        recheck.recheckDue();
        Eventually.await("the daily check", Duration.ofSeconds(10), () -> status(caller, domainId),
                "failed"::equals);
        caller.post("/v1/campaigns", campaign).expectInvalidField("from.email");
        caller.post("/v1/campaigns/" + caller.post("/v1/campaigns", Map.of("name", "Draft", "subject", "S",
                "html", "<p>H</p>", "toLists", List.of(list))).expect(201).data().path("id").asString() + "/send")
                .expectInvalidField("from.email");
    }

    private static String status(Caller caller, String domainId) {
        return caller.get("/v1/domains/" + domainId).expect(200).data().path("status").asString();
    }
}
