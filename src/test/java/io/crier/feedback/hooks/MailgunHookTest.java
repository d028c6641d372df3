package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;

/** Mailgun's webhooks: HMAC-SHA256 of timestamp and token under the signing key, replays refused. */
class MailgunHookTest extends ProviderHookCase {

    private static final String SIGNING_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

    private String hook;

    @BeforeEach
    void hook() {
        hook = hookPath(caller, Map.of("provider", "mailgun", "signingKey", SIGNING_KEY));
    }

    @Test
    void aPermanentFailureBouncesTheDeliveryATemporaryOneIsSoftAndAComplaintRaisesSpamReported() {
        SentCampaign campaign = sentCampaign(3);

        post(hook, request(SIGNING_KEY, token(), failed(campaign, 0, "permanent")), Map.of()).expect(200);
        post(hook, request(SIGNING_KEY, token(), failed(campaign, 1, "temporary")), Map.of()).expect(200);
        post(hook, request(SIGNING_KEY, token(), Map.of("event", "complained", "recipient", campaign.email(2),
                "message", Map.of("headers", Map.of("message-id", bare(messageId(campaign, 2)))))), Map.of())
                .expect(200);

        assertThat(campaign.run().deliveries("bounced")).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(0))).isEqualTo("bounced");
        assertThat(metrics(campaign).path("softBounced").asInt()).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(2))).isEqualTo("complained");
        assertThat(metrics(campaign).path("spamReported").asInt()).isEqualTo(1);
    }

    @Test
    void aForgedSignatureAReplayedTokenAndAStaleTimestampApplyNothing() {
        SentCampaign campaign = sentCampaign(2);

        post(hook, request("key-someone-elses", token(), failed(campaign, 0, "permanent")), Map.of()).expect(403);
        post(hook, "{\"event-data\": {}}", Map.of()).expect(401);

        String token = token();
        post(hook, request(SIGNING_KEY, token, Map.of("event", "delivered", "recipient", campaign.email(1))), Map.of())
                .expect(200);
        post(hook, request(SIGNING_KEY, token, failed(campaign, 1, "permanent")), Map.of()).expect(403);

        String stale = request(SIGNING_KEY, token(), failed(campaign, 1, "permanent"));
        clock.advance(Duration.ofMinutes(6));
        post(hook, stale, Map.of()).expect(403);

        assertUntouched(campaign);
        post(hook, request(SIGNING_KEY, token(), Map.of("event", "failed", "recipient", campaign.email(1))), Map.of())
                .expectInvalidField("event-data.severity");
    }

    private Map<String, Object> failed(SentCampaign campaign, int recipient, String severity) {
        return Map.of("event", "failed", "severity", severity, "recipient", campaign.email(recipient),
                "reason", "bounce",
                "delivery-status", Map.of("code", 550, "message", "5.1.1 mailbox does not exist",
                        "description", "No such user"),
                "message", Map.of("headers", Map.of("message-id", bare(messageId(campaign, recipient)))));
    }

    /** A Mailgun webhook body signed at the test clock's now. */
    private String request(String key, String token, Map<String, Object> eventData) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return Api.JSON.writeValueAsString(Map.of(
                "signature", Map.of("timestamp", timestamp, "token", token, "signature", hmac(key, timestamp + token)),
                "event-data", eventData));
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    }

    /** Mailgun reports Message-IDs without their angle brackets. */
    private static String bare(String messageId) {
        return messageId.substring(1, messageId.length() - 1);
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
