package io.crier.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignCounters;
import io.crier.delivery.FeedbackDeliveries;
import io.crier.delivery.FeedbackDeliveries.FeedbackDelivery;
import io.crier.feedback.DeliveryMatcher.Found;
import io.crier.feedback.DeliveryMatcher.NotFound;
import io.crier.feedback.FeedbackApplied.Kind;
import io.crier.shared.Timestamps;
import io.crier.suppression.MailtoUnsubscribes;
import io.crier.suppression.SuppressionReason;
import io.crier.suppression.Suppressions;

/**
 * What feedback does, once {@link DeliveryMatcher} has tied it to its delivery, all in one
 * transaction with its {@code feedback_event} row:
 * <ul>
 * <li>a hard bounce makes a sent delivery {@code bounced} (counted as such, judged by the bounce
 * guard) and suppresses the address ({@code bounced});</li>
 * <li>a soft bounce is counted; the address is suppressed ({@code bounced}) after
 * {@code crier.feedback.soft-bounces-to-suppress} of them within {@code soft-bounce-days};</li>
 * <li>a complaint counts in {@code spamReported}, suppresses the address ({@code complained}) and
 * may pause its campaign ({@link ComplaintGuard});</li>
 * <li>a reply counts in {@code replied} and cancels the contact's later steps in the campaign;</li>
 * <li>a mailto unsubscribe unsubscribes as the message's link does.</li>
 * </ul>
 * Each is recorded under a fingerprint per delivery; the same feedback again finds it and changes
 * nothing. A hard bounce, a complaint and an unsubscribe count once per delivery whatever their
 * wording; a soft bounce or a reply once per distinct text.
 */
@Service
class FeedbackOutcomes implements FeedbackIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedbackOutcomes.class);
    private static final HexFormat HEX = HexFormat.of();

    private final DeliveryMatcher matcher;
    private final FeedbackLog feedbackLog;
    private final FeedbackDeliveries deliveries;
    private final Suppressions suppressions;
    private final MailtoUnsubscribes unsubscribes;
    private final CampaignCounters counters;
    private final ComplaintGuard complaintGuard;
    private final FeedbackProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FeedbackOutcomes(DeliveryMatcher matcher, FeedbackLog feedbackLog, FeedbackDeliveries deliveries,
            Suppressions suppressions, MailtoUnsubscribes unsubscribes, CampaignCounters counters,
            ComplaintGuard complaintGuard, FeedbackProperties properties, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock) {
        this.matcher = matcher;
        this.feedbackLog = feedbackLog;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.unsubscribes = unsubscribes;
        this.counters = counters;
        this.complaintGuard = complaintGuard;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Result accept(Feedback feedback, UUID workspaceId) {
        return switch (matcher.match(feedback.trace(), workspaceId)) {
            case NotFound notFound -> {
                log.info("Feedback not applied ({}): {}", kind(feedback), notFound.reason());
                yield new Unmatched(notFound.reason());
            }
            case Found found -> {
                try {
                    judge(transactions.execute(status -> apply(feedback, found.delivery())), found.delivery());
                } catch (DuplicateKeyException sameFeedbackAtTheSameMoment) {
                    // The other one applied it: the same outcome as finding it applied already.
                }
                yield new Applied(found.delivery().id(), found.delivery().workspaceId());
            }
        };
    }

    /** Which guard judges the campaign once the feedback has committed. */
    private enum Guard { NONE, BOUNCES, COMPLAINTS }

    private Guard apply(Feedback feedback, FeedbackDelivery delivery) {
        String fingerprint = fingerprint(feedback);
        if (feedbackLog.has(delivery.id(), fingerprint)) {
            return Guard.NONE;
        }
        Instant now = Timestamps.now(clock);
        long id = feedbackLog.add(entry(feedback, delivery, fingerprint, now));
        switch (feedback) {
            case Feedback.Bounce bounce when bounce.type() == BounceType.HARD -> {
                return hardBounce(bounce, delivery, now) ? Guard.BOUNCES : Guard.NONE;
            }
            case Feedback.Bounce bounce -> softBounce(bounce, delivery, now);
            case Feedback.Complaint complaint -> {
                complaint(complaint, delivery, now);
                return Guard.COMPLAINTS;
            }
            case Feedback.Reply reply -> reply(reply, id, delivery, now);
            case Feedback.Unsubscribe unsubscribe -> unsubscribes.unsubscribe(delivery.id());
        }
        return Guard.NONE;
    }

    /** Guards read committed counters, and a pause must not wait on the feedback's own locks. */
    private void judge(Guard guard, FeedbackDelivery delivery) {
        switch (guard) {
            case BOUNCES -> deliveries.judgeBounces(delivery.campaignId());
            case COMPLAINTS -> complaintGuard.judge(delivery.workspaceId(), delivery.campaignId());
            case NONE -> { }
        }
    }

    /** True when the delivery moved from sent to bounced. */
    private boolean hardBounce(Feedback.Bounce bounce, FeedbackDelivery delivery, Instant now) {
        String reason = bounceReason(bounce);
        boolean moved = deliveries.bounced(delivery.id(), reason, now);
        suppressions.suppress(delivery.workspaceId(), delivery.email(), SuppressionReason.BOUNCED, reason);
        if (moved) {
            // A delivery refused during the SMTP conversation had its delivery.bounced then.
            publish(delivery, Kind.BOUNCE, BounceType.HARD, reason, null, now);
        }
        return moved;
    }

    private void softBounce(Feedback.Bounce bounce, FeedbackDelivery delivery, Instant now) {
        String reason = bounceReason(bounce);
        counters.addSoftBounce(delivery.campaignId());
        int recent = feedbackLog.softBouncesSince(delivery.workspaceId(), delivery.email(),
                now.minus(Duration.ofDays(properties.softBounceDays())));
        if (recent >= properties.softBouncesToSuppress()) {
            suppressions.suppress(delivery.workspaceId(), delivery.email(), SuppressionReason.BOUNCED,
                    recent + " soft bounces in " + properties.softBounceDays() + " days, the last: " + reason);
        }
        publish(delivery, Kind.BOUNCE, BounceType.SOFT, reason, null, now);
    }

    private void complaint(Feedback.Complaint complaint, FeedbackDelivery delivery, Instant now) {
        String type = complaint.feedbackType() == null ? "abuse" : complaint.feedbackType();
        counters.addComplaint(delivery.campaignId());
        suppressions.suppress(delivery.workspaceId(), delivery.email(), SuppressionReason.COMPLAINED,
                "complaint (" + type + ") about campaign " + delivery.campaignId());
        publish(delivery, Kind.COMPLAINT, null, type, null, now);
    }

    private void reply(Feedback.Reply reply, long id, FeedbackDelivery delivery, Instant now) {
        if (feedbackLog.count(delivery.id(), "reply") == 1) {
            counters.addReply(delivery.campaignId());
        }
        deliveries.replied(delivery, now);
        publish(delivery, Kind.REPLY, null, null, new FeedbackApplied.Reply(id,
                StoredText.of(reply.from(), FeedbackLog.MAX_FROM), StoredText.of(reply.subject(), FeedbackLog.MAX_SUBJECT),
                StoredText.of(reply.text(), FeedbackLog.MAX_REPLY_TEXT)), now);
    }

    private void publish(FeedbackDelivery delivery, Kind kind, BounceType type, String reason,
            FeedbackApplied.Reply reply, Instant now) {
        events.publishEvent(new FeedbackApplied(delivery.workspaceId(), delivery.id(), delivery.campaignId(),
                delivery.email(), kind, type, reason, reply, now));
    }

    private static FeedbackLog.Entry entry(Feedback feedback, FeedbackDelivery delivery, String fingerprint,
            Instant now) {
        return switch (feedback) {
            case Feedback.Bounce bounce -> new FeedbackLog.Entry(delivery.workspaceId(), delivery.id(),
                    delivery.campaignId(), delivery.email(), "bounce", bounce.type().wire(), bounce.status(),
                    bounce.reason(), null, null, null, fingerprint, now);
            case Feedback.Complaint complaint -> new FeedbackLog.Entry(delivery.workspaceId(), delivery.id(),
                    delivery.campaignId(), delivery.email(), "complaint", null, null, complaint.feedbackType(), null,
                    null, null, fingerprint, now);
            case Feedback.Reply reply -> new FeedbackLog.Entry(delivery.workspaceId(), delivery.id(),
                    delivery.campaignId(), delivery.email(), "reply", null, null, null, reply.from(), reply.subject(),
                    reply.text(), fingerprint, now);
            case Feedback.Unsubscribe unsubscribe -> new FeedbackLog.Entry(delivery.workspaceId(), delivery.id(),
                    delivery.campaignId(), delivery.email(), "unsubscribe", null, null, null, null, null, null,
                    fingerprint, now);
        };
    }

    /**
     * What makes two pieces of feedback the same: a hard bounce, a complaint or an unsubscribe
     * happens once to a delivery; a soft bounce or a reply is the same when its words are.
     */
    private static String fingerprint(Feedback feedback) {
        return switch (feedback) {
            case Feedback.Bounce bounce when bounce.type() == BounceType.HARD -> "bounce:hard";
            case Feedback.Bounce bounce -> digest("bounce:soft", bounce.status(), bounce.reason());
            case Feedback.Complaint complaint -> "complaint";
            case Feedback.Reply reply -> digest("reply", reply.from(), reply.subject(), reply.text());
            case Feedback.Unsubscribe unsubscribe -> "unsubscribe";
        };
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HEX.formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String bounceReason(Feedback.Bounce bounce) {
        String status = bounce.status() == null || bounce.status().isBlank() ? "" : bounce.status().trim() + " ";
        String reason = bounce.reason() == null || bounce.reason().isBlank() ? "bounced" : bounce.reason().trim();
        return StoredText.of(status + reason, FeedbackLog.MAX_REASON);
    }

    private static String kind(Feedback feedback) {
        return feedback.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
