package io.crier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: talks to a running Crier on loopback as a real client would. */
public final class Api {

    public static final String BOOTSTRAP_KEY = "crier_test_bootstrap_key_0123456789abcdef";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final HttpClient http;

    private Api(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port, HTTP);
    }

    /**
     * The same Crier, called from a loopback address of its own (127.x.y.z, all of which reach
     * 127.0.0.1), for what Crier counts per client address: no other test shares its count.
     */
    public Api fromAnAddressOfItsOwn() {
        return new Api(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .localAddress(loopbackAddressOfItsOwn()).build());
    }

    /** A random loopback address other than 127.0.0.1, which the tests' clients use. */
    public static InetAddress loopbackAddressOfItsOwn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.ofLiteral("127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "."
                + random.nextInt(1, 255));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The bootstrap key: every scope in the default workspace. */
    public Caller bootstrap() {
        return withKey(BOOTSTRAP_KEY);
    }

    public Caller withKey(String key) {
        return new Caller(this, key, null);
    }

    /** A caller without any Authorization header. */
    public Caller anonymous() {
        return new Caller(this, null, null);
    }

    /** A fresh workspace and its key with every scope, so a test sees only its own data. */
    public Caller newWorkspace() {
        Reply created = bootstrap().post("/v1/workspaces",
                "{\"name\": \"test " + UUID.randomUUID() + "\"}").expect(201);
        return new Caller(this, created.data().path("apiKey").path("key").asString(),
                created.data().path("workspace").path("id").asString());
    }

    /** Any request with this exact {@code Authorization} header (null: none), e.g. a malformed one. */
    public Reply send(String method, String path, String contentType, String body, String authorization) {
        return send(method, path, contentType,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body), authorization);
    }

    /** With a body: {@code contentType} null sends it without a Content-Type header. */
    Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body,
            String authorization) {
        return send(method, path, contentType, body, authorization, Map.of());
    }

    /** With these further headers too (e.g. {@code Idempotency-Key}). */
    Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body,
            String authorization, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }
}
