package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.ClockedEngineCase;

/**
 * The inbound listener's {@code crier.inbound.smtp.max-session-time} (5 minutes), on the test
 * clock: a client still connected once it has passed is told 421 and cut off, whatever it does.
 */
class InboundSessionLimitTest extends ClockedEngineCase {

    @Autowired
    InboundSmtpServer listener;

    @Test
    void aClientStillConnectedAfterTheMaxSessionTimeIsTold421AndCutOff() {
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.command("EHLO tester.example")).startsWith("250");
            clock.advance(Duration.ofMinutes(4));
            assertThat(smtp.command("NOOP")).startsWith("250");

            clock.advance(Duration.ofMinutes(1));

            assertThat(smtp.reply()).startsWith("421 4.4.2");
            assertThat(smtp.reply()).startsWith("closed");
        }
    }
}
