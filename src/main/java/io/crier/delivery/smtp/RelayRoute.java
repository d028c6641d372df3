package io.crier.delivery.smtp;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One routing rule of a workspace: mail of {@code campaignId}, or From {@code senderDomain}, or
 * (neither set) all the workspace's mail goes through {@code pool}. The most specific rule wins.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayRoute(UUID id, String appliesTo, UUID campaignId, String senderDomain, String pool, Instant createdAt) {

    static final String CAMPAIGN = "campaign";
    static final String SENDER_DOMAIN = "senderDomain";
    static final String WORKSPACE = "workspace";

    static RelayRoute of(UUID campaignId, String senderDomain, String pool, Instant now) {
        String appliesTo = campaignId != null ? CAMPAIGN : senderDomain != null ? SENDER_DOMAIN : WORKSPACE;
        return new RelayRoute(UUID.randomUUID(), appliesTo, campaignId,
                senderDomain == null ? null : senderDomain.toLowerCase(Locale.ROOT), pool, now);
    }

    /** One rule per match in a workspace: the key the table keeps unique. */
    String matchKey() {
        return switch (appliesTo) {
            case CAMPAIGN -> "campaign:" + campaignId;
            case SENDER_DOMAIN -> "domain:" + senderDomain;
            default -> WORKSPACE;
        };
    }
}
