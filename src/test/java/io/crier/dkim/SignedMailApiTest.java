package io.crier.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.DkimVerifier;
import io.crier.support.DkimVerifier.Verdict;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;

import tools.jackson.databind.JsonNode;

/**
 * Mail as it arrives over SMTP at the capture server, from a campaign, its test send and a
 * transactional call: signed with the workspace's key for the From domain, and verified by
 * dkimpy with the DNS record the API shows.
 */
@CrierApiTest
class SignedMailApiTest {

    private static final String LONG_LINE = "Eine lange Zeile über Neuigkeiten, Termine und Ärger ".repeat(8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void campaignTestAndTransactionalMailArriveSignedAndPersonalizedAndVerify() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        JsonNode key = caller.post("/v1/dkim-keys", Map.of("domain", "news.crier.test", "selector", "s2026"))
                .expect(201).data();
        assertThat(jdbc.sql("select private_key from dkim_key where id = :id").param("id",
                UUID.fromString(key.path("id").asString())).query(String.class).single()).as("sealed at rest")
                .startsWith("crier:v1:").doesNotContain("PRIVATE KEY");
        String list = caller.post("/v1/lists", Map.of("name", "Readers")).expect(201).data().path("id").asString();
        caller.post("/v1/contacts/bulk", Map.of("listIds", List.of(list), "contacts", List.of(
                Map.of("email", "zoe@example.org", "firstName", "Zoë", "lastName", "Ñandú-Øster"),
                Map.of("email", "li@example.org", "firstName", "李", "lastName", "小龙")))).expect(200);
        String campaign = caller.post("/v1/campaigns", Map.of("name", "Signed", "toLists", List.of(list),
                "from", Map.of("email", "news@news.crier.test", "name", "Crièr Nöws"),
                "subject", "Grüße, {{ firstName }} – Neuigkeiten ✓",
                "html", "<p>Hallo {{ firstName }},</p><p>" + LONG_LINE + "</p>",
                "text", "Hallo {{ firstName }},   \n\n" + LONG_LINE + "  \n\n\n\n")).expect(201).data().path("id")
                .asString();

        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", List.of("proof@example.org")))
                .expect(200);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "alerts@News.Crier.Test", "name", "Ålerts"),
                "to", Map.of("email", "tess@example.org", "name", "Tëss Ünger"), "subject", "Ihr Kennwort, {{ name }}",
                "text", "Hallo {{ name }}\t \n\n", "dynamicData", Map.of("name", "Tëss"))).expect(201);
        Map<String, String> received = received(caller, 4);

        for (Map.Entry<String, String> mail : received.entrySet()) {
            Verdict verdict = verify(mail.getValue(), key);
            assertThat(verdict.valid()).as("%s: %s", mail.getKey(), verdict.log()).isTrue();
            assertThat(mail.getValue()).contains("\nDKIM-Signature: ").contains("d=news.crier.test", "s=s2026");
        }
        assertThat(subject(received.get("zoe@example.org"))).isEqualTo("Grüße, Zoë – Neuigkeiten ✓");
        assertThat(subject(received.get("li@example.org"))).isEqualTo("Grüße, 李 – Neuigkeiten ✓");
        assertThat(((InternetAddress) ReceivedMail.parse(received.get("li@example.org")).getRecipients(
                Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("李 小龙");
        assertThat(((InternetAddress) ReceivedMail.parse(received.get("zoe@example.org")).getFrom()[0])
                .getPersonal()).isEqualTo("Crièr Nöws");
        assertThat(subject(received.get("tess@example.org"))).isEqualTo("Ihr Kennwort, Tëss");

        // One byte of the body changed on the way, and the signature no longer holds.
        String zoe = received.get("zoe@example.org");
        int body = zoe.indexOf("Hallo Zo");
        Verdict altered = verify(zoe.substring(0, body) + "J" + zoe.substring(body + 1), key);
        assertThat(altered.valid()).isFalse();
        assertThat(altered.log()).contains("body hash mismatch");
    }

    @Test
    void mailFromADomainWithoutAKeyAndMailAfterTheKeyIsDeletedGoesUnsigned() {
        Caller caller = Api.at(port).newWorkspace();
        String id = caller.post("/v1/dkim-keys", Map.of("domain", "signed.crier.test", "selector", "s1")).expect(201)
                .data().path("id").asString();
        Caller other = Api.at(port).newWorkspace();

        send(caller, "a@signed.crier.test", "first@example.org");
        send(caller, "a@unsigned.crier.test", "second@example.org");
        send(other, "a@signed.crier.test", "third@example.org");
        assertThat(received(caller, 2).get("first@example.org")).contains("DKIM-Signature:");
        assertThat(received(caller, 2).get("second@example.org")).doesNotContain("DKIM-Signature");
        assertThat(received(other, 1).get("third@example.org")).doesNotContain("DKIM-Signature");

        caller.delete("/v1/dkim-keys/" + id).expect(200);
        send(caller, "a@signed.crier.test", "fourth@example.org");
        assertThat(received(caller, 3).get("fourth@example.org")).doesNotContain("DKIM-Signature");
    }

    private static void send(Caller caller, String from, String to) {
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", from), "to", Map.of("email", to),
                "subject", "Hi", "text", "Hi")).expect(201);
    }

    private static Map<String, String> received(Caller caller, int count) {
        return Eventually.await(count + " messages in the dev inbox", Duration.ofSeconds(30),
                () -> ReceivedMail.rawByRecipient(caller), messages -> messages.size() >= count);
    }

    private static Verdict verify(String raw, JsonNode key) {
        return DkimVerifier.verify(raw.getBytes(StandardCharsets.UTF_8), key.path("dnsName").asString(),
                key.path("dnsRecord").asString());
    }

    private static String subject(String raw) throws Exception {
        MimeMessage message = ReceivedMail.parse(raw);
        return message.getSubject();
    }
}
