package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Reply;
import io.crier.support.Rounds;
import io.crier.support.ScriptedSmtpServer.Received;

/** Scheduled campaigns against a clock the test moves: they start when it passes their time, once. */
class ScheduledSendTest extends ClockedEngineCase {

    List<String> emails;

    @BeforeEach
    void setUp() {
        emails = addresses("s", 3);
    }

    @Test
    void aLocalStartTimeIsReadInTheCampaignsTimezoneAndTheCampaignStartsOnceWhenTheClockPassesIt() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant startAt = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String wallClock = LocalDateTime.ofInstant(startAt, newYork).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        String id = Audiences.campaign(caller, Map.of("sendMode", "scheduled", "scheduledAt", wallClock,
                "timezone", newYork.getId()), Audiences.list(caller, emails));

        Reply scheduled = caller.post("/v1/campaigns/" + id + "/send").expect(200);
        assertThat(scheduled.data().path("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(scheduled.data().path("scheduledAt").asString())).isEqualTo(startAt);

        clock.advanceTo(startAt.minusSeconds(1));
        awaitHousekeeping();
        assertThat(status(id)).isEqualTo("scheduled");
        assertThat(received()).isEmpty();

        clock.advanceTo(startAt);
        Reply sent = Eventually.status(caller, id, "sent");
        assertThat(received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(sent.data().path("metrics").path("totalContacts").asInt()).isEqualTo(emails.size());
    }

    @Test
    void aPausedScheduledCampaignDoesNotStartAndResumingBeforeItsTimeSchedulesItAgain() {
        Instant startAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String id = Audiences.campaign(caller, Map.of("sendMode", "scheduled", "scheduledAt", startAt.toString(),
                "timezone", "Asia/Tokyo"), Audiences.list(caller, emails));
        Reply scheduled = caller.post("/v1/campaigns/" + id + "/send").expect(200);
        assertThat(Instant.parse(scheduled.data().path("scheduledAt").asString()))
                .as("an instant is not shifted by the timezone").isEqualTo(startAt);

        assertThat(control(id, "pause")).isEqualTo("paused");
        assertThat(control(id, "resume")).as("its time has not come").isEqualTo("scheduled");
        assertThat(control(id, "pause")).isEqualTo("paused");
        clock.advanceTo(startAt.plus(Duration.ofHours(1)));
        awaitHousekeeping();
        assertThat(status(id)).isEqualTo("paused");
        assertThat(received()).isEmpty();

        assertThat(control(id, "resume")).as("it has not started yet").isEqualTo("scheduled");
        Eventually.status(caller, id, "sent");
        assertThat(received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
    }

    /** A full housekeeper round on the clock as it stands: a campaign that was due would have been started. */
    private void awaitHousekeeping() {
        rounds.awaitFullRound(Rounds.HOUSEKEEPER);
    }

    private String control(String id, String verb) {
        return caller.post("/v1/campaigns/" + id + "/" + verb).expect(200).data().path("status").asString();
    }

    private String status(String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("status").asString();
    }

    private List<Received> received() {
        var mine = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> mine.contains(r.recipient())).toList();
    }
}
