package io.crier.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignCounters.Complaints;
import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.CampaignRef;

/**
 * Pauses a sending campaign whose complaint rate (complaints per delivered message) rises above
 * {@code crier.feedback.complaint-pause-rate} once it has delivered
 * {@code complaint-pause-min-sample} messages, as the bounce guard does for bounces: mailbox
 * providers start filtering a sender above about 0.3 %. Judged after each complaint commits; a
 * campaign that is not sending (paused, sent) is left as it is. A campaign resumed knowingly is
 * paused again by its next complaint while its rate stays above.
 */
@Component
class ComplaintGuard {

    private static final Logger log = LoggerFactory.getLogger(ComplaintGuard.class);

    private final CampaignCounters counters;
    private final CampaignLaunches campaigns;
    private final FeedbackProperties properties;

    ComplaintGuard(CampaignCounters counters, CampaignLaunches campaigns, FeedbackProperties properties) {
        this.counters = counters;
        this.campaigns = campaigns;
        this.properties = properties;
    }

    void judge(UUID workspaceId, UUID campaignId) {
        Complaints complaints = counters.complaints(campaignId);
        if (complaints.delivered() < properties.complaintPauseMinSample()
                || complaints.spamReported() <= properties.complaintPauseRate() * complaints.delivered()) {
            return;
        }
        String reason = "Complaint rate " + percent((double) complaints.spamReported() / complaints.delivered())
                + " over the " + percent(properties.complaintPauseRate()) + " threshold after "
                + complaints.delivered() + " delivered messages";
        try {
            campaigns.pause(new CampaignRef(campaignId, workspaceId), reason);
        } catch (RuntimeException e) {
            // The complaint is recorded; the next one judges the campaign again.
            log.error("Could not pause campaign {} for its complaint rate", campaignId, e);
        }
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "%";
    }
}
