package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.delivery.fence.CampaignGates;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;

/**
 * A node holds a pause gate per campaign only while the campaign may still send: every
 * transactional call is a hidden campaign of its own, and their gates go once their mail is sent.
 */
class CampaignGatesTest extends ClockedEngineCase {

    private static final int CALLS = 30;

    @Autowired
    CampaignGates gates;

    @Test
    void theGatesOfTransactionalCallsGoOnceTheirMailIsSent() {
        int before = gates.size();

        List<String> mails = IntStream.range(0, CALLS).mapToObj(i -> caller.post("/v1/mails/send", """
                {"from": {"email": "app@crier.test"}, "to": {"email": "gate%d-%s@example.org"}, "subject": "Code",
                 "text": "1234"}""".formatted(i, tag)).expect(201).data().path("emailId").asString()).toList();
        for (String mail : mails) {
            Eventually.await("mail " + mail + " to be sent", Duration.ofSeconds(30),
                    () -> caller.get("/v1/mails/" + mail).expect(200).data().path("status").asString(),
                    "sent"::equals);
        }

        Eventually.await("the gates of " + CALLS + " sent calls to go", Duration.ofSeconds(10), gates::size,
                size -> size <= before);
        assertThat(gates.forSending(UUID.randomUUID()).isOpen())
                .as("a sender meets a closed gate for a campaign this node holds none for").isFalse();
    }
}
