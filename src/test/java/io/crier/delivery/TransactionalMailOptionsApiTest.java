package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
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
 * {@code POST /v1/mails/send} with AutoSend's options: attachments arrive as MIME parts whose bytes
 * are the ones sent (parsed from what the capture server received) under a DKIM signature that
 * verifies; cc and bcc copies are each a message of their own, recorded, with To and Cc in the
 * headers and Bcc nowhere; bad attachments and too many recipients are 400s naming the field.
 */
@CrierApiTest
class TransactionalMailOptionsApiTest {

    private static final String FROM = "billing@invoices.crier.test";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void attachmentsArriveIntactAsMimePartsAfterTheBodyAndTheSignatureVerifies() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        JsonNode key = caller.post("/v1/dkim-keys", Map.of("domain", "invoices.crier.test", "selector", "s1"))
                .expect(201).data();
        byte[] pdf = new byte[70_000];
        new Random(7).nextBytes(pdf);
        byte[] csv = "id;name\r\n1;Zoë\r\n".getBytes(StandardCharsets.UTF_8);
        String to = unique("payer");
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", FROM), "to", Map.of("email", to),
                "subject", "Invoice", "html", "<p>Attached.</p>", "text", "Attached.",
                "attachments", List.of(
                        Map.of("filename", "invoice 42.pdf", "content", Base64.getEncoder().encodeToString(pdf),
                                "contentType", "application/pdf"),
                        Map.of("fileName", "Übersicht.csv", "content", Base64.getMimeEncoder().encodeToString(csv),
                                "type", "text/csv")))).expect(201);

        String raw = Eventually.await("the invoice received", Duration.ofSeconds(30),
                () -> ReceivedMail.rawByRecipient(caller), mails -> mails.containsKey(to)).get(to);
        Verdict verdict = DkimVerifier.verify(raw.getBytes(StandardCharsets.UTF_8), key.path("dnsName").asString(),
                key.path("dnsRecord").asString());
        assertThat(verdict.valid()).as(verdict.log()).isTrue();

        MimeMessage message = ReceivedMail.parse(raw);
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        Part invoice = mixed.getBodyPart(1);
        assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(invoice.getFileName()).isEqualTo("invoice 42.pdf");
        assertThat(invoice.getContentType()).startsWith("application/pdf");
        assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
        Part overview = mixed.getBodyPart(2);
        assertThat(overview.getContentType()).startsWith("text/csv");
        assertThat(overview.getInputStream().readAllBytes()).isEqualTo(csv);
        assertThat(jdbc.sql("select count(*) from mail_attachment a join delivery d on d.campaign_id = a.campaign_id"
                        + " where d.workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).query(Long.class).single())
                .as("stored with the call, so a retry sends them too").isEqualTo(2);
    }

    @Test
    void ccAndBccCopiesAreEachRecordedAndSentWithToAndCcShownAndBccHidden() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        String to = unique("to");
        String cc1 = unique("cc1");
        String cc2 = unique("cc2");
        String bcc = unique("bcc");
        JsonNode sent = caller.post("/v1/mails/send", Map.of("from", Map.of("email", FROM),
                "to", Map.of("email", to, "name", "Jane Smith"),
                "cc", List.of(Map.of("email", cc1, "name", "CC User 1"), Map.of("email", cc2)),
                "bcc", List.of(Map.of("email", bcc)), "subject", "Hello", "text", "Hi")).expect(201).data();

        assertThat(sent.path("emails").valueStream().map(email -> email.path("email").asString()))
                .containsExactly(to, cc1, cc2, bcc);
        assertThat(jdbc.sql("select email, recipient_type from delivery where campaign_id = :batch")
                .param("batch", UUID.fromString(sent.path("batchId").asString()))
                .query((rs, row) -> rs.getString("email") + "=" + rs.getString("recipient_type")).list())
                .containsExactlyInAnyOrder(to + "=to", cc1 + "=cc", cc2 + "=cc", bcc + "=bcc");
        Map<String, MimeMessage> received = Eventually.await("four copies", Duration.ofSeconds(30),
                () -> ReceivedMail.byRecipient(caller), mails -> mails.size() == 4);
        assertThat(received).containsOnlyKeys(to, cc1, cc2, bcc);
        for (MimeMessage copy : received.values()) {
            assertThat(addresses(copy, Message.RecipientType.TO)).containsExactly(to);
            assertThat(addresses(copy, Message.RecipientType.CC)).containsExactly(cc1, cc2);
            assertThat(copy.getHeader("Bcc")).isNull();
            assertThat(new String(copy.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(bcc);
        }
        assertThat(((InternetAddress) received.get(bcc).getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Jane Smith");
        for (JsonNode email : sent.path("emails")) {
            Eventually.await("each copy tracked as sent", Duration.ofSeconds(30),
                    () -> caller.get("/v1/mails/" + email.path("emailId").asString()).expect(200).data()
                            .path("status").asString(), "sent"::equals);
        }
    }

    @Test
    void badAttachmentsAndTooManyRecipientsAreRefusedNamingTheFieldAndNothingIsSent() {
        Caller caller = Api.at(port).newWorkspace();
        String valid = "\"from\": {\"email\": \"" + FROM + "\"}, \"to\": {\"email\": \"a@example.org\"},"
                + " \"subject\": \"S\", \"text\": \"T\"";
        String good = "{\"filename\": \"a.txt\", \"content\": \"aGVsbG8=\"}";
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [" + good
                + ", {\"filename\": \"b.txt\", \"content\": \"not base64!\"}]}").expectInvalidField("attachments[1].content");
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [{\"filename\": \"setup.exe\","
                + " \"content\": \"aGVsbG8=\"}]}").expectInvalidField("attachments[0].filename");
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [{\"filename\": \"a.bin\","
                + " \"content\": \"aGVsbG8=\", \"contentType\": \"application/x-msdownload\"}]}")
                .expectInvalidField("attachments[0].contentType");
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [{\"filename\": \"a.bin\","
                + " \"content\": \"aGVsbG8=\", \"contentType\": \"not a type\"}]}")
                .expectInvalidField("attachments[0].contentType");
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [{\"content\": \"aGVsbG8=\"}]}")
                .expectInvalidField("attachments[0].filename");
        caller.post("/v1/mails/send", "{" + valid + ", \"attachments\": [" + (good + ",").repeat(10) + good + "]}")
                .expectInvalidField("attachments");
        String fiveMegabytesAndOne = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", FROM), "to", Map.of("email", "a@example.org"),
                "subject", "S", "text", "T", "attachments", List.of(Map.of("filename", "big.bin",
                        "content", fiveMegabytesAndOne)))).expectInvalidField("attachments[0].content");
        String threeAndAHalf = Base64.getEncoder().encodeToString(new byte[3_600_000]);
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", FROM), "to", Map.of("email", "a@example.org"),
                "subject", "S", "text", "T", "attachments", List.of(1, 2, 3).stream().map(i -> Map.of(
                        "filename", i + ".bin", "content", threeAndAHalf)).toList())).expectInvalidField("attachments");

        String fifty = "{\"email\": \"c@example.org\"}, ".repeat(49) + "{\"email\": \"c@example.org\"}";
        caller.post("/v1/mails/send", "{" + valid + ", \"cc\": [" + fifty + "]}").expectInvalidField("cc");
        caller.post("/v1/mails/send", "{" + valid + ", \"bcc\": [{\"email\": \"nope\"}]}").expectInvalidField("bcc[0].email");
        caller.post("/v1/mails/send", "{" + valid + ", \"scheduledAt\": \"tomorrow\"}").expectInvalidField("scheduledAt");
        caller.post("/v1/mails/send", "{" + valid + ", \"categories\": [\"\"]}").expectInvalidField("categories");
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from delivery where workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).query(Long.class).single()).isZero();
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws Exception {
        return java.util.Arrays.stream(message.getRecipients(type)).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
