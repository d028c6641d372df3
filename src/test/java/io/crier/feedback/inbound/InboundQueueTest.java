package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.DeliveryReferences;
import io.crier.feedback.FeedbackIntake;
import io.crier.feedback.InboundMail;
import io.crier.feedback.InboundMail.Channel;
import io.crier.feedback.InboundMail.Origin;
import io.crier.feedback.forward.ReplyForwards;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.MutableClock;

/** The durable inbound queue and its worker, on each database. */
@CrierApiTest
class InboundQueueTest {

    @Autowired
    InboundMail queue;
    @Autowired
    InboundMessages messages;
    @Autowired
    InboundParser parser;
    @Autowired
    FeedbackIntake intake;
    @Autowired
    ReplyForwards forwards;
    @Autowired
    DeliveryReferences references;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageIsTakenOncePerSourceByItsMessageId() {
        String messageId = "<" + UUID.randomUUID() + "@mx.example>";
        byte[] first = message(messageId, "first");
        UUID workspace = workspace();

        queue.accept(first, new Origin(Channel.SMTP, null, List.of("postmaster@bounces.crier.test")));
        queue.accept(message(messageId, "the same id, sent again"), new Origin(Channel.SMTP, null, List.of("x@y")));
        queue.accept(first, new Origin(Channel.IMAP, workspace, List.of()));

        assertThat(rows(messageId)).extracting(row -> row.get("workspace_id")).containsExactlyInAnyOrder(null, workspace);
        assertThat(rows(messageId)).allSatisfy(row -> assertThat(row.get("size_bytes")).isNotNull());
    }

    @Test
    void aMessageWithoutMessageIdIsTakenOnceByItsBytes() {
        String tag = UUID.randomUUID().toString();
        byte[] raw = ("Subject: no id " + tag + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

        queue.accept(raw, new Origin(Channel.SMTP, null, List.of()));
        queue.accept(raw, new Origin(Channel.SMTP, null, List.of()));
        queue.accept(("Subject: no id " + tag + "\r\n\r\nanother body\r\n").getBytes(StandardCharsets.US_ASCII),
                new Origin(Channel.SMTP, null, List.of()));

        assertThat(jdbc.sql("select count(*) from inbound_message where message_id is null and dedup_key like 'shared sha256 %'"
                        + " and size_bytes in (:sizes)").param("sizes", List.of(raw.length, raw.length + 8))
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEmptyOrOversizedMessageIsRefusedWithTheReason() {
        Origin origin = new Origin(Channel.SMTP, null, List.of());

        assertThatThrownBy(() -> queue.accept(new byte[0], origin)).isInstanceOf(InboundMail.InboundRefused.class)
                .hasMessage("empty message");
        assertThatThrownBy(() -> queue.accept(new byte[10 * 1024 * 1024 + 1], origin))
                .isInstanceOf(InboundMail.InboundRefused.class).hasMessage("message larger than 10485760 bytes");
    }

    @Test
    void theWorkerParksWhatIsNoFeedbackAndIgnoresAutoReplies() {
        String spam = "<" + UUID.randomUUID() + "@spam.example>";
        String vacation = "<" + UUID.randomUUID() + "@recipient.example>";
        queue.accept(message(spam, "Buy now"), new Origin(Channel.SMTP, null, List.of("postmaster@bounces.crier.test")));
        queue.accept(("Message-ID: " + vacation + "\r\nAuto-Submitted: auto-replied\r\nSubject: Away\r\n\r\nAway.\r\n")
                .getBytes(StandardCharsets.US_ASCII), new Origin(Channel.SMTP, null, List.of()));

        Map<String, Object> parked = finished(spam);
        Map<String, Object> ignored = finished(vacation);

        assertThat(parked).containsEntry("state", "parked").containsEntry("attempts", 1);
        assertThat((String) parked.get("reason")).startsWith("neither a bounce");
        assertThat(ignored).containsEntry("state", "processed").containsEntry("kind", "auto-reply");
    }

    @Test
    void aBounceForNoKnownDeliveryIsParkedWithTheIntakesReason() {
        String id = "<" + UUID.randomUUID() + "@mx.example>";
        SampleMail sample = SampleMail.of("rfc3464-hard", Long.MAX_VALUE - 7, references);
        byte[] raw = sample.text().replace(sample.messageId(), id).replaceFirst("Message-Id: <[^>]+>", "Message-Id: " + id)
                .getBytes(StandardCharsets.UTF_8);

        queue.accept(raw, new Origin(Channel.SMTP, null, List.of(sample.returnPath())));

        Map<String, Object> row = finished(id);
        assertThat(row).containsEntry("state", "parked").containsEntry("kind", "bounce");
        assertThat((String) row.get("reason")).isNotBlank();
    }

    /**
     * A worker whose intake fails tries a message {@code crier.inbound.max-attempts} times, each
     * after the back-off, then parks it and never takes it again. It runs on a clock days ahead, on
     * a message queued for then, so the context's own worker does not take it first.
     */
    @Test
    void aMessageWhoseHandlingKeepsFailingIsTriedAFewTimesThenParked() {
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(2)));
        String id = "<" + UUID.randomUUID() + "@mx.example>";
        SampleMail sample = SampleMail.of("arf", 99, references);
        AtomicInteger tries = new AtomicInteger();
        FeedbackIntake failing = (feedback, workspaceId) -> {
            if (!sample.returnPath().equals(feedback.trace().envelopeRecipient())) {
                return intake.accept(feedback, workspaceId);
            }
            tries.incrementAndGet();
            throw new IllegalStateException("the database went away");
        };
        InboundProperties properties = new InboundProperties(org.springframework.util.unit.DataSize.ofMegabytes(10),
                3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(30), null);
        InboundWorker worker = new InboundWorker(messages, parser, failing, forwards, transactions, properties, clock);
        messages.insert("test " + id, sample.text().replace("<arf-report-1@mailbox-provider.example>", id)
                        .getBytes(StandardCharsets.UTF_8),
                new Origin(Channel.SMTP, null, List.of(sample.returnPath())), id, clock.instant());

        for (int round = 0; round < 10; round++) {
            worker.workOnce();
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(tries).hasValue(3);
        Map<String, Object> row = rows(id).getFirst();
        assertThat(row).containsEntry("state", "parked").containsEntry("attempts", 3).containsEntry("kind", "complaint");
        assertThat((String) row.get("reason")).startsWith("gave up after 3 tries: java.lang.IllegalStateException");
    }

    @Test
    void aReportWhoseReasonQuotesANulCharacterIsFinishedOnItsFirstTry() {
        String messageId = "<" + UUID.randomUUID() + "@mx.example>";
        // A report with no failed recipient is finished with a reason that quotes its Action field.
        byte[] report = ("Message-ID: " + messageId + "\r\nFrom: mailer-daemon@mx.example\r\nSubject: report\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nreport\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                + "Final-Recipient: rfc822; someone@example.org\r\nAction: no\u0000ne\r\nStatus: 2.0.0\r\n\r\n--b--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        queue.accept(report, new Origin(Channel.SMTP, null, List.of("postmaster@bounces.crier.test")));

        Map<String, Object> row = finished(messageId);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("reason")).doesNotContain("\u0000");
    }

    private Map<String, Object> finished(String messageId) {
        return Eventually.await("inbound message " + messageId + " to be handled", Duration.ofSeconds(20),
                () -> rows(messageId), rows -> rows.size() == 1 && !"queued".equals(rows.getFirst().get("state")))
                .getFirst();
    }

    private List<Map<String, Object>> rows(String messageId) {
        return jdbc.sql("""
                select workspace_id, state, kind, reason, attempts, size_bytes from inbound_message
                where message_id = :messageId""")
                .param("messageId", messageId)
                .query((rs, row) -> {
                    Map<String, Object> values = new java.util.HashMap<>();
                    values.put("workspace_id", rs.getObject("workspace_id", UUID.class));
                    values.put("state", rs.getString("state"));
                    values.put("kind", rs.getString("kind"));
                    values.put("reason", rs.getString("reason"));
                    values.put("attempts", rs.getInt("attempts"));
                    values.put("size_bytes", rs.getInt("size_bytes"));
                    return values;
                })
                .list();
    }

    private UUID workspace() {
        return jdbc.sql("select id from workspace limit 1").query(UUID.class).single();
    }

    private static byte[] message(String messageId, String body) {
        return ("Message-ID: " + messageId + "\r\nFrom: someone@mx.example\r\nSubject: Hello\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
