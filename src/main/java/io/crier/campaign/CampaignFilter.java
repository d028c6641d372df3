package io.crier.campaign;

import java.time.Instant;
import java.util.Set;

/**
 * Which of a workspace's campaigns a search returns; every null property leaves its filter out.
 *
 * @param nameContains    text the name contains, ignoring case
 * @param createdAfter    created strictly after
 * @param createdBefore   created strictly before
 * @param startsFrom      starting (its {@code scheduledAt}) at or after
 * @param unstartedToo    with {@code startsFrom}, also campaigns with no start time yet
 * @param startsBefore    starting strictly before (a campaign with no start time never does)
 * @param statuses        in one of these statuses; empty matches nothing
 */
public record CampaignFilter(String nameContains, Instant createdAfter, Instant createdBefore, Instant startsFrom,
        boolean unstartedToo, Instant startsBefore, Set<CampaignStatus> statuses, Boolean archived) {
}
