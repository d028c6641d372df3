package io.crier.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that records an open or a click (for webhooks and the like).
 *
 * @param click   a click; otherwise an open
 * @param url     the clicked link's address; null for an open
 * @param machine made by a prefetcher, proxy or link scanner rather than a person (see {@code Machines})
 */
public record EmailEngaged(UUID workspaceId, UUID campaignId, long deliveryId, UUID contactId, String email,
        int step, boolean click, String url, boolean machine, String userAgent, Instant at) {
}
