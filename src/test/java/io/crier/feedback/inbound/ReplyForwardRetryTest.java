package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.shared.Timestamps;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.ClockedEngineTest;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * A forwarded reply the relay does not take now is tried again once its wait has passed on the
 * clock, and delivered then; one the relay refuses for good is parked with the relay's reply.
 */
class ReplyForwardRetryTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    InboundSmtpServer listener;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aForwardTheRelayRefusesForNowIsTriedAgainAfterItsWaitAndDelivered() {
        String desk = "desk-" + tag + "@example.org";
        Received sent = sentTo(addresses("reader", 1).getFirst(), desk);
        String replyAddress = sent.header("Reply-To");
        assertThat(replyAddress).endsWith("@" + ClockedEngineTest.REPLY_DOMAIN);
        smtp.fail(desk, Fault.TEMPORARY, 1);
        Instant repliedAt = clock.instant();

        deliver(replyAddress, sent);

        Map<String, Object> deferred = Eventually.await("the first try", WAIT, () -> forward(replyAddress),
                row -> (int) row.get("attempts") == 1);
        assertThat(deferred).containsEntry("state", "queued");
        assertThat((String) deferred.get("reason")).contains("451");
        assertThat((Instant) deferred.get("notBefore")).isEqualTo(repliedAt.plus(Duration.ofMinutes(1)));
        assertThat(receivedBy(desk)).isEmpty();

        clock.advance(Duration.ofMinutes(1));

        Received forwarded = Eventually.await("the forward", WAIT, () -> receivedBy(desk), Optional::isPresent)
                .orElseThrow();
        assertThat(forwarded.header("X-Crier-Forwarded-For")).isEqualTo(replyAddress);
        assertThat(forwarded.header("In-Reply-To")).isEqualTo(sent.header("Message-ID"));
        assertThat(Eventually.await("the forward recorded", WAIT, () -> forward(replyAddress),
                row -> row.get("state").equals("sent"))).containsEntry("attempts", 2);
    }

    @Test
    void aForwardTheRelayRefusesForGoodIsParkedWithItsReply() {
        String desk = "gone-" + tag + "@example.org";
        Received sent = sentTo(addresses("reader", 1).getFirst(), desk);
        String replyAddress = sent.header("Reply-To");
        smtp.fail(desk, Fault.PERMANENT, 1);

        deliver(replyAddress, sent);

        Map<String, Object> parked = Eventually.await("the forward parked", WAIT, () -> forward(replyAddress),
                row -> row.get("state").equals("parked"));
        assertThat((String) parked.get("reason")).startsWith("refused by the relay: ").contains("550");
        assertThat(parked).containsEntry("attempts", 1);
    }

    /** The message a campaign tracking replies, with {@code replyTo}, sent to {@code reader}. */
    private Received sentTo(String reader, String replyTo) {
        String campaign = Audiences.campaign(caller, Map.of("replyTo", replyTo, "trackReplies", true),
                Audiences.list(caller, List.of(reader)));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        return Eventually.await("the campaign's message", WAIT, () -> receivedBy(reader), Optional::isPresent)
                .orElseThrow();
    }

    private void deliver(String replyAddress, Received answered) {
        byte[] reply = ("From: Reader <" + answered.recipient() + ">\r\nTo: " + replyAddress
                + "\r\nSubject: Re: Hello\r\nMessage-ID: <" + tag + "@mail.example.org>\r\nIn-Reply-To: "
                + answered.header("Message-ID") + "\r\n\r\nYes, please call me.\r\n").getBytes(StandardCharsets.UTF_8);
        try (SmtpClient client = new SmtpClient(listener.port())) {
            assertThat(client.send("", reply, replyAddress)).startsWith("250");
        }
    }

    private Optional<Received> receivedBy(String recipient) {
        return smtp.received().stream().filter(r -> r.recipient().equals(recipient)).findFirst();
    }

    private Map<String, Object> forward(String replyAddress) {
        return jdbc.sql("select state, attempts, reason, not_before from reply_forward where forwarded_for = :address")
                .param("address", replyAddress)
                .query((rs, row) -> Map.<String, Object>of("state", rs.getString("state"),
                        "attempts", rs.getInt("attempts"), "reason", String.valueOf(rs.getString("reason")),
                        "notBefore", Timestamps.read(rs, "not_before")))
                .optional().orElse(Map.of("state", "none", "attempts", 0));
    }
}
