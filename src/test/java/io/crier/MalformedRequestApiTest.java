package io.crier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.Endpoint.Body;
import io.crier.MalformedBodies.Malformed;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Every write endpoint of {@code /v1} and of each vendor dialect, as the application maps them,
 * refuses every kind of malformed body with a 4xx in its API's error shape ({@link Dialect}), and
 * changes nothing; so does every query
 * parameter of every endpoint, given what is no text. Each endpoint is swept in a
 * {@link SampleWorkspace} whose real ids fill its path (consecutive endpoints share one while its
 * keys' rate limit lasts); all the API shows of that workspace is compared before and after. An
 * endpoint that reads no body ignores any body, so it gets the same bodies with an id that does not
 * exist, and must still answer them with a clean 4xx.
 */
@CrierApiTest
class MalformedRequestApiTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    JdbcClient jdbc;

    @Value("${crier.limits.body-size}")
    DataSize bodySize;

    @Value("${crier.limits.import-body-size}")
    DataSize importBodySize;

    @Value("${crier.limits.mail-body-size}")
    DataSize mailBodySize;

    @Value("${crier.rate-limit.failed-sign-ins.burst}")
    int failedSignIns;

    @Value("${crier.rate-limit.burst}")
    int rateLimitBurst;

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesMalformedBodiesAndChangesNothing() {
        List<Endpoint> endpoints = Endpoint.all(handlers).stream().filter(Endpoint::writes).toList();
        assertThat(endpoints).extracting(Endpoint::key).as("write endpoints found in the handler mapping")
                .contains("POST /v1/contacts", "POST /v1/contacts/import", "PATCH /v1/campaigns/{id}",
                        "POST /v1/campaigns/{id}/send", "DELETE /v1/api-keys/{id}",
                        "POST /blueshift/api/v1/campaigns/one_time", "PATCH /blueshift/api/v1/campaigns/{uuid}/pause",
                        "PUT /blueshift/api/v1/campaigns/bulk_archive", "POST /leadterra/v1/campaigns",
                        "POST /leadterra/v1/campaigns/{id}/leads/bulk", "POST /leadterra/v1/campaigns/{id}/pause");
        SharedWorkspaces workspaces = new SharedWorkspaces();
        return endpoints.stream().map(endpoint -> dynamicTest(endpoint.toString(), () -> sweep(endpoint, workspaces)));
    }

    /** Query parameters, on reading and writing endpoints alike, refuse what is no text before anything happens. */
    @Test
    void everyQueryParameterRefusesWhatIsNoText() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        Map<String, JsonNode> before = workspace.snapshot();
        List<Endpoint> endpoints = Endpoint.all(handlers).stream()
                .filter(endpoint -> !endpoint.queryParameters().isEmpty()).toList();
        assertThat(endpoints).extracting(Endpoint::key).as("endpoints with query parameters")
                .contains("GET /v1/contacts", "GET /v1/campaigns", "POST /v1/contacts/import",
                        "GET /blueshift/api/v2/campaigns.json", "GET /blueshift/api/v1/campaigns/{uuid}/detail.json");

        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            String path = path(endpoint, workspace, true);
            for (String parameter : endpoint.queryParameters()) {
                for (String value : List.of("a%00b", "%FF", "%C3", "%ED%A0%80")) {
                    Reply reply = endpoint.dialect().caller(workspace.caller).request(endpoint.method(),
                            path + "?" + parameter + "=" + value, null);
                    Malformed query = new Malformed(parameter + "=" + value, parameter, 400, null, null, false);
                    expectRefused(soft, endpoint, query, reply, true);
                }
            }
        }
        soft.assertAll();
        assertThat(workspace.snapshot()).isEqualTo(before);
    }

    /**
     * A multipart body is read into parts by the contact import alone: sent to any other write
     * endpoint (of any API), a malformed one is never parsed, so it is not refused as malformed
     * multipart.
     */
    @Test
    void noEndpointButTheImportParsesAMultipartBody() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        String type = SampleBodies.multipartType();
        byte[] malformed = ("--" + SampleBodies.MULTIPART_BOUNDARY + "\r\nnot a part at all").getBytes(
                StandardCharsets.UTF_8);
        List<Endpoint> endpoints = Endpoint.all(handlers).stream().filter(Endpoint::writes).toList();
        List<String> importPaths = endpoints.stream()
                .filter(endpoint -> endpoint.contentType().isCompatibleWith(MediaType.MULTIPART_FORM_DATA))
                .map(Endpoint::key).toList();
        assertThat(importPaths).as("the multipart import").containsExactly("POST /v1/contacts/import");
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            if (importPaths.contains(endpoint.key())) {
                continue;
            }
            Caller caller = endpoint.dialect().caller(workspace.callerFor(endpoint, Api.at(port)));
            Reply reply = caller.bytes(endpoint.method(), path(endpoint, workspace, false), type, malformed);
            soft.assertThat(reply.status()).as(endpoint + " answered " + abbreviated(reply.body())).isLessThan(500);
            soft.assertThat(reply.body()).as(endpoint.toString()).doesNotContain("multipart/form-data body");
        }
        soft.assertAll();
    }

    /**
     * Timestamps in query parameters (Blueshift's listing and detail filters) outside the years 1
     * to 9999 are refused naming the parameter: they parse, but no database compares them.
     */
    @Test
    void everyTimestampQueryParameterRefusesYearsOutsideOneTo9999() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        Caller blueshift = Dialect.BLUESHIFT.caller(workspace.caller);
        Map<String, List<String>> timestamps = Map.of(
                "/blueshift/api/v2/campaigns.json", List.of("created_after", "created_before", "startdate"),
                "/blueshift/api/v1/campaigns/" + workspace.campaign + "/detail.json", List.of("start_time", "end_time"));

        SoftAssertions soft = new SoftAssertions();
        timestamps.forEach((path, parameters) -> {
            for (String parameter : parameters) {
                for (String time : MalformedBodies.UNTAKEN_TIMES) {
                    Reply reply = blueshift.get(path + "?" + parameter + "=" + time.replace("+", "%2B"));
                    String what = path + " with " + parameter + "=" + time + " answered " + reply.status() + " "
                            + abbreviated(reply.body());
                    soft.assertThat(reply.status()).as(what).isEqualTo(400);
                    Dialect.BLUESHIFT.expectError(soft, reply, parameter, what);
                }
            }
        });
        soft.assertAll();
    }

    private void sweep(Endpoint endpoint, SharedWorkspaces workspaces) {
        boolean readsBody = endpoint.body() != Body.NONE;
        SampleWorkspace workspace = workspaces.current();
        List<Malformed> bodies = bodies(endpoint, workspace);
        if (!workspaces.takes(bodies.size())) {
            workspace = workspaces.renewedFor(bodies.size());
            bodies = bodies(endpoint, workspace);
        }
        String path = path(endpoint, workspace, readsBody);
        Map<String, JsonNode> before = workspaces.seen();
        long workspaceCount = workspaceCount();

        Caller caller = endpoint.dialect().caller(workspace.callerFor(endpoint, Api.at(port)));
        SoftAssertions soft = new SoftAssertions();
        for (Malformed malformed : bodies) {
            Reply reply = malformed.chunked()
                    ? caller.streamed(endpoint.method(), path, malformed.contentType(), malformed.body())
                    : caller.bytes(endpoint.method(), path, malformed.contentType(), malformed.body());
            if (actsOnTheWholeCollection(endpoint)) {
                soft.assertThat(reply.status()).as("%s with %s", endpoint, malformed).isLessThan(500);
            } else {
                expectRefused(soft, endpoint, malformed, reply, readsBody);
            }
        }
        Map<String, JsonNode> after = workspaces.seenAgain();
        before.forEach((seen, data) -> soft.assertThat(after.get(seen))
                .as("GET %s after the malformed requests to %s", seen, endpoint).isEqualTo(data));
        soft.assertThat(workspaceCount()).as("workspaces after the malformed requests to %s", endpoint)
                .isEqualTo(workspaceCount);
        soft.assertAll();

        if (readsBody) {
            expectValidSampleAccepted(endpoint, workspaces);
        }
    }

    /**
     * The valid sample body the malformed ones were made from is taken: tried in the workspace the
     * valid samples share, and where an earlier sample changed that one so that this one no longer
     * applies (a campaign sent, a list deleted), in a fresh one, whose answer counts.
     */
    private void expectValidSampleAccepted(Endpoint endpoint, SharedWorkspaces workspaces) {
        Reply valid = sendValidSample(endpoint, workspaces.forValidSample(false));
        if (valid.status() < 200 || valid.status() > 299) {
            valid = sendValidSample(endpoint, workspaces.forValidSample(true));
        }
        assertThat(valid.status()).as("the valid sample body of %s, which the malformed ones were made from: %s",
                endpoint, valid.body()).isBetween(200, 299);
    }

    private Reply sendValidSample(Endpoint endpoint, SampleWorkspace workspace) {
        Caller caller = endpoint.dialect().caller(workspace.callerFor(endpoint, Api.at(port)));
        return caller.bytes(endpoint.method(), path(endpoint, workspace, true), validType(endpoint),
                validBody(endpoint, workspace));
    }

    /**
     * Sample workspaces that consecutive sweeps share, which saves making one and reading it twice
     * per endpoint: malformed requests change nothing, so each sweep is compared with what the API
     * showed after the sweep before. A workspace serves only as many calls as its keys may make at
     * once (the rate limit's burst, counting the calls that made it), so no sweep meets a 429;
     * then the next sweep gets a new one. The valid samples, which do change their workspace,
     * share workspaces of their own.
     */
    private final class SharedWorkspaces {

        /** The calls {@link SampleWorkspace#create} takes of its key (20), with room to spare. */
        private static final int CALLS_TO_MAKE = 25;

        private SampleWorkspace current;
        private Map<String, JsonNode> seen;
        private int callsLeft;
        private int readsLeft;
        private SampleWorkspace forValid;
        private int validCallsLeft;

        SampleWorkspace current() {
            return current != null ? current : renewedFor(0);
        }

        /** Whether the current workspace's keys can make {@code calls} more, and the snapshot after them. */
        boolean takes(int calls) {
            if (calls > callsLeft || current.snapshotReads() > readsLeft) {
                return false;
            }
            callsLeft -= calls;
            return true;
        }

        /** A new workspace, read once, whose key is to make {@code calls}. */
        SampleWorkspace renewedFor(int calls) {
            current = SampleWorkspace.create(Api.at(port));
            callsLeft = rateLimitBurst - CALLS_TO_MAKE;
            readsLeft = rateLimitBurst;
            seen = snapshot();
            assertThat(takes(calls)).as("%s calls and a snapshot within one key's burst of %s", calls, rateLimitBurst)
                    .isTrue();
            return current;
        }

        /** What the API showed of the current workspace after the last sweep (or its making). */
        Map<String, JsonNode> seen() {
            return seen;
        }

        /** Reads the current workspace again: what the next sweep is compared with. */
        Map<String, JsonNode> seenAgain() {
            seen = snapshot();
            return seen;
        }

        private Map<String, JsonNode> snapshot() {
            readsLeft -= current.snapshotReads();
            return current.snapshot();
        }

        /** The workspace valid samples share, or a fresh one. */
        SampleWorkspace forValidSample(boolean fresh) {
            if (forValid == null || fresh || validCallsLeft == 0) {
                forValid = SampleWorkspace.create(Api.at(port));
                validCallsLeft = rateLimitBurst - CALLS_TO_MAKE;
            }
            validCallsLeft--;
            return forValid;
        }
    }

    /**
     * Every endpoint of every API refuses an address that sent too many unknown keys with 429 and
     * Retry-After in its API's error shape, before it looks at the key, the path or the body, and
     * changes nothing. The calls come from a loopback address of their own, with a valid key.
     */
    @Test
    void everyEndpointRefusesAnAddressThatSentTooManyUnknownKeysInItsApisShape() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        Map<String, JsonNode> before = workspace.snapshot();
        Api guesser = Api.at(port).fromAnAddressOfItsOwn();
        for (int i = 0; i < failedSignIns; i++) {
            guesser.withKey("crier_guess_" + i).get("/v1/lists").expectError(401, "UNAUTHORIZED");
        }
        Caller valid = guesser.withKey(workspace.caller.key());

        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : Endpoint.all(handlers)) {
            String path = endpoint.idCollection() == null ? endpoint.path("") : endpoint.path(workspace.campaign);
            Reply reply = endpoint.dialect().caller(valid).request(endpoint.method(), path, null);
            String what = endpoint.key() + " answered " + reply.status() + " " + abbreviated(reply.body());
            soft.assertThat(reply.status()).as(what).isEqualTo(429);
            soft.assertThat(reply.header("Retry-After")).as("Retry-After: " + what).isNotBlank();
            endpoint.dialect().expectError(soft, reply, null, what);
        }
        soft.assertAll();
        assertThat(workspace.snapshot()).isEqualTo(before);
    }

    /**
     * An endpoint with neither a body nor an id (clearing the dev inbox) ignores any body and acts;
     * the sweep can only check that nothing it sends breaks it, and that nothing else changes.
     */
    private static boolean actsOnTheWholeCollection(Endpoint endpoint) {
        return endpoint.body() == Body.NONE && endpoint.idCollection() == null;
    }

    /** Real ids where the endpoint reads a body; where it reads none, an id that does not exist. */
    private static String path(Endpoint endpoint, SampleWorkspace workspace, boolean readsBody) {
        String collection = endpoint.idCollection();
        if (collection == null) {
            return endpoint.path("");
        }
        // Members are removed from a list: the sample workspace's contact list for that call is its list, not its segment.
        String id = endpoint.key().equals("POST /v1/contact-lists/{id}/contacts/remove") ? workspace.list
                : workspace.idIn(collection);
        assertThat(id).as("an object of the sample workspace for the {id} of %s", endpoint).isNotNull();
        return endpoint.path(readsBody ? id : UUID.randomUUID().toString());
    }

    private List<Malformed> bodies(Endpoint endpoint, SampleWorkspace workspace) {
        long limit = limit(endpoint);
        if (endpoint.body() == Body.NONE) {
            return MalformedBodies.json("{}", JsonSample.of("{}"), true, limit, true);
        }
        MediaType type = endpoint.contentType();
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            JsonSample sample = sample(endpoint);
            return MalformedBodies.json(workspace.fill(sample.json()), sample, endpoint.body() == Body.REQUIRED, limit,
                    limit == bodySize.toBytes());
        }
        if (isCsv(type)) {
            return MalformedBodies.csv(type.toString(), SampleBodies.CSV, limit);
        }
        assertThat(type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)).as("a known content type: %s", endpoint)
                .isTrue();
        return MalformedBodies.multipart(SampleBodies.CSV, limit);
    }

    private static String validType(Endpoint endpoint) {
        return endpoint.contentType().isCompatibleWith(MediaType.MULTIPART_FORM_DATA) ? SampleBodies.multipartType()
                : endpoint.contentType().toString();
    }

    private static byte[] validBody(Endpoint endpoint, SampleWorkspace workspace) {
        MediaType type = endpoint.contentType();
        String body = isCsv(type) ? SampleBodies.CSV
                : type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA) ? SampleBodies.multipart(SampleBodies.CSV)
                : workspace.fill(sample(endpoint).json());
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonSample sample(Endpoint endpoint) {
        JsonSample sample = SampleBodies.json(endpoint);
        assertThat(sample).as("a sample body for %s in SampleBodies", endpoint.key()).isNotNull();
        return sample;
    }

    /**
     * Contact imports and transactional mail (its attachments) take larger bodies, as
     * RequestSizeLimitFilter decides by path; Leadterra's leads/bulk, which holds its leads at
     * once, an ordinary one.
     */
    private long limit(Endpoint endpoint) {
        boolean bulkImport = endpoint.pattern().endsWith("/contacts/import")
                || endpoint.pattern().endsWith("/contacts/bulk");
        boolean mail = endpoint.pattern().equals("/v1/mails/send") || endpoint.pattern().equals("/v1/mails/bulk");
        return (bulkImport ? importBodySize : mail ? mailBodySize : bodySize).toBytes();
    }

    private static boolean isCsv(MediaType type) {
        return type.getSubtype().equals("csv");
    }

    private long workspaceCount() {
        return jdbc.sql("select count(*) from workspace").query(Long.class).single();
    }

    /**
     * A 4xx (never a 429, which would mean the body was not even looked at) in the API's error
     * shape; where the endpoint reads the body, also the status and field the body calls for.
     */
    private static void expectRefused(SoftAssertions soft, Endpoint endpoint, Malformed malformed, Reply reply,
            boolean readsBody) {
        String what = endpoint.key() + " with " + malformed + " answered " + reply.status() + " "
                + abbreviated(reply.body());
        soft.assertThat(reply.status()).as(what).isBetween(400, 499).isNotEqualTo(429);
        if (readsBody && malformed.expectedStatus() != 0) {
            soft.assertThat(reply.status()).as("status: " + what).isEqualTo(malformed.expectedStatus());
        }
        endpoint.dialect().expectError(soft, reply, readsBody ? malformed.field() : null, what);
    }

    private static String abbreviated(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
