package io.crier.campaign;

/**
 * A campaign's counters, from its {@code campaign_stats} row, under AutoSend's names, and Crier's
 * tracking figures after them. {@code opened} and {@code clicked} count deliveries whose recipient
 * opened (clicked) at least once; {@code totalOpens} and {@code totalClicks} count every open
 * (click) by a person; {@code machineOpens} and {@code machineClicks} those of prefetchers, proxies
 * and link scanners, which no other figure counts. The rates are {@code opened} and
 * {@code clicked} per delivered message, from 0 to 1. What receivers said afterwards: {@code bounced}
 * counts hard bounces, whether refused during the SMTP conversation or reported later (a message
 * reported later moves from {@code sent} and {@code delivered} to {@code bounced});
 * {@code softBounced} the soft bounces reported; {@code spamReported} complaints and {@code replied}
 * replies, each once per delivery; {@code complaintRate} and {@code replyRate} are those per
 * delivered message.
 */
public record CampaignMetrics(long sent, long delivered, long opened, long clicked, long bounced, long unsubscribed,
        long spamReported, long suppressed, long processedCount, long totalContacts, long failedCount,
        long totalOpens, long totalClicks, long machineOpens, long machineClicks, double openRate, double clickRate,
        long softBounced, long replied, double complaintRate, double replyRate) {

    static final CampaignMetrics ZERO = new CampaignMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0);

    static double rate(long count, long delivered) {
        return delivered == 0 ? 0 : Math.round(10_000.0 * count / delivered) / 10_000.0;
    }
}
