package io.crier.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import io.crier.shared.Timestamps;

/**
 * One POST of a webhook call: the stored body as it is, signed, with the call's id (the
 * same on every retry) for the receiver to drop duplicates. Any 2xx is delivered; anything else,
 * a redirect included (never followed: it could lead to an internal address), is a failed attempt.
 *
 * <p>Apache HttpClient rather than the JDK's: its {@link DnsResolver} is where every connection gets
 * its addresses, so the resolver that checks them ({@link WebhookTargets#resolve}) is the one the
 * socket connects with: one lookup, no second one to rebind. The URL's host name still goes in the
 * Host header and TLS's SNI, and the certificate is checked against it. No proxy is used.
 */
final class WebhookSender implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String DELIVERY_HEADER = "X-Crier-Delivery";
    static final String EVENT_HEADER = "X-Crier-Event";
    /** Connections kept to one host and to all: beyond them, a request waits (up to the timeout). */
    static final int CONNECTIONS_PER_HOST = 8;
    static final int CONNECTIONS = 256;

    private final CloseableHttpClient http;
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookSender(WebhookTargets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
        Timeout timeout = Timeout.of(TIMEOUT);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(targets))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .setMaxConnPerRoute(CONNECTIONS_PER_HOST)
                        .setMaxConnTotal(CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build())
                .setUserAgent("Crier-Webhooks")
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    AttemptResult send(ClaimedCall call) {
        Instant at = Timestamps.now(clock);
        long started = System.nanoTime();
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        HttpPost request = new HttpPost(call.url());
        request.setHeader(DELIVERY_HEADER, call.id().toString());
        request.setHeader(EVENT_HEADER, call.event());
        call.format().headers(call.id(), call.event(), at).forEach(request::setHeader);
        request.setHeader(call.format().signatureHeader(),
                call.format().signature(Signatures.hmacSha256Hex(call.secret(), body)));
        request.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
        // The answer's body means nothing here; closing it unread frees the connection at once.
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            return AttemptResult.answered(at, response.getCode(), elapsedMillis(started));
        } catch (WebhookTargets.Refused e) {
            return AttemptResult.failed(at, "not sent: the url " + e.getMessage(), elapsedMillis(started));
        } catch (UnknownHostException e) {
            return AttemptResult.failed(at, "cannot resolve " + call.url().getHost(), elapsedMillis(started));
        } catch (SocketTimeoutException e) {
            return AttemptResult.failed(at, "no answer within " + TIMEOUT.toSeconds() + " s", elapsedMillis(started));
        } catch (IOException e) {
            return AttemptResult.failed(at, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), elapsedMillis(started));
        }
    }

    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }

    private static long elapsedMillis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Every connection's addresses, from the lookup that checked them (and its port). */
    private record CheckedResolver(WebhookTargets targets) implements DnsResolver {

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return targets.resolve(host, port);
        }

        /** Connections come through the method above; whatever else asks gets checked addresses too. */
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return targets.checkedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
