package io.crier.campaign;

/** A campaign's counters, from its {@code campaign_stats} row, under AutoSend's names. */
public record CampaignMetrics(long sent, long delivered, long opened, long clicked, long bounced, long unsubscribed,
        long spamReported, long suppressed, long processedCount, long totalContacts, long failedCount) {

    static final CampaignMetrics ZERO = new CampaignMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
