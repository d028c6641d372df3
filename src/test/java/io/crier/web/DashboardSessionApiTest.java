package io.crier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's session over plain HTTP, as a browser holds it: sign-in keeps the key on the
 * server behind an httpOnly SameSite cookie, every change needs the CSRF token, the relayed API
 * applies the key's scopes, a revoked key ends the session, and the API's own chain is unchanged.
 */
@CrierApiTest
class DashboardSessionApiTest {

    @LocalServerPort
    int port;

    @Value("${crier.rate-limit.failed-sign-ins.burst}")
    int failedSignIns;

    @Value("${crier.dashboard.streams.per-session}")
    int streamsPerSession;

    @Value("${crier.dashboard.streams.per-key}")
    int streamsPerKey;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signingInKeepsTheKeyServerSideAndEveryChangeNeedsTheCsrfToken() {
        Caller workspace = Api.at(port).newWorkspace();
        Browser browser = new Browser();

        JsonNode signedOut = browser.get("/app/session").expect(200).data();
        assertThat(signedOut.path("signedIn").asBoolean()).isFalse();
        browser.get("/app/api/v1/lists").expectError(401, "UNAUTHORIZED");
        browser.post("/app/session", Map.of("apiKey", workspace.key()), null).expectError(403, "FORBIDDEN");
        browser.post("/app/session", Map.of("apiKey", "crier_unknown_0000000000000000"), browser.csrf())
                .expectError(401, "UNAUTHORIZED");
        String before = browser.sessionId();

        Reply signedIn = browser.post("/app/session", Map.of("apiKey", workspace.key()), browser.csrf()).expect(200);
        assertThat(signedIn.body()).doesNotContain(workspace.key());
        assertThat(signedIn.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(browser.sessionId()).as("a new session id once signed in").isNotEqualTo(before);
        assertThat(signedIn.data().path("scopes").valueStream().map(JsonNode::asString))
                .containsExactly("admin", "read", "send", "write");

        String csrf = browser.csrf();
        browser.post("/app/api/v1/lists", Map.of("name", "No token"), null).expectError(403, "FORBIDDEN");
        browser.post("/app/api/v1/lists", Map.of("name", "No token"), "forged").expectError(403, "FORBIDDEN");
        String listId = browser.post("/app/api/v1/lists", Map.of("name", "Readers"), csrf).expect(201).data()
                .path("id").asString();
        browser.post("/app/api/v1/lists", Map.of("name", "Second"), csrf).expect(201);
        assertThat(workspace.get("/v1/lists/" + listId).expect(200).data().path("name").asString())
                .isEqualTo("Readers");
        browser.post("/app/api/v1/lists", Map.of("name", ""), csrf).expectInvalidField("name");
        assertThat(browser.get("/app/api/v1/lists").expect(200).header("X-RateLimit-Limit")).isNotNull();

        browser.post("/app/session/sign-out", Map.of(), csrf).expect(200);
        browser.get("/app/api/v1/lists").expectError(401, "UNAUTHORIZED");
        workspace.get("/v1/lists").expect(200);
    }

    /** Failed sign-ins count against the browser's address like unknown keys on the API: then it waits, even with a good key. */
    @Test
    void aBrowserWithTooManyFailedSignInsWaitsAndOthersSignInAsBefore() {
        Caller workspace = Api.at(port).newWorkspace();
        Browser guesser = new Browser(Api.loopbackAddressOfItsOwn());
        String csrf = guesser.csrf();
        for (int i = 0; i < failedSignIns; i++) {
            guesser.post("/app/session", Map.of("apiKey", "crier_guess_" + i), csrf).expectError(401, "UNAUTHORIZED");
        }

        Reply refused = guesser.post("/app/session", Map.of("apiKey", workspace.key()), csrf)
                .expectError(429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(guesser.get("/app/session").expect(200).data().path("signedIn").asBoolean()).isFalse();
        Browser other = new Browser();
        other.post("/app/session", Map.of("apiKey", workspace.key()), other.csrf()).expect(200);
    }

    @Test
    void theRelayedApiAppliesTheKeysScopesAndARevokedKeyEndsTheSession() {
        Caller admin = Api.at(port).newWorkspace();
        JsonNode created = admin.post("/v1/api-keys", Map.of("name", "Reader", "scopes", new String[] {"read"}))
                .expect(201).data();
        Browser browser = new Browser();
        browser.post("/app/session", Map.of("apiKey", created.path("key").asString()), browser.csrf()).expect(200);
        String csrf = browser.csrf();

        browser.get("/app/api/v1/lists").expect(200);
        browser.post("/app/api/v1/lists", Map.of("name", "Readers"), csrf).expectError(403, "FORBIDDEN");

        admin.delete("/v1/api-keys/" + created.path("id").asString()).expect(200);
        browser.get("/app/api/v1/lists").expectError(401, "UNAUTHORIZED");
        assertThat(browser.get("/app/session").expect(200).data().path("signedIn").asBoolean()).isFalse();
    }

    @Test
    void theCampaignStreamSendsTheCampaignsOfTheSessionsWorkspaceOnly() throws IOException {
        Caller owner = Api.at(port).newWorkspace();
        Caller other = Api.at(port).newWorkspace();
        String mine = owner.post("/v1/campaigns", Map.of("name", "Mine")).expect(201).data().path("id").asString();
        String theirs = other.post("/v1/campaigns", Map.of("name", "Theirs")).expect(201).data().path("id")
                .asString();
        Browser browser = new Browser();
        assertThat(browser.stream("/app/events/campaigns?id=" + mine).statusCode()).isEqualTo(401);
        browser.post("/app/session", Map.of("apiKey", owner.key()), browser.csrf()).expect(200);

        HttpResponse<InputStream> stream = browser.stream("/app/events/campaigns?id=" + mine + "&id=" + theirs);
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("event:campaigns");
            JsonNode campaigns = Api.JSON.readTree(lines.readLine().substring("data:".length()));
            assertThat(campaigns.valueStream().map(c -> c.path("id").asString())).containsExactly(mine);
            assertThat(campaigns.get(0).path("status").asString()).isEqualTo("draft");
            assertThat(lines.readLine()).isEmpty();

            browser.post("/app/session/sign-out", Map.of(), browser.csrf()).expect(200);
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(next).as("the stream ends with the session").succeedsWithin(Duration.ofSeconds(10))
                    .isNull();
        }
    }

    @Test
    void aStreamNeedsReadAndEachSessionAndKeyHoldsOnlySoMany() throws IOException {
        Caller owner = Api.at(port).newWorkspace();
        String campaign = owner.post("/v1/campaigns", Map.of("name", "Watched")).expect(201).data().path("id")
                .asString();
        Browser sender = signedIn(owner.post("/v1/api-keys", Map.of("name", "Sender", "scopes",
                List.of("send"))).expect(201).data().path("key").asString());
        HttpResponse<InputStream> refused = sender.stream("/app/events/campaigns?id=" + campaign);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8)).contains("'read' scope");

        List<Browser> tabs = List.of(signedIn(owner.key()), signedIn(owner.key()), signedIn(owner.key()));
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < streamsPerSession; i++) {
                open.add(tabs.get(0).stream("/app/events/campaigns?id=" + campaign));
            }
            assertThat(open).allSatisfy(stream -> assertThat(stream.statusCode()).isEqualTo(200));
            HttpResponse<InputStream> oneTooMany = tabs.get(0).stream("/app/events/campaigns?id=" + campaign);
            assertThat(oneTooMany.statusCode()).isEqualTo(429);
            assertThat(new String(oneTooMany.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("RATE_LIMITED").contains("crier.dashboard.streams.per-session");

            for (int i = open.size(); i < streamsPerKey; i++) {
                HttpResponse<InputStream> stream = tabs.get(1 + i / streamsPerSession % 2)
                        .stream("/app/events/campaigns?id=" + campaign);
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream);
            }
            Browser another = signedIn(owner.key());
            HttpResponse<InputStream> overTheKey = another.stream("/app/events/campaigns?id=" + campaign);
            assertThat(overTheKey.statusCode()).isEqualTo(429);
            assertThat(new String(overTheKey.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("crier.dashboard.streams.per-key");
        } finally {
            for (HttpResponse<InputStream> stream : open) {
                stream.body().close();
            }
            tabs.forEach(tab -> tab.post("/app/session/sign-out", Map.of(), tab.csrf()).expect(200));
        }
    }

    /**
     * The key check each tick makes fails while the table is briefly gone: the streams open then end,
     * and the node's ticks go on for the streams opened after (an exception out of a tick would have
     * stopped them all until restart).
     */
    @Test
    void aDatabaseErrorDuringATickEndsThatStreamAndLaterStreamsStillTick() throws IOException {
        Caller owner = Api.at(port).newWorkspace();
        String campaign = owner.post("/v1/campaigns", Map.of("name", "Before")).expect(201).data().path("id")
                .asString();
        Browser browser = signedIn(owner.key());
        HttpResponse<InputStream> firstStream = browser.stream("/app/events/campaigns?id=" + campaign);
        // Closed as a stream, not as a reader: a reader's close waits for a read that may never end.
        try (InputStream body = firstStream.body()) {
            BufferedReader first = events(firstStream);
            assertThat(nextEvent(first)).isNotNull();
            jdbc.sql("alter table api_key rename to api_key_away").update();
            try {
                assertThat(CompletableFuture.supplyAsync(() -> nextEvent(first)))
                        .as("the stream ends at the failed tick").succeedsWithin(Duration.ofSeconds(10)).isNull();
            } finally {
                jdbc.sql("alter table api_key_away rename to api_key").update();
            }
        }
        HttpResponse<InputStream> secondStream = browser.stream("/app/events/campaigns?id=" + campaign);
        try (InputStream body = secondStream.body()) {
            BufferedReader second = events(secondStream);
            assertThat(nextEvent(second).get(0).path("name").asString()).isEqualTo("Before");
            owner.patch("/v1/campaigns/" + campaign, Map.of("name", "After")).expect(200);
            assertThat(CompletableFuture.supplyAsync(() -> nextEvent(second)))
                    .as("the next tick sends the change").succeedsWithin(Duration.ofSeconds(10))
                    .satisfies(campaigns -> assertThat(campaigns.get(0).path("name").asString()).isEqualTo("After"));
        } finally {
            browser.post("/app/session/sign-out", Map.of(), browser.csrf()).expect(200);
        }
    }

    private Browser signedIn(String key) {
        Browser browser = new Browser();
        browser.post("/app/session", Map.of("apiKey", key), browser.csrf()).expect(200);
        return browser;
    }

    private static BufferedReader events(HttpResponse<InputStream> stream) {
        assertThat(stream.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    }

    /** The campaigns of the stream's next event; null once the stream has ended. */
    private static JsonNode nextEvent(BufferedReader lines) {
        try {
            String name = lines.readLine();
            if (name == null) {
                return null;
            }
            assertThat(name).isEqualTo("event:campaigns");
            JsonNode campaigns = Api.JSON.readTree(lines.readLine().substring("data:".length()));
            lines.readLine();
            return campaigns;
        } catch (IOException ended) {
            return null;
        }
    }

    /** An HTTP client that keeps cookies, as a browser does, and reads the CSRF token the page would. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;

        Browser() {
            this(HttpClient.newBuilder());
        }

        /** A browser on a machine of its own: what Crier counts per client address counts it alone. */
        Browser(InetAddress address) {
            this(HttpClient.newBuilder().localAddress(address));
        }

        private Browser(HttpClient.Builder client) {
            http = client.cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
        }

        String csrf() {
            return get("/app/session").expect(200).data().path("csrfToken").asString();
        }

        String sessionId() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        Reply get(String path) {
            return send(request(path).GET());
        }

        Reply post(String path, Object body, String csrf) {
            HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
            if (csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            return send(request);
        }

        HttpResponse<InputStream> stream(String path) {
            try {
                return http.send(request(path).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
        }

        private Reply send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String body = response.body();
                return new Reply(response.statusCode(), response.headers(), body,
                        body.isEmpty() ? null : Api.JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
