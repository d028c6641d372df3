package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.DkimVerifier;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.TestDnsServer;
import io.crier.support.VerifyingRelayTest;

import tools.jackson.databind.JsonNode;

/**
 * Return paths Crier can read, over a real SMTP conversation: each delivery's MAIL FROM, Message-ID
 * and mailto unsubscribe address carry its sealed token and lead back to it; the return path is on
 * the sending domain's own {@code bounces.<domain>} once its MX record is published and checked,
 * on the installation's bounce domain before; campaign mail carries Gmail's Feedback-ID, and the
 * DKIM signature, which covers it, still verifies. A test send has no delivery: it keeps its From
 * address as return path.
 */
@VerifyingRelayTest
class ReturnPathTest {

    private static final Pattern MAILTO = Pattern.compile("<mailto:([^?>]+)\\?subject=unsubscribe>");

    @LocalServerPort
    int port;

    @Autowired
    TestDnsServer dns;

    @Autowired
    ScriptedSmtpServer relay;

    @Autowired
    DeliveryReferences references;

    @Autowired
    JdbcClient jdbc;

    @Test
    void mailFromADomainWithItsReturnPathPublishedBouncesToItsOwnReturnPathWithTokensThatLeadBack() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "rp" + tag + ".example.net";
        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data();
        JsonNode dkim = record(created, "dkim");
        dns.txt(domain, record(created, "spf").path("value").asString());
        dns.txt(dkim.path("name").asString(), dkim.path("value").asString());
        dns.mx(record(created, "return-path-mx").path("name").asString(), 10,
                record(created, "return-path-mx").path("value").asString());
        JsonNode verified = caller.post("/v1/domains/" + created.path("id").asString() + "/verify").expect(200)
                .data();
        assertThat(record(verified, "return-path-mx").path("check").asString()).isEqualTo("pass");

        List<String> readers = List.of("a-" + tag + "@example.org", "b-" + tag + "@example.org");
        String campaign = Audiences.campaign(caller, Map.of("from", Map.of("email", "news@" + domain)),
                Audiences.list(caller, readers));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        String alerted = "t-" + tag + "@example.org";
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "alerts@" + domain), "to",
                Map.of("email", alerted), "subject", "Your code", "text", "1234")).expect(201);
        String proof = "proof-" + tag + "@example.org";
        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", List.of(proof))).expect(200);

        String ownReturnPath = "bounces." + domain;
        UUID workspace = jdbc.sql("select workspace_id from campaign where id = :id")
                .param("id", UUID.fromString(campaign)).query(UUID.class).single();
        for (String reader : readers) {
            Received mail = receivedBy(reader);
            long delivery = deliveryOf(reader);
            assertLeadsBack(mail, delivery, ownReturnPath, domain);
            assertThat(references.read(unsubscribeMailbox(mail)))
                    .hasValue(new Reference(Kind.UNSUBSCRIBE, delivery));
            assertThat(unsubscribeMailbox(mail)).endsWith("@" + ownReturnPath);
            assertThat(mail.header("Feedback-ID")).isEqualTo(campaign + ":" + workspace + ":campaign:crier");
            DkimVerifier.Verdict verdict = DkimVerifier.verify(mail.data().getBytes(StandardCharsets.UTF_8),
                    dkim.path("name").asString(), dkim.path("value").asString());
            assertThat(verdict.valid()).as(verdict.log()).isTrue();
            assertThat(signedHeaders(mail)).contains("feedback-id");
        }
        Received transactional = receivedBy(alerted);
        assertLeadsBack(transactional, deliveryOf(alerted), ownReturnPath, domain);
        assertThat(transactional.header("Feedback-ID")).isNull();

        Received test = receivedBy(proof);
        assertThat(test.envelopeFrom()).isEqualTo("news@" + domain);
        assertThat(references.read(test.header("Message-ID"))).isEmpty();
    }

    @Test
    void mailFromADomainWithoutItsReturnPathRecordBouncesToTheInstallationsBounceDomain() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "nr" + tag + ".example.net";
        JsonNode created = caller.post("/v1/domains", Map.of("domain", domain)).expect(201).data();
        dns.txt(domain, record(created, "spf").path("value").asString());
        dns.txt(record(created, "dkim").path("name").asString(), record(created, "dkim").path("value").asString());
        JsonNode verified = caller.post("/v1/domains/" + created.path("id").asString() + "/verify").expect(200)
                .data();
        assertThat(verified.path("status").asString()).isEqualTo("verified");
        assertThat(record(verified, "return-path-mx").path("check").asString()).isEqualTo("missing");

        String reader = "r-" + tag + "@example.org";
        String campaign = Audiences.campaign(caller, Map.of("from", Map.of("email", "news@" + domain),
                "replyTo", "desk@" + domain), Audiences.list(caller, List.of(reader)));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);

        Received mail = receivedBy(reader);
        long delivery = deliveryOf(reader);
        assertLeadsBack(mail, delivery, VerifyingRelayTest.BOUNCE_DOMAIN, domain);
        assertThat(references.read(unsubscribeMailbox(mail))).hasValue(new Reference(Kind.UNSUBSCRIBE, delivery));
        assertThat(unsubscribeMailbox(mail)).endsWith("@" + VerifyingRelayTest.BOUNCE_DOMAIN);
        assertThat(mail.header("Reply-To")).isEqualTo("desk@" + domain);
    }

    private void assertLeadsBack(Received mail, long delivery, String returnPathDomain, String fromDomain) {
        assertThat(mail.envelopeFrom()).matches("b-[0-9a-f]{48}@" + Pattern.quote(returnPathDomain));
        assertThat(references.read(mail.envelopeFrom())).hasValue(new Reference(Kind.RETURN_PATH, delivery));
        assertThat(mail.header("Message-ID")).endsWith("@" + fromDomain + ">");
        assertThat(references.read(mail.header("Message-ID"))).hasValue(new Reference(Kind.MESSAGE_ID, delivery));
        assertThat(mail.header("From")).contains("@" + fromDomain);
    }

    private Received receivedBy(String recipient) {
        return Eventually.await("mail to " + recipient, Duration.ofSeconds(30),
                () -> relay.received().stream().filter(r -> r.recipient().equals(recipient)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private long deliveryOf(String email) {
        return jdbc.sql("select id from delivery where email = :email").param("email", email).query(Long.class)
                .single();
    }

    /** The address of the List-Unsubscribe mailto, its header folded over two lines. */
    private static String unsubscribeMailbox(Received mail) {
        Matcher mailto = MAILTO.matcher(mail.data());
        assertThat(mailto.find()).as("a mailto unsubscribe in %s", mail.data()).isTrue();
        return mailto.group(1);
    }

    /** The h= tag of the DKIM-Signature field, unfolded. */
    private static String signedHeaders(Received mail) {
        String data = mail.data().replace("\r\n ", " ").replace("\r\n\t", " ");
        Matcher h = Pattern.compile("DKIM-Signature:.*?\\bh=([^;]+);").matcher(data);
        assertThat(h.find()).isTrue();
        return h.group(1).replaceAll("\\s", "");
    }

    private static JsonNode record(JsonNode domain, String purpose) {
        return domain.path("records").valueStream().filter(r -> r.path("purpose").asString().equals(purpose))
                .findFirst().orElseThrow();
    }
}
