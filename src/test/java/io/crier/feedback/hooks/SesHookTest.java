package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Reply;

/**
 * Amazon SES through SNS: messages signed by a loopback SNS topic with a certificate the test
 * made, whose origin the test context trusts (ClockedEngineTest), each mapped as SES reports it.
 */
class SesHookTest extends ProviderHookCase {

    private LoopbackSnsTopic topic;
    private String hook;

    @BeforeEach
    void topicAndHook() throws Exception {
        topic = new LoopbackSnsTopic();
        hook = hookPath(caller, Map.of("provider", "ses"));
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void aPermanentBounceSignedWithVersionOneBouncesThatDeliveryAndSuppressesTheAddress() {
        SentCampaign campaign = sentCampaign(2);

        Reply reply = post(hook, topic.notification(bounce("Permanent", campaign.email(0), messageId(campaign, 0)), 1),
                Map.of("Content-Type", "text/plain; charset=UTF-8")).expect(200);

        assertThat(reply.data().path("applied").asInt()).isEqualTo(1);
        assertThat(campaign.run().deliveries("bounced")).isEqualTo(1);
        assertThat(metrics(campaign).path("bounced").asInt()).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(0))).isEqualTo("bounced");
        assertThat(suppressedFor(campaign.email(1))).isNull();
    }

    @Test
    void aComplaintSignedWithVersionTwoRaisesSpamReportedAndATransientBounceIsSoft() {
        SentCampaign campaign = sentCampaign(2);

        post(hook, topic.notification(complaint(campaign.email(0), messageId(campaign, 0)), 2), Map.of()).expect(200);
        post(hook, topic.notification(bounce("Transient", campaign.email(1), messageId(campaign, 1)), 2), Map.of())
                .expect(200);

        assertThat(metrics(campaign).path("spamReported").asInt()).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(0))).isEqualTo("complained");
        assertThat(metrics(campaign).path("softBounced").asInt()).isEqualTo(1);
        assertThat(campaign.run().deliveries("bounced")).as("a soft bounce leaves the delivery sent").isZero();
        assertThat(topic.certificateFetches()).as("the certificate is fetched once, then kept").isEqualTo(1);
    }

    @Test
    void deliveriesAreIgnoredAndASubscriptionIsConfirmedOnlyOnTheTrustedOrigin() {
        Reply delivery = post(hook, topic.notification("""
                {"notificationType": "Delivery", "mail": {"messageId": "ses-1"},
                 "delivery": {"recipients": ["someone@example.org"]}}""", 2), Map.of()).expect(200);
        assertThat(delivery.data().path("ignored").asInt()).isEqualTo(1);

        post(hook, topic.subscriptionConfirmation(topic.subscribeUrl()), Map.of()).expect(200);
        assertThat(topic.confirmations()).isEqualTo(1);

        String elsewhere = "http://localhost:" + port + "/confirm?Token=x";
        post(hook, topic.subscriptionConfirmation(elsewhere), Map.of()).expect(403);
        assertThat(topic.confirmations()).isEqualTo(1);
    }

    @Test
    void aForgedOrAlteredMessageOrAnUntrustedCertificateAppliesNothing() {
        SentCampaign campaign = sentCampaign(1);
        String signed = topic.notification(bounce("Permanent", campaign.email(0), messageId(campaign, 0)), 2);

        String altered = signed.replace("Permanent", "Transient");
        post(hook, altered, Map.of()).expect(403);

        String fromElsewhere = signed.replace(topic.certificateUrl(), "http://localhost:" + port
                + "/SimpleNotificationService.pem");
        post(hook, fromElsewhere, Map.of()).expect(403);

        String unsigned = signed.replaceAll("\"Signature\":\"[^\"]+\",", "");
        post(hook, unsigned, Map.of()).expect(401);

        assertUntouched(campaign);
        assertThat(topic.certificateFetches()).as("nothing fetched from an untrusted origin").isEqualTo(1);
    }

    @Test
    void aHookPinnedToTopicsRefusesASignedMessageOfAnotherTopicAndTakesItsOwn() {
        SentCampaign campaign = sentCampaign(2);
        String otherTopic = "arn:aws:sns:eu-west-1:123456789012:someone-elses-topic";
        String pinnedElsewhere = hookPath(caller, Map.of("provider", "ses", "topicArns", List.of(otherTopic)));
        String pinnedHere = hookPath(caller, Map.of("provider", "ses",
                "topicArns", List.of(otherTopic, LoopbackSnsTopic.TOPIC_ARN)));

        post(pinnedElsewhere, topic.notification(bounce("Permanent", campaign.email(0), messageId(campaign, 0)), 2),
                Map.of()).expect(403);
        post(pinnedElsewhere, topic.subscriptionConfirmation(topic.subscribeUrl()), Map.of()).expect(403);
        assertUntouched(campaign);
        assertThat(topic.confirmations()).isZero();

        post(pinnedHere, topic.notification(bounce("Permanent", campaign.email(1), messageId(campaign, 1)), 2),
                Map.of()).expect(200);
        assertThat(suppressedFor(campaign.email(1))).isEqualTo("bounced");
        assertThat(suppressedFor(campaign.email(0))).isNull();

        caller.post("/v1/feedback-hooks", Map.of("provider", "ses", "topicArns", List.of("crier-ses-feedback")))
                .expectInvalidField("topicArns[0]");
        caller.post("/v1/feedback-hooks", Map.of("provider", "mailgun", "signingKey", "key",
                "topicArns", List.of(LoopbackSnsTopic.TOPIC_ARN))).expectInvalidField("topicArns");
    }

    @Test
    void malformedMessagesAreRefusedByNameAndOneBadRecipientDoesNotDropTheOthers() {
        SentCampaign campaign = sentCampaign(2);
        post(hook, "not json", Map.of()).expectInvalidField("body");
        post(hook, topic.notification("{\"notificationType\": \"Bounce\", \"bounce\": {}}", 2), Map.of())
                .expectInvalidField("Message.bounce.bounceType");

        String twoRecipients = """
                {"notificationType": "Bounce", "mail": {"commonHeaders": {"messageId": "%s"}},
                 "bounce": {"bounceType": "Permanent", "bouncedRecipients": [
                   {"status": "5.1.1"}, {"emailAddress": "%s", "status": "5.1.1"}]}}"""
                .formatted(messageId(campaign, 1), campaign.email(1));
        post(hook, topic.notification(twoRecipients, 2), Map.of())
                .expectInvalidField("Message.bounce.bouncedRecipients[0].emailAddress");
        assertThat(suppressedFor(campaign.email(1))).isEqualTo("bounced");
    }

    static String bounce(String type, String email, String messageId) {
        return Api.JSON.writeValueAsString(Map.of(
                "notificationType", "Bounce",
                "bounce", Map.of("bounceType", type, "bounceSubType", "General",
                        "bouncedRecipients", List.of(Map.of("emailAddress", email, "status", "5.1.1",
                                "action", "failed", "diagnosticCode", "smtp; 550 5.1.1 user unknown"))),
                "mail", Map.of("messageId", "0100018c-ses", "destination", List.of(email),
                        "headers", List.of(Map.of("name", "Message-ID", "value", messageId)),
                        "commonHeaders", Map.of("messageId", messageId))));
    }

    static String complaint(String email, String messageId) {
        return Api.JSON.writeValueAsString(Map.of(
                "notificationType", "Complaint",
                "complaint", Map.of("complaintFeedbackType", "abuse",
                        "complainedRecipients", List.of(Map.of("emailAddress", email))),
                "mail", Map.of("messageId", "0100018c-ses", "commonHeaders", Map.of("messageId", messageId))));
    }
}
