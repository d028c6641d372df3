package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryReferences;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;

/**
 * Hostile mail to the inbound listener, from a seeded generator ({@link RandomMail}; written without
 * a property-based testing library, as RequestBodyPropertyTest explains): random MIME trees,
 * truncated reports, huge headers. Each message is either refused at the SMTP level with a
 * permanent reply or queued, and each queued one is then processed or parked on its first try: no
 * temporary failure, no retry loop. Each try goes to the return path of a delivery that does not
 * exist, so no delivery of anyone's changes. A failure names its seed; {@code -Dcrier.fuzz.seed}
 * runs that one alone.
 */
@CrierApiTest
class InboundFuzzTest {

    private static final int TRIES = 120;
    private static final Long TRY = Long.getLong("crier.fuzz.seed");
    /** Delivery ids no ledger reaches: references to them verify, and match nothing. */
    private static final long NO_DELIVERY = Long.MAX_VALUE / 2;

    @Autowired
    InboundSmtpServer listener;
    @Autowired
    DeliveryReferences references;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyHostileMessageIsRefusedAtTheDoorOrHandledOnceWithoutA4xxOrALoop() {
        long base = System.nanoTime();
        List<Long> seeds = TRY != null ? List.of(TRY) : new ArrayList<>();
        for (int i = 0; TRY == null && i < TRIES; i++) {
            seeds.add(base + i);
        }
        List<String> queued = new ArrayList<>();
        for (long seed : seeds) {
            String recipient = references.returnPath(NO_DELIVERY + Math.floorMod(seed, 1_000_000_000L), "bounces.crier.test");
            byte[] message = new RandomMail(seed, references).next(NO_DELIVERY);
            try (SmtpClient smtp = new SmtpClient(listener.port())) {
                String reply = smtp.send("", message, recipient);
                assertThat(reply).as("the reply to try %d (%d bytes)", seed, message.length).matches("(250|55\\d) .*");
                if (reply.startsWith("250")) {
                    queued.add(recipient);
                }
            }
        }

        List<Map<String, Object>> handled = Eventually.await("every queued message to be handled", Duration.ofSeconds(60),
                () -> rows(queued), rows -> rows.size() == queued.size()
                        && rows.stream().noneMatch(row -> row.get("state").equals("queued")));
        assertThat(handled).allSatisfy(row -> {
            assertThat(row.get("state")).as("%s", row).isIn("processed", "parked");
            assertThat(row.get("attempts")).as("tries of %s", row).isEqualTo(1);
            assertThat(row.get("delivery")).as("%s", row).isNull();
        });
    }

    private List<Map<String, Object>> rows(List<String> recipients) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int from = 0; from < recipients.size(); from += 50) {
            rows.addAll(jdbc.sql("""
                    select envelope_recipients, state, attempts, reason, delivery_id from inbound_message
                    where envelope_recipients in (:recipients)""")
                    .param("recipients", recipients.subList(from, Math.min(recipients.size(), from + 50)))
                    .query((rs, row) -> {
                        Map<String, Object> values = new java.util.HashMap<>();
                        values.put("to", rs.getString("envelope_recipients"));
                        values.put("state", rs.getString("state"));
                        values.put("attempts", rs.getInt("attempts"));
                        values.put("reason", rs.getString("reason"));
                        values.put("delivery", rs.getObject("delivery_id"));
                        return values;
                    })
                    .list());
        }
        return rows;
    }
}
