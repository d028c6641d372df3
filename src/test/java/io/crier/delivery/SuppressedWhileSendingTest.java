package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.Rounds;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

import tools.jackson.databind.JsonNode;

/**
 * An address suppressed while a campaign still has mail waiting for it (through the API, an
 * unsubscribe link or a hard bounce elsewhere): that mail is withdrawn in every campaign of the
 * workspace (and only that workspace), counted as suppressed, and the campaign still finishes. A gradual campaign sending one message a minute on the test clock keeps
 * the rest waiting. Mail queued for an address its contact has since left is found by that address.
 */
class SuppressedWhileSendingTest extends ClockedEngineCase {

    private static final Map<String, Object> ONE_A_MINUTE = Map.of("sendMode", "gradual",
            "gradual", Map.of("perMinute", 1));

    @Test
    void anAddressSuppressedThroughTheApiGetsNothingMoreFromRunningCampaigns() {
        List<String> emails = addresses("w", 4);
        String withdrawn = emails.get(2);
        String id = startGradual(caller, emails);
        Caller otherWorkspace = Api.at(port).newWorkspace();
        String theirs = startGradual(otherWorkspace, List.of(addresses("o", 1).get(0), withdrawn));
        awaitReceived(emails.get(0));

        caller.post("/v1/suppressions", Map.of("email", withdrawn.toUpperCase())).expect(200);
        finish(caller, id);
        finish(otherWorkspace, theirs);

        assertThat(recipients()).containsAll(List.of(emails.get(0), emails.get(1), emails.get(3)))
                .as("the other workspace's campaign still mails it").containsOnlyOnce(withdrawn);
        assertWithdrawn(caller, id, withdrawn, "manual");
        assertThat(metrics(otherWorkspace, theirs).path("suppressed").asInt()).isZero();
    }

    /**
     * The ledger finds mail by address through the contacts that have or had it: a contact that
     * moved to another address since its mail was queued is found through its former address.
     */
    @Test
    void anAddressItsContactHasLeftStillHasItsQueuedMailWithdrawn() {
        List<String> emails = addresses("m", 3);
        String left = emails.get(1);
        String id = startGradual(caller, emails);
        awaitReceived(emails.get(0));
        caller.patch("/v1/contacts/" + contactId(left), Map.of("email", "moved-" + left)).expect(200);

        caller.post("/v1/suppressions", Map.of("email", left)).expect(200);
        finish(caller, id);

        assertThat(recipients()).containsExactlyInAnyOrder(emails.get(0), emails.get(2));
        assertWithdrawn(caller, id, left, "manual");
    }

    @Test
    void anUnsubscribeFromOneCampaignWithdrawsWhatAnotherStillHadQueued() {
        List<String> emails = addresses("l", 3);
        String leaving = emails.get(1);
        String gradual = startGradual(caller, emails);
        awaitReceived(emails.get(0));
        String other = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(leaving)));
        caller.post("/v1/campaigns/" + other + "/send").expect(200);
        Received message = awaitReceived(leaving);

        String link = message.header("List-Unsubscribe").replaceAll("^<([^>]+)>.*$", "$1");
        Api.at(port).anonymous().raw("POST", ReceivedMail.path(link), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click").expect(200);
        finish(caller, gradual);

        assertThat(recipients()).as("only the other campaign's message").containsOnlyOnce(leaving);
        assertWithdrawn(caller, gradual, leaving, "unsubscribed");
    }

    @Test
    void aHardBounceInOneCampaignWithdrawsWhatAnotherStillHadQueued() {
        List<String> emails = addresses("b", 3);
        String bouncing = emails.get(1);
        String gradual = startGradual(caller, emails);
        awaitReceived(emails.get(0));
        smtp.fail(bouncing, Fault.PERMANENT, 1);
        String other = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(bouncing)));
        caller.post("/v1/campaigns/" + other + "/send").expect(200);
        Eventually.status(caller, other, "sent");

        finish(caller, gradual);

        assertThat(recipients()).as("refused once, never tried again").doesNotContain(bouncing);
        assertWithdrawn(caller, gradual, bouncing, "bounced");
    }

    private String startGradual(Caller owner, List<String> emails) {
        String id = Audiences.campaign(owner, new HashMap<>(ONE_A_MINUTE), Audiences.list(owner, emails));
        owner.post("/v1/campaigns/" + id + "/send").expect(200);
        return id;
    }

    /** Moves the clock a minute at a time until the campaign is sent (bounded: ten minutes). */
    private void finish(Caller owner, String campaignId) {
        for (int minute = 0; minute < 10 && !isSent(owner, campaignId); minute++) {
            clock.advance(Duration.ofMinutes(1));
            rounds.awaitFullRound(Rounds.DISPATCHER);
        }
        Eventually.status(owner, campaignId, "sent");
    }

    private static boolean isSent(Caller owner, String campaignId) {
        return owner.get("/v1/campaigns/" + campaignId).expect(200).data().path("status").asString().equals("sent");
    }

    private void assertWithdrawn(Caller owner, String campaignId, String email, String reason) {
        JsonNode withdrawn = owner.get("/v1/campaigns/" + campaignId + "/deliveries?status=suppressed").expect(200)
                .data().path("deliveries");
        assertThat(withdrawn).hasSize(1);
        assertThat(withdrawn.get(0).path("email").asString()).isEqualTo(email);
        assertThat(withdrawn.get(0).path("lastReply").asString()).contains("suppressed (" + reason + ")");
        assertThat(metrics(owner, campaignId).path("suppressed").asInt()).isEqualTo(1);
    }

    private static JsonNode metrics(Caller owner, String campaignId) {
        return owner.get("/v1/campaigns/" + campaignId).expect(200).data().path("metrics");
    }

    private List<String> recipients() {
        return smtp.received().stream().map(Received::recipient).filter(r -> r.contains(tag)).toList();
    }

    private Received awaitReceived(String email) {
        return Eventually.await(email + " received", Duration.ofSeconds(10),
                () -> smtp.received().stream().filter(r -> r.recipient().equals(email)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
