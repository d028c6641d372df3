package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.access.ApiPrincipal;
import io.crier.access.Scope;
import io.crier.campaign.CampaignEnrolments;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * Multi-step campaigns against a clock the test moves: each contact's next step comes its delay
 * after that contact's step before, pause holds every step, abort cancels the steps to come, a
 * bounce ends a contact's sequence, and contacts enrolled into a running campaign begin at step 0.
 */
class MultiStepCampaignTest extends ClockedEngineCase {

    private static final Duration FIRST_DELAY = Duration.ofDays(2);
    private static final Duration SECOND_DELAY = Duration.ofHours(5);

    @Autowired
    CampaignEnrolments enrolments;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachStepComesItsDelayAfterTheStepBeforeAndTheCampaignIsSentAfterTheLastStep() {
        List<String> emails = addresses("m", 3);
        String id = startThreeSteps(emails);
        awaitSent(id, 3);
        assertThat(status(id)).as("steps are still to come").isEqualTo("sending");
        assertThat(deliveries(id, "queued")).isEqualTo(3);

        clock.advance(FIRST_DELAY.minusMinutes(1));
        awaitDispatched(emails);
        assertThat(received(emails)).as("a minute before the first delay ends").hasSize(3);

        clock.advance(Duration.ofMinutes(1));
        awaitSent(id, 6);
        clock.advance(SECOND_DELAY.minusMinutes(1));
        awaitDispatched(emails);
        assertThat(received(emails)).as("a minute before the second delay ends").hasSize(6);

        clock.advance(Duration.ofMinutes(1));
        Reply sent = Eventually.status(caller, id, "sent");
        assertThat(subjectsOf(emails.getFirst(), emails)).containsExactly("Hello Reader0", "Step one for Reader0",
                "Step two for " + emails.getFirst());
        assertThat(received(emails)).hasSize(9).extracting(r -> r.header("Message-ID")).doesNotHaveDuplicates();
        var data = sent.data();
        assertThat(data.path("metrics").path("sent").asInt()).as("messages of every step").isEqualTo(9);
        assertThat(data.path("metrics").path("totalContacts").asInt()).isEqualTo(3);
        assertThat(data.path("steps").path(0).path("sent").asInt()).isEqualTo(3);
        assertThat(data.path("steps").path(1).path("sent").asInt()).isEqualTo(3);
        assertThat(data.path("steps").path(1).path("delayHours").asInt()).isEqualTo(5);
    }

    @Test
    void pauseBetweenStepsHoldsThemAndResumeSendsEachExactlyOnce() {
        List<String> emails = addresses("m", 4);
        String id = startThreeSteps(emails);
        awaitSent(id, 4);

        caller.post("/v1/campaigns/" + id + "/pause").expect(200);
        clock.advance(FIRST_DELAY.plus(SECOND_DELAY).plusHours(1));
        awaitDispatched(emails);
        assertThat(received(emails)).as("nothing is sent while paused").hasSize(4);
        assertThat(deliveries(id, "queued")).as("the next step is held").isEqualTo(4);

        caller.post("/v1/campaigns/" + id + "/resume").expect(200);
        awaitSent(id, 8);
        awaitDispatched(emails);
        assertThat(received(emails)).as("step 2 is due its delay after step 1 was sent, which is now").hasSize(8);

        clock.advance(SECOND_DELAY);
        Eventually.status(caller, id, "sent");
        assertThat(received(emails)).extracting(Received::recipient).hasSize(12);
        for (String email : emails) {
            assertThat(subjectsOf(email, emails)).as("steps of %s", email).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void abortCancelsTheStepsToComeAndQueuesNoMore() {
        List<String> emails = addresses("m", 3);
        String id = startThreeSteps(emails);
        awaitSent(id, 3);

        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
        assertThat(deliveries(id, "cancelled")).isEqualTo(3);
        clock.advance(FIRST_DELAY.plus(SECOND_DELAY).plusHours(1));
        awaitDispatched(emails);
        assertThat(received(emails)).hasSize(3);
        assertThat(deliveries(id, "queued")).isZero();
        assertThat(deliveries(id, null)).as("no step 2 was ever queued").isEqualTo(6);
    }

    @Test
    void aBounceEndsThatContactsSequenceAndTheOthersGoOn() {
        List<String> emails = addresses("m", 3);
        smtp.fail(emails.getFirst(), Fault.PERMANENT, 10);
        String id = startThreeSteps(emails);
        awaitSent(id, 2);

        clock.advance(FIRST_DELAY);
        awaitSent(id, 4);
        clock.advance(SECOND_DELAY);
        Reply sent = Eventually.status(caller, id, "sent");

        assertThat(received(emails)).extracting(Received::recipient).doesNotContain(emails.getFirst()).hasSize(6);
        assertThat(deliveries(id, "bounced")).isEqualTo(1);
        assertThat(deliveries(id, null)).as("the bounced contact got no step after it").isEqualTo(7);
        assertThat(sent.data().path("metrics").path("bounced").asInt()).isEqualTo(1);
    }

    @Test
    void aContactEnrolledIntoARunningCampaignStartsAtStepZeroOnItsOwnClockAndOnlyOnce() {
        List<String> emails = addresses("m", 2);
        String listId = Audiences.list(caller, emails);
        String id = Audiences.campaign(caller, threeSteps(), listId);
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        awaitSent(id, 2);

        clock.advance(Duration.ofHours(6));
        String late = "late-" + tag + "@example.org";
        UUID lateId = UUID.fromString(caller.post("/v1/contacts", Map.of("email", late, "firstName", "Late",
                "listIds", List.of(listId))).expect(201).data().path("id").asString());
        UUID earlyId = UUID.fromString(caller.post("/v1/contacts/email", Map.of("email", emails.getFirst()))
                .expect(200).data().path("id").asString());
        assertThat(enrolments.enrol(sender(), id, List.of(lateId, earlyId)).queued())
                .as("the contact already in the campaign keeps its place").isEqualTo(1);
        List<String> everyone = List.of(emails.get(0), emails.get(1), late);
        awaitSent(id, 3);
        assertThat(enrolments.enrol(sender(), id, List.of(lateId)).queued()).as("enrolled again").isZero();

        clock.advance(FIRST_DELAY.minusHours(6));
        awaitSent(id, 5);
        awaitDispatched(everyone);
        assertThat(subjectsOf(late, everyone)).as("six hours behind the others").containsExactly("Hello Late");

        // Now the late contact's step one is due, and so are the others' step two (their five hours
        // after step one have passed): all three must go before the clock moves on, or a late step
        // one sent after the move would put its step two five hours past the test's clock.
        clock.advance(Duration.ofHours(6));
        awaitSent(id, 8);
        clock.advance(SECOND_DELAY);
        Reply sent = Eventually.status(caller, id, "sent");
        assertThat(received(everyone)).hasSize(9);
        assertThat(subjectsOf(late, everyone)).hasSize(3).doesNotHaveDuplicates();
        assertThat(sent.data().path("metrics").path("totalContacts").asInt()).isEqualTo(3);
    }

    @Test
    void enrollingIntoASentCampaignSendsItAgainForTheNewContactOnly() {
        List<String> emails = addresses("m", 1);
        String listId = Audiences.list(caller, emails);
        String id = Audiences.campaign(caller, Map.of(), listId);
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sent");

        String late = "late-" + tag + "@example.org";
        UUID lateId = UUID.fromString(caller.post("/v1/contacts", Map.of("email", late,
                "listIds", List.of(listId))).expect(201).data().path("id").asString());
        assertThat(enrolments.enrol(sender(), id, List.of(lateId)).queued())
                .isEqualTo(1);
        Eventually.status(caller, id, "sent");
        assertThat(received(List.of(emails.getFirst(), late))).extracting(Received::recipient)
                .containsExactlyInAnyOrder(emails.getFirst(), late);
    }

    /**
     * A contact who leaves the campaign's unsubscribe group while its step is at the relay: that
     * step is on its way (sent), but no next step is queued for them when it is recorded.
     */
    @Test
    void aContactWhoLeavesTheGroupWhileAStepIsUnderWayGetsNoNextStep() {
        String group = caller.post("/v1/suppression-groups", Map.of("name", "Sequence news")).expect(201).data()
                .path("id").asString();
        String leaver = addresses("g", 1).getFirst();
        Map<String, Object> settings = threeSteps();
        settings.put("unsubscribeGroupId", group);
        String id = Audiences.campaign(caller, settings, Audiences.list(caller, List.of(leaver)));
        // Within the relay timeout the test profile sets, so the step is recorded sent, not deferred.
        smtp.stallFor(1_500);
        smtp.fail(leaver, Fault.STALL, 1);
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.await("step 0 claimed", Duration.ofSeconds(15), () -> jdbc.sql(
                "select count(*) from delivery where campaign_id = :id and status = 'claimed'")
                .param("id", UUID.fromString(id)).query(Long.class).single(), n -> n == 1);

        caller.post("/v1/suppression-groups/emails/suppress", Map.of("groupId", group, "emails", List.of(leaver)))
                .expect(200);
        awaitSent(id, 1);
        assertThat(deliveries(id, "queued")).as("no next step for a contact who left the group").isZero();
        Eventually.status(caller, id, "sent");
        clock.advance(FIRST_DELAY.plus(SECOND_DELAY));
        awaitDispatched(List.of(leaver));
        assertThat(received(List.of(leaver))).hasSize(1);
    }

    /** The test's caller as a dialect passes it on: enrolling into a running campaign needs {@code send}. */
    private ApiPrincipal sender() {
        return new ApiPrincipal(UUID.fromString(caller.workspaceId()), UUID.randomUUID(), Set.of(Scope.SEND));
    }

    /** A three-step campaign to these addresses: step 0, then two days later step 1, five hours after it step 2. */
    private String startThreeSteps(List<String> emails) {
        String id = Audiences.campaign(caller, threeSteps(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        return id;
    }

    private static Map<String, Object> threeSteps() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("thresholdPreset", "off");
        settings.put("steps", List.of(
                Map.of("subject", "Step one for {{ firstName }}", "html", "<p>One</p>",
                        "delayDays", (int) FIRST_DELAY.toDays()),
                Map.of("subject", "Step two for {{ email }}", "text", "Two",
                        "delayHours", (int) SECOND_DELAY.toHours())));
        return settings;
    }

    private String status(String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("status").asString();
    }

    private int deliveries(String id, String status) {
        return caller.get("/v1/campaigns/" + id + "/deliveries?limit=1" + (status == null ? "" : "&status=" + status))
                .expect(200).data().path("pagination").path("total").asInt();
    }

    /** The subjects one recipient received, in the order the relay accepted them. */
    private List<String> subjectsOf(String email, List<String> audience) {
        return received(audience).stream().filter(r -> r.recipient().equals(email)).map(r -> r.header("Subject"))
                .toList();
    }

    private List<Received> received(List<String> emails) {
        var mine = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> mine.contains(r.recipient())).toList();
    }

    /**
     * Waits until this many of the campaign's messages are recorded as sent: the next steps are
     * queued from the time of that record, so the clock must not move before it.
     */
    private void awaitSent(String id, int count) {
        Eventually.await(count + " sent", Duration.ofSeconds(15), () -> deliveries(id, "sent"), n -> n >= count);
    }

}
