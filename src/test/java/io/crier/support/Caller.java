package io.crier.support;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API key talking to Crier. Bodies are JSON text (tests write them as text blocks) or any
 * object, which is serialized to JSON. The key goes as a bearer token, or as Blueshift sends it
 * ({@link #basic()}).
 */
public final class Caller {

    private final Api api;
    private final String key;
    private final String workspaceId;
    private final boolean basic;
    private final Map<String, String> headers;

    Caller(Api api, String key, String workspaceId) {
        this(api, key, workspaceId, false, Map.of());
    }

    private Caller(Api api, String key, String workspaceId, boolean basic, Map<String, String> headers) {
        this.api = api;
        this.key = key;
        this.workspaceId = workspaceId;
        this.basic = basic;
        this.headers = headers;
    }

    public String key() {
        return key;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public Reply get(String path) {
        return request("GET", path, null);
    }

    public Reply delete(String path) {
        return request("DELETE", path, null);
    }

    public Reply post(String path) {
        return request("POST", path, null);
    }

    public Reply post(String path, Object body) {
        return request("POST", path, body);
    }

    public Reply patch(String path, Object body) {
        return request("PATCH", path, body);
    }

    public Reply put(String path, Object body) {
        return request("PUT", path, body);
    }

    public Reply request(String method, String path, Object body) {
        return raw(method, path, "application/json", body == null ? null : json(body));
    }

    /** Any method, content type and body text, for malformed and non-JSON requests. */
    public Reply raw(String method, String path, String contentType, String body) {
        return api.send(method, path, contentType,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body), authorization(), headers);
    }

    /** Any bytes, e.g. invalid UTF-8; a null {@code contentType} sends no Content-Type header. */
    public Reply bytes(String method, String path, String contentType, byte[] body) {
        return api.send(method, path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), authorization(),
                headers);
    }

    /** Like {@link #bytes(String, String, String, byte[])}, but chunked: without a Content-Length, as a stream. */
    public Reply streamed(String method, String path, String contentType, byte[] body) {
        return api.send(method, path, contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), authorization(),
                headers);
    }

    private String authorization() {
        if (key == null) {
            return null;
        }
        return basic ? "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8))
                : "Bearer " + key;
    }

    /** A caller of the same workspace with another key, e.g. one with fewer scopes. */
    public Caller withKey(String otherKey) {
        return new Caller(api, otherKey, workspaceId, basic, headers);
    }

    /** The same key sent as Blueshift clients send it: HTTP Basic, the key as user name, no password. */
    public Caller basic() {
        return new Caller(api, key, workspaceId, true, headers);
    }

    /** The same caller sending this header too on every call, e.g. {@code Idempotency-Key}. */
    public Caller withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Caller(api, key, workspaceId, basic, Map.copyOf(more));
    }

    private static String json(Object body) {
        return body instanceof String text ? text : Api.JSON.writeValueAsString(body);
    }
}
