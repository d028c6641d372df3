package io.crier.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * An HTTP server on loopback that receives webhooks, as a customer's endpoint would. Each test
 * takes endpoints of its own ({@link #newEndpoint()}); an endpoint answers 200 unless told to answer
 * other status codes first. Signatures are checked here with the JDK's own HMAC, independently of
 * Crier's code.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String path, Headers headers, byte[] rawBody) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public JsonNode json() {
            return Api.JSON.readTree(rawBody);
        }

        public String event() {
            return json().path("event").asString();
        }

        public JsonNode data() {
            return json().path("data");
        }

        /** Whether {@code signature} is {@code prefix} + hex HMAC-SHA256 of the raw body under {@code secret}. */
        public boolean signedWith(String secret, String signatureHeader, String prefix) {
            String signature = header(signatureHeader);
            if (signature == null || !signature.startsWith(prefix)) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal(rawBody);
                byte[] given = HexFormat.of().parseHex(signature.substring(prefix.length()));
                return MessageDigest.isEqual(expected, given);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedQueue<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> answers = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A fresh endpoint URL on this server. */
    public String newEndpoint() {
        String path = "/hooks/" + UUID.randomUUID();
        received.put(path, new ConcurrentLinkedQueue<>());
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The endpoint's next requests get these status codes, in order; after them, 200. */
    public void answer(String url, Integer... statusCodes) {
        answers.computeIfAbsent(path(url), p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statusCodes));
    }

    public List<Request> received(String url) {
        return new ArrayList<>(received.getOrDefault(path(url), new ConcurrentLinkedQueue<>()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            received.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>())
                    .add(new Request(path, new Headers(exchange.getRequestHeaders()), body.readAllBytes()));
            Integer scripted = answers.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            exchange.sendResponseHeaders(scripted == null ? 200 : scripted, -1);
        }
    }

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
