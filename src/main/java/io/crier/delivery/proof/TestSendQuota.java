package io.crier.delivery.proof;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.RateLimitedException;

/**
 * Each workspace's test messages per UTC day, counted in the database so every node shares the
 * count: a test send takes its messages from the day's quota before any is sent, and one that does
 * not fit sends nothing (429 until the next UTC day).
 */
@Component
class TestSendQuota {

    /** @param testSendsPerDay test messages one workspace may send per UTC day */
    @ConfigurationProperties("crier.delivery")
    record Settings(@DefaultValue("200") int testSendsPerDay) {
    }

    private final Settings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    TestSendQuota(Settings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes {@code messages} from the workspace's quota of today, or throws the 429 and takes nothing. */
    @Transactional
    void take(UUID workspaceId, int messages) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean firstToday = jdbc.sql("""
                insert into test_send_count (workspace_id, sent_on, sent) values (:workspaceId, :day, 0)
                on conflict do nothing""")
                .param("workspaceId", workspaceId)
                .param("day", today)
                .update() == 1;
        if (firstToday) {
            jdbc.sql("delete from test_send_count where workspace_id = :workspaceId and sent_on < :day")
                    .param("workspaceId", workspaceId)
                    .param("day", today)
                    .update();
        }
        boolean taken = jdbc.sql("""
                update test_send_count set sent = sent + :messages
                where workspace_id = :workspaceId and sent_on = :day and sent + :messages <= :quota""")
                .param("messages", messages)
                .param("workspaceId", workspaceId)
                .param("day", today)
                .param("quota", settings.testSendsPerDay())
                .update() == 1;
        if (!taken) {
            Duration untilTomorrow = Duration.between(clock.instant(),
                    today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            throw RateLimitedException.after("This workspace's daily quota of " + settings.testSendsPerDay()
                    + " test messages (crier.delivery.test-sends-per-day) is used up", untilTomorrow.toNanos());
        }
    }
}
