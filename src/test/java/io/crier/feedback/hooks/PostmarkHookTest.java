package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;

/** Postmark's Bounce and Spam Complaint webhooks, authenticated by the basic auth in the hook's URL. */
class PostmarkHookTest extends ProviderHookCase {

    private static final String AUTH = basic("postmark-hook", "s3cret-pass");

    private String hook;

    @BeforeEach
    void hook() {
        hook = hookPath(caller, Map.of("provider", "postmark", "username", "postmark-hook", "password", "s3cret-pass"));
    }

    @Test
    void aHardBounceBouncesTheDeliveryItsContentQuotesAndASpamComplaintRaisesSpamReported() {
        SentCampaign campaign = sentCampaign(3);

        post(hook, bounce("HardBounce", campaign.email(0), messageId(campaign, 0)), Map.of("Authorization", AUTH))
                .expect(200);
        post(hook, bounce("SpamComplaint", campaign.email(1), messageId(campaign, 1)).replace(
                "\"RecordType\":\"Bounce\"", "\"RecordType\":\"SpamComplaint\""), Map.of("Authorization", AUTH))
                .expect(200);
        post(hook, bounce("SoftBounce", campaign.email(2), messageId(campaign, 2)), Map.of("Authorization", AUTH))
                .expect(200);
        assertThat(post(hook, bounce("AutoResponder", campaign.email(2), messageId(campaign, 2)),
                Map.of("Authorization", AUTH)).expect(200).data().path("ignored").asInt()).isEqualTo(1);

        assertThat(campaign.run().deliveries("bounced")).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(0))).isEqualTo("bounced");
        assertThat(suppressedFor(campaign.email(1))).isEqualTo("complained");
        assertThat(metrics(campaign).path("spamReported").asInt()).isEqualTo(1);
        assertThat(metrics(campaign).path("softBounced").asInt()).isEqualTo(1);
    }

    @Test
    void wrongOrMissingCredentialsApplyNothingAndAMalformedBounceIsRefusedByName() {
        SentCampaign campaign = sentCampaign(1);
        String bounce = bounce("HardBounce", campaign.email(0), messageId(campaign, 0));

        post(hook, bounce, Map.of("Authorization", basic("postmark-hook", "guessed"))).expect(403);
        post(hook, bounce, Map.of("Authorization", "Basic %%%")).expect(403);
        post(hook, bounce, Map.of()).expect(401);
        post(hook, bounce.replace("\"Email\"", "\"Mail\""), Map.of("Authorization", AUTH)).expectInvalidField("Email");
        post(hook, "[]", Map.of("Authorization", AUTH)).expectInvalidField("body");

        assertUntouched(campaign);
    }

    /** A Postmark bounce webhook whose Content (the bounce as received) quotes the original Message-ID. */
    static String bounce(String type, String email, String messageId) {
        String content = "Return-Path: <>\r\nSubject: Undelivered Mail\r\n\r\n--boundary\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\nFrom: run@crier.test\r\nTo: " + email
                + "\r\nMessage-ID: " + messageId + "\r\nSubject: Hello\r\n--boundary--\r\n";
        return Api.JSON.writeValueAsString(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("RecordType", "Bounce"), Map.entry("ID", 4323372036854775807L), Map.entry("Type", type),
                Map.entry("TypeCode", 1), Map.entry("MessageID", "883953f4-6105-42a2-a16a-77a8eac79483"),
                Map.entry("Description", "The server was unable to deliver your message."),
                Map.entry("Details", "smtp;550 5.1.1 The email account does not exist."), Map.entry("Email", email),
                Map.entry("From", "run@crier.test"), Map.entry("BouncedAt", "2026-12-06T12:00:00Z"),
                Map.entry("Content", content), Map.entry("Metadata", Map.of()))));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
