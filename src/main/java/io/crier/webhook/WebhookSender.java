package io.crier.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.crier.shared.Timestamps;

/**
 * One POST of a webhook delivery: the stored body as it is, signed, with the delivery's id (the
 * same on every retry) for the receiver to drop duplicates. Any 2xx is delivered; anything else,
 * a redirect included (never followed: it could lead to an internal address), is a failed attempt.
 */
final class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String DELIVERY_HEADER = "X-Crier-Delivery";
    static final String EVENT_HEADER = "X-Crier-Event";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookSender(WebhookTargets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    AttemptResult send(ClaimedDelivery delivery) {
        Instant at = Timestamps.now(clock);
        long started = System.nanoTime();
        try {
            Optional<String> refused = targets.refusalToSend(delivery.url());
            if (refused.isPresent()) {
                return AttemptResult.failed(at, "not sent: the url " + refused.get(), elapsedMillis(started));
            }
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(delivery.url())
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Crier-Webhooks")
                    .header(DELIVERY_HEADER, delivery.id().toString())
                    .header(EVENT_HEADER, delivery.event())
                    .header(delivery.format().signatureHeader(),
                            delivery.format().signature(Signatures.hmacSha256Hex(delivery.secret(), body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // The answer's body means nothing here; closing it unread frees the connection at once.
            response.body().close();
            return AttemptResult.answered(at, response.statusCode(), elapsedMillis(started));
        } catch (UnknownHostException e) {
            return AttemptResult.failed(at, "cannot resolve " + delivery.url().getHost(), elapsedMillis(started));
        } catch (HttpTimeoutException e) {
            return AttemptResult.failed(at, "no answer within " + TIMEOUT.toSeconds() + " s", elapsedMillis(started));
        } catch (IOException e) {
            return AttemptResult.failed(at, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), elapsedMillis(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed(at, "interrupted: the node was stopping", elapsedMillis(started));
        }
    }

    private static long elapsedMillis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
