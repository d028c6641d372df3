package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.crier.support.Api;
import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A provider webhook's test: a campaign sent through the scripted relay (which accepts
 * everything, as SES or SendGrid does before reporting), a hook of the test's workspace, and the
 * provider's requests posted to it over HTTP.
 */
abstract class ProviderHookCase extends ClockedEngineCase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A campaign that has gone out, its mail received by the relay. */
    record SentCampaign(CampaignRun run) {

        String email(int index) {
            return run.emails().get(index);
        }
    }

    SentCampaign sentCampaign(int recipients) {
        CampaignRun run = CampaignRun.create(caller, smtp, recipients);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", Duration.ofSeconds(30));
        run.awaitReceived(received -> received.size() == recipients, Duration.ofSeconds(10));
        return new SentCampaign(run);
    }

    /** The Message-ID of the mail the relay received for this recipient, as the provider reports it back. */
    static String messageId(SentCampaign campaign, int recipient) {
        String email = campaign.email(recipient);
        String messageId = campaign.run().received().stream().filter(mail -> mail.recipient().equals(email))
                .findFirst().orElseThrow().header("Message-ID");
        assertThat(messageId).as("the Message-ID of the mail to %s", email).isNotBlank();
        return messageId;
    }

    /** Makes a hook in {@code owner}'s workspace; returns the path of its URL. */
    static String hookPath(Caller owner, Map<String, Object> body) {
        String url = owner.post("/v1/feedback-hooks", body).expect(201).data().path("url").asString();
        return URI.create(url).getPath();
    }

    Reply post(String path, String body, Map<String, String> headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? Api.JSON.missingNode() : Api.JSON.readTree(response.body());
            return new Reply(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode metrics(SentCampaign campaign) {
        return caller.get("/v1/campaigns/" + campaign.run().id()).expect(200).data().path("metrics");
    }

    /** The reason the workspace suppresses the address for, or null. */
    String suppressedFor(String email) {
        JsonNode found = caller.get("/v1/suppressions?email=" + email).expect(200).data().path("suppressions");
        return found.isEmpty() ? null : found.get(0).path("reason").asString();
    }

    /** Asserts the campaign shows exactly this: no other delivery bounced, nothing else suppressed. */
    void assertUntouched(SentCampaign campaign) {
        assertThat(campaign.run().deliveries("bounced")).isZero();
        JsonNode metrics = metrics(campaign);
        assertThat(metrics.path("bounced").asInt()).isZero();
        assertThat(metrics.path("softBounced").asInt()).isZero();
        assertThat(metrics.path("spamReported").asInt()).isZero();
        campaign.run().emails().forEach(email -> assertThat(suppressedFor(email)).as(email).isNull());
    }
}
