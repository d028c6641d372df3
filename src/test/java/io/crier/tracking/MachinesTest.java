package io.crier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which opens and clicks are machines', a minute after the message was sent unless said otherwise. */
class MachinesTest {

    private static final Instant SENT = Instant.parse("2026-11-23T10:00:00Z");
    private final Machines machines = new Machines(Duration.ofSeconds(2));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Outlook desktop loading images | Mozilla/4.0 (compatible; ms-office; MSOffice 16) | false",
            "Gmail's image proxy | Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy) | false",
            "a browser | Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 | false",
            "Apple Mail Privacy Protection | Mozilla/5.0 | true",
            "a security gateway | Mozilla/5.0 (compatible; Barracuda Sentinel) | true",
            "an HTTP library | python-requests/2.31.0 | true",
            "a headless browser | Mozilla/5.0 HeadlessChrome/120.0 | true"})
    void userAgentsTellMachinesFromPeople(String who, String userAgent, boolean machine) {
        assertThat(machines.isMachine(userAgent, false, SENT, SENT.plusSeconds(60))).as(who).isEqualTo(machine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no User-Agent | | false | 60000",
            "a HEAD request | Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 | true | 60000",
            "within two seconds of sending | Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 | false | 1500"})
    void requestsNoPersonMakesAreMachines(String what, String userAgent, boolean head, long millisAfterSending) {
        assertThat(machines.isMachine(userAgent, head, SENT, SENT.plusMillis(millisAfterSending))).as(what).isTrue();
    }

    @Test
    void anEventBeforeItsSendIsRecordedIsAMachines() {
        assertThat(machines.isMachine("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", false, null, SENT)).isTrue();
    }
}
