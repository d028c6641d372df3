package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * One tenant's large campaign does not hold back another tenant's mail: read from the order in
 * which the relay received the messages, with no timing. A campaign another workspace starts
 * midway is sent alongside, not after, sharing the senders equally once it runs (its start waits
 * for the housekeeper's round); a transactional message goes ahead of both.
 */
class FairDispatchTest extends ClockedEngineCase {

    static final int LARGE = 3_000;
    static final int SMALL = 100;
    /** Claimed rows waiting for the senders, and one message under way per connection: what was already on its way. */
    static final int ALREADY_ON_ITS_WAY = 8 * DeliveryEngine.QUEUED_PER_CONNECTION + 8;

    /**
     * The relay's pace bounds how far the large campaign gets while the other one waits for the
     * housekeeper's round (up to a second): eight connections at 10 ms a message, 800 a second.
     */
    static final long RELAY_MILLIS_PER_MESSAGE = 10;

    @AfterEach
    void relayAtFullSpeedAgain() {
        smtp.delayEachMessage(0);
    }

    @Test
    void anotherTenantsCampaignAndTransactionalMailAreSentAlongsideALargeCampaignNotAfterIt() {
        smtp.delayEachMessage(RELAY_MILLIS_PER_MESSAGE);
        CampaignRun large = CampaignRun.create(caller, smtp, LARGE);
        Caller other = Api.at(port).newWorkspace();
        CampaignRun small = CampaignRun.create(other, smtp, SMALL);
        Caller third = Api.at(port).newWorkspace();
        String receipt = "receipt-" + tag + "@example.org";

        large.control(caller, "send").expect(200);
        large.awaitReceived(mail -> mail.size() >= 200, Duration.ofSeconds(60));
        small.control(other, "send").expect(200);
        third.post("/v1/mails/send", Map.of("from", Map.of("email", "shop-" + tag + "@crier.test"),
                "to", Map.of("email", receipt), "subject", "Your receipt", "text", "Thanks")).expect(201);
        int largeWhenReceiptQueued = large.received().size();
        small.awaitStatus("sent", Duration.ofSeconds(60));

        List<Received> order = smtp.received();
        Set<String> largeRecipients = Set.copyOf(large.emails());
        Set<String> smallRecipients = Set.copyOf(small.emails());
        long largeBeforeReceipt = countBefore(order, indexOf(order, Set.of(receipt), 1), largeRecipients);
        long largeBeforeSmallStarts = countBefore(order, indexOf(order, smallRecipients, 1), largeRecipients);
        long largeBeforeSmallEnds = countBefore(order, indexOf(order, smallRecipients, SMALL), largeRecipients);

        assertThat(largeBeforeReceipt - largeWhenReceiptQueued).as("large campaign's messages ahead of the receipt")
                .isLessThanOrEqualTo(2 * ALREADY_ON_ITS_WAY);
        // Before, the older campaign took every claim until it was done: the small one came after all 3,000.
        assertThat(largeBeforeSmallEnds).as("large campaign's messages before the other tenant's campaign ended")
                .isLessThan(LARGE - 1_000);
        assertThat(largeBeforeSmallEnds - largeBeforeSmallStarts)
                .as("large campaign's messages while the other tenant's %d were sent", SMALL)
                .isLessThanOrEqualTo(SMALL + 2 * ALREADY_ON_ITS_WAY);
        large.control(caller, "abort").expect(200);
    }

    private static long countBefore(List<Received> order, int position, Set<String> recipients) {
        return order.subList(0, position).stream().filter(mail -> recipients.contains(mail.recipient())).count();
    }

    /** The position in the relay's order of the {@code nth} message to one of {@code recipients}. */
    private static int indexOf(List<Received> order, Set<String> recipients, int nth) {
        int seen = 0;
        for (int i = 0; i < order.size(); i++) {
            if (recipients.contains(order.get(i).recipient()) && ++seen == nth) {
                return i;
            }
        }
        throw new AssertionError("only " + seen + " of " + nth + " messages were received");
    }
}
