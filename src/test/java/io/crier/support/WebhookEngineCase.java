package io.crier.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link ClockedEngineCase} whose webhooks go to a receiver on loopback, one per test class. Each
 * test first moves the clock a day ahead: on PostgreSQL other test contexts share the database on
 * the real clock, so only this context's node finds this test's sends and webhook deliveries due.
 */
public abstract class WebhookEngineCase extends ClockedEngineCase {

    protected static WebhookReceiver receiver;

    @Autowired
    private JdbcClient outbox;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void aDayAheadOfOtherContexts() {
        clock.advance(Duration.ofDays(1));
    }

    /**
     * Returns once the webhook dispatcher has made a full round after this call and no call of these
     * workspaces is under way (each answered and recorded, or given back): what their receivers have
     * got is then all they get until the clock moves or another event is written.
     */
    protected void awaitWebhooksDispatched(String... workspaceIds) {
        rounds.awaitFullRound(Rounds.WEBHOOKS);
        var workspaces = Arrays.stream(workspaceIds).map(UUID::fromString).toList();
        Eventually.await("no webhook call under way", Duration.ofSeconds(30),
                () -> outbox.sql("select count(*) from webhook_delivery where lease_owner is not null"
                        + " and workspace_id in (:workspaces)").param("workspaces", workspaces)
                        .query(Long.class).single(),
                underWay -> underWay == 0);
    }
}
