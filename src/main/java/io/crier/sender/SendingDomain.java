package io.crier.sender;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sending domain as the API shows it: its status ({@code pending}, {@code verified} or
 * {@code failed}), the records to publish with what the last check found of each, and why it is
 * not verified, if it is not; then how its mail was received: the messages the workspace's campaigns
 * delivered from it, those reported as spam, and their ratio ({@code complaintRate}, 0 to 1).
 */
record SendingDomain(UUID id, String domain, String status, String returnPath, List<Published> records,
        String reason, Instant checkedAt, Instant createdAt, long delivered, long spamReported,
        double complaintRate) {

    static final String PENDING = "pending";
    static final String VERIFIED = "verified";
    static final String FAILED = "failed";

    /** One record to publish; {@code check} is {@code unchecked} until the first verification. */
    record Published(String purpose, String type, String name, String value, boolean required, String check,
            List<String> found, String reason) {
    }

    boolean verified() {
        return VERIFIED.equals(status);
    }
}
