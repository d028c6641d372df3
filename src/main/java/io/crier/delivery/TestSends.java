package io.crier.delivery;

import java.util.List;
import java.util.UUID;

import io.crier.content.MessageContent;

/**
 * Test sends of a message that is no campaign's (a dialect's template test send), through the same
 * path as a campaign's test send: personalized as the workspace's contact of each address where
 * there is one, suppressed addresses skipped, the rest taken from the workspace's daily test quota.
 */
public interface TestSends {

    /** The most addresses one test send takes. */
    int MAX_ADDRESSES = 10;

    /** What happened to one address of a test send: {@code sent}, {@code bounced}, {@code deferred} or {@code suppressed}. */
    record TestResult(String email, String status, String reply) {
    }

    /**
     * Sends {@code content} (its sender required) to each address, one result per distinct address
     * in the order given. Invalid addresses are a 400 naming {@code emails[i]}, none a 400 naming
     * {@code emails}; a call that does not fit the day's quota sends nothing (429).
     */
    List<TestResult> send(UUID workspaceId, MessageContent content, List<String> emails);
}
