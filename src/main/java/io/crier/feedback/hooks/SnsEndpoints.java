package io.crier.feedback.hooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where SNS is reached: its signing certificates and its subscription confirmations, fetched only
 * from a trusted origin ({@code crier.feedback.hooks.sns-trusted-origin}, SNS's own by default),
 * so a message naming any other URL makes Crier fetch nothing. Certificates are kept once read.
 */
@Component
class SnsEndpoints {

    private static final Logger log = LoggerFactory.getLogger(SnsEndpoints.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private final Pattern trustedOrigin;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Cache<String, X509Certificate> certificates = Caffeine.newBuilder()
            .maximumSize(100)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    SnsEndpoints(HookProperties properties) {
        this.trustedOrigin = properties.snsOrigin();
    }

    /** Whether {@code url} is on the trusted origin (and names no user, which could hide the host). */
    boolean trusted(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return false;
            }
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return trustedOrigin.matcher(origin).matches();
        } catch (java.net.URISyntaxException notAUrl) {
            return false;
        }
    }

    /** The certificate at {@code url}; empty when it is not on the trusted origin, cannot be fetched or read. */
    Optional<X509Certificate> certificate(String url) {
        if (!trusted(url)) {
            return Optional.empty();
        }
        X509Certificate known = certificates.getIfPresent(url);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<X509Certificate> fetched = fetch(url).flatMap(SnsEndpoints::x509);
        fetched.ifPresent(certificate -> certificates.put(url, certificate));
        return fetched;
    }

    /** Visits a SubscribeURL, which confirms the subscription: whether it is trusted and SNS answered 2xx. */
    boolean confirm(String subscribeUrl) {
        return trusted(subscribeUrl) && fetch(subscribeUrl).isPresent();
    }

    private Optional<byte[]> fetch(String url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_CERTIFICATE_BYTES + 1);
                if (response.statusCode() / 100 != 2 || bytes.length > MAX_CERTIFICATE_BYTES) {
                    log.warn("SNS at {} answered {} ({} bytes)", url, response.statusCode(), bytes.length);
                    return Optional.empty();
                }
                return Optional.of(bytes);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("SNS at {} could not be reached: {}", url, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<X509Certificate> x509(byte[] pem) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem)));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
