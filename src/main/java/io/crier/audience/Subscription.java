package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

/** A contact's membership of one list as the API shows it: its status there and since when. */
public record Subscription(UUID listId, SubscriptionStatus status, Instant since) {
}
