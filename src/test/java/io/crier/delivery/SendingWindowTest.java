package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Reply;

/**
 * A campaign with a sending window, against the test clock: outside the window it waits, still
 * sending and not paused, with a waiting reason, and the engine claims none of its mail; once the
 * clock enters the window it sends. That nothing was sent is shown by a campaign without a window,
 * started after it in the same workspace, being sent in full meanwhile: the dispatcher visits
 * every running campaign on each pass.
 */
class SendingWindowTest extends ClockedEngineCase {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Test
    void outsideItsWindowACampaignWaitsStillSendingAndSendsOnceTheWindowOpens() {
        List<String> windowed = addresses("windowed", 4);
        List<String> unwindowed = addresses("free", 4);
        String waiting = start(windowed, Map.of("sendingWindow", Map.of("from", inHours(2), "to", inHours(3),
                "timezone", "UTC")));
        String free = start(unwindowed, Map.of());

        Eventually.status(caller, free, "sent");
        Reply view = caller.get("/v1/campaigns/" + waiting).expect(200);
        assertThat(view.data().path("status").asString()).isEqualTo("sending");
        assertThat(view.data().path("waitingReason").asString()).startsWith("outside its sending window");
        assertThat(view.data().path("pausedReason").isNull()).isTrue();
        assertThat(view.data().path("sendingWindow").path("from").asString()).isEqualTo(inHours(2));
        assertThat(received(windowed)).isZero();

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        Eventually.status(caller, waiting, "sent");
        assertThat(received(windowed)).isEqualTo(windowed.size());
    }

    @Test
    void aGradualCampaignOutsideItsWindowStaysSendingGradualWithAWaitingReason() {
        String id = start(addresses("gradual", 2), Map.of("sendMode", "gradual", "gradual", Map.of("perMinute", 60),
                "sendingWindow", Map.of("days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
                        "from", inHours(5), "to", inHours(6))));

        Reply view = Eventually.status(caller, id, "sending_gradual");
        assertThat(view.data().path("waitingReason").asString()).contains("sending window");
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    @Test
    void aWindowThatIsNoWindowIsRefusedNamingTheField() {
        String list = Audiences.list(caller, addresses("bad", 1));
        caller.post("/v1/campaigns", body(list, Map.of("from", "9am", "to", "17:00")))
                .expectInvalidField("sendingWindow.from");
        caller.post("/v1/campaigns", body(list, Map.of("from", "09:00", "to", "17:00", "days", List.of("someday"))))
                .expectInvalidField("sendingWindow.days[0]");
        caller.post("/v1/campaigns", body(list, Map.of("from", "09:00", "to", "17:00", "timezone", "Mars/Olympus")))
                .expectInvalidField("sendingWindow.timezone");
        caller.post("/v1/campaigns", body(list, Map.of("from", "09:00", "to", "09:00")))
                .expectInvalidField("sendingWindow.to");
    }

    private static Map<String, Object> body(String list, Map<String, Object> window) {
        return Map.of("name", "Windowed", "subject", "Hi", "from", Map.of("email", "news@crier.test"),
                "html", "<p>Hi</p>", "toLists", List.of(list), "sendingWindow", window);
    }

    private String inHours(int hours) {
        return HH_MM.format(clock.instant().plus(Duration.ofHours(hours)));
    }

    private String start(List<String> emails, Map<String, Object> settings) {
        String id = Audiences.campaign(caller, settings, Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        return id;
    }

    private long received(List<String> emails) {
        return smtp.received().stream().filter(r -> emails.contains(r.recipient())).count();
    }
}
