package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class FailureStreakTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(FailureStreakTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();
    private final FailureStreak streak = new FailureStreak(logger, Level.WARN, "Control poll", nanos::get);

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void aStreakOfFailuresWritesItsFirstInFullThenOneLineAMinuteThenOneWhenItEnds() {
        IllegalStateException down = new IllegalStateException("database closed");
        for (int round = 0; round < 3_001; round++) {
            streak.failed(down);
            nanos.addAndGet(Duration.ofMillis(20).toNanos());
        }
        streak.succeeded();
        streak.succeeded();

        assertThat(messages()).containsExactly(
                "Control poll failed; retrying",
                "Control poll still failing: 3000 more failed rounds in 60 s; the last: "
                        + "java.lang.IllegalStateException: database closed",
                "Control poll works again after 3001 failed rounds in 60 s");
        assertThat(lines.list.getFirst().getThrowableProxy().getMessage()).isEqualTo("database closed");
        assertThat(lines.list.getFirst().getLevel()).hasToString("WARN");
    }

    @Test
    void aFailureAfterARecoveryStartsANewStreakLoggedInFull() {
        streak.failed(new IllegalStateException("first"));
        streak.succeeded();
        streak.failed(new IllegalStateException("second"));

        assertThat(messages()).containsExactly("Control poll failed; retrying",
                "Control poll works again after 1 failed rounds in 0 s", "Control poll failed; retrying");
        assertThat(lines.list.getLast().getThrowableProxy().getMessage()).isEqualTo("second");
    }

    @Test
    void roundsThatWorkSayNothing() {
        streak.succeeded();
        streak.succeeded();

        assertThat(lines.list).isEmpty();
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
