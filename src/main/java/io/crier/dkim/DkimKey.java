package io.crier.dkim;

import java.time.Instant;
import java.util.UUID;

/**
 * A signing key as the API shows it: never the private key, but the DNS TXT record to publish at
 * {@code dnsName}. Keys from the configuration have no id and {@code source} {@code configuration}.
 */
record DkimKey(UUID id, String domain, String selector, String dnsName, String dnsRecord, int bits, String source,
        Instant createdAt) {
}
