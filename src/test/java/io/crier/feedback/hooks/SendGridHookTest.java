package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Reply;

/** SendGrid's signed Event Webhook: batches signed with an ECDSA key the test made, as SendGrid signs them. */
class SendGridHookTest extends ProviderHookCase {

    private KeyPair keys;
    private String hook;

    @BeforeEach
    void keysAndHook() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        hook = hookPath(caller, Map.of("provider", "sendgrid",
                "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
    }

    @Test
    void aBounceBouncesItsDeliveryASpamReportRaisesSpamReportedAndABlockIsSoft() {
        SentCampaign campaign = sentCampaign(3);
        String batch = Api.JSON.writeValueAsString(List.of(
                event("processed", campaign.email(0), messageId(campaign, 0), Map.of()),
                event("bounce", campaign.email(0), messageId(campaign, 0),
                        Map.of("type", "bounce", "status", "5.1.1", "reason", "550 5.1.1 unknown user")),
                event("spamreport", campaign.email(1), messageId(campaign, 1), Map.of()),
                event("bounce", campaign.email(2), messageId(campaign, 2),
                        Map.of("type", "blocked", "status", "4.7.1", "reason", "try later"))));

        Reply reply = post(hook, batch, signed(batch)).expect(200);

        assertThat(reply.data().path("applied").asInt()).isEqualTo(3);
        assertThat(reply.data().path("ignored").asInt()).isEqualTo(1);
        assertThat(campaign.run().deliveries("bounced")).isEqualTo(1);
        assertThat(suppressedFor(campaign.email(0))).isEqualTo("bounced");
        assertThat(suppressedFor(campaign.email(1))).isEqualTo("complained");
        assertThat(suppressedFor(campaign.email(2))).isNull();
        assertThat(metrics(campaign).path("spamReported").asInt()).isEqualTo(1);
        assertThat(metrics(campaign).path("softBounced").asInt()).isEqualTo(1);
    }

    @Test
    void aMalformedEventIsRefusedByNameAndTheOthersInItsBatchAreApplied() {
        SentCampaign campaign = sentCampaign(1);
        String batch = "[{\"event\": \"bounce\", \"type\": \"bounce\"}, "
                + Api.JSON.writeValueAsString(event("bounce", campaign.email(0), messageId(campaign, 0),
                        Map.of("type", "bounce"))) + ", 7]";

        Reply reply = post(hook, batch, signed(batch)).expectInvalidField("[0].email");

        assertThat(reply.error().path("details").valueStream().map(d -> d.path("field").asString()))
                .containsExactly("[0].email", "[2]");
        assertThat(campaign.run().deliveries("bounced")).isEqualTo(1);
        post(hook, "{}", signed("{}")).expectInvalidField("body");
    }

    @Test
    void aForgedOrMissingSignatureAppliesNothing() throws GeneralSecurityException {
        SentCampaign campaign = sentCampaign(1);
        String batch = Api.JSON.writeValueAsString(List.of(event("bounce", campaign.email(0),
                messageId(campaign, 0), Map.of("type", "bounce"))));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair someoneElse = generator.generateKeyPair();
        post(hook, batch, signed(batch, someoneElse, "1733486400")).expect(403);

        Map<String, String> headers = signed(batch);
        post(hook, batch.replace("bounce\"", "bounce\" "), headers).expect(403);
        post(hook, batch, Map.of(SendGridEvents.SIGNATURE, "not base64!",
                SendGridEvents.TIMESTAMP, "1733486400")).expect(403);
        post(hook, batch, Map.of()).expect(401);

        assertUntouched(campaign);
    }

    private Map<String, String> signed(String body) {
        return signed(body, keys, "1733486400");
    }

    /** SendGrid's signature: ECDSA with SHA-256 over the timestamp header and then the raw body. */
    static Map<String, String> signed(String body, KeyPair keys, String timestamp) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
            return Map.of(SendGridEvents.SIGNATURE, Base64.getEncoder().encodeToString(signer.sign()),
                    SendGridEvents.TIMESTAMP, timestamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> event(String event, String email, String messageId, Map<String, Object> more) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("event", event, "email", email,
                "timestamp", 1733486400, "smtp-id", messageId, "sg_event_id", "sg-" + event,
                "sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"));
        fields.putAll(more);
        return fields;
    }
}
