package io.crier.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What feedback heard back does beyond the single delivery.
 *
 * @param softBouncesToSuppress   soft bounces of one address, within {@code softBounceDays}, that
 *                                suppress it (reason {@code bounced})
 * @param softBounceDays          the window those soft bounces are counted in
 * @param complaintPauseRate      a sending campaign whose complaints per delivered message rise
 *                                above this fraction is paused (0.003: Gmail's and Yahoo's 0.3 %)
 * @param complaintPauseMinSample the delivered messages a campaign needs before its complaint rate
 *                                can pause it
 */
@ConfigurationProperties("crier.feedback")
record FeedbackProperties(
        @DefaultValue("3") int softBouncesToSuppress,
        @DefaultValue("7") int softBounceDays,
        @DefaultValue("0.003") double complaintPauseRate,
        @DefaultValue("1000") int complaintPauseMinSample) {
}
