package io.crier.support;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link ClockedEngineCase} whose webhooks go to a receiver on loopback, one per test class. Each
 * test first moves the clock a day ahead: on PostgreSQL other test contexts share the database on
 * the real clock, so only this context's node finds this test's sends and webhook deliveries due.
 */
public abstract class WebhookEngineCase extends ClockedEngineCase {

    protected static WebhookReceiver receiver;

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
}
