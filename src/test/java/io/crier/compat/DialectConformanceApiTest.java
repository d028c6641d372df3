package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Blueshift's and Leadterra's documented calls as data: each case of
 * {@code conformance/blueshift.json} and {@code conformance/leadterra.json} (its file's
 * {@code about} says what a case holds) is one request against a running Crier, on a campaign in
 * the state the case gives, checked for the documented status, answer fields and values, or error
 * in the vendor's own shape. Adding a documented case is adding an entry there.
 */
@CrierApiTest
class DialectConformanceApiTest {

    private static final List<String> VENDORS = List.of("blueshift", "leadterra");

    @LocalServerPort
    int port;

    /** One case, with the file it comes from. */
    record Case(String vendor, String base, JsonNode spec) {

        @Override
        public String toString() {
            return vendor + ": " + spec.path("name").asString() + " (" + spec.path("call").asString() + ")";
        }
    }

    static Stream<Case> cases() {
        return VENDORS.stream().flatMap(vendor -> {
            JsonNode file = read("/conformance/" + vendor + ".json");
            return file.path("cases").valueStream().map(spec -> new Case(vendor, file.path("base").asString(), spec));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void documentedCall(Case conformance) {
        JsonNode spec = conformance.spec();
        Caller crier = Api.at(port).newWorkspace();
        Given given = conformance.vendor().equals("blueshift") ? Given.blueshift(crier) : Given.leadterra(crier);
        String campaign = given.campaign(spec.path("given").asString());
        String[] call = spec.path("call").asString().split(" ", 2);
        String path = conformance.base() + call[1].replace("{campaign}", String.valueOf(campaign));
        String body = spec.has("body") ? given.fill(spec.path("body").toString(), campaign) : null;

        Reply reply = caller(conformance, crier, spec.path("auth").asString("key")).request(call[0], path, body);

        assertThat(reply.status()).as("%s: %s", conformance, reply.body()).isEqualTo(spec.path("status").asInt());
        spec.path("fields").properties().forEach(fields -> assertThat(reply.json().at(fields.getKey()).propertyNames())
                .as("%s: names at '%s'", conformance, fields.getKey())
                .containsExactlyInAnyOrderElementsOf(fields.getValue().valueStream().map(JsonNode::asString).toList()));
        spec.path("values").properties().forEach(value -> assertThat(reply.json().at(value.getKey()))
                .as("%s: %s", conformance, value.getKey())
                .isEqualTo(Api.JSON.readTree(given.fill(value.getValue().toString(), campaign))));
        if (spec.has("error")) {
            expectError(conformance, reply, spec.path("error"));
        }
    }

    private Caller caller(Case conformance, Caller crier, String auth) {
        return switch (auth) {
            case "none" -> Api.at(port).anonymous();
            case "bearer" -> crier;
            case "key" -> conformance.vendor().equals("blueshift") ? crier.basic() : crier;
            default -> throw new IllegalArgumentException("auth " + auth + " of " + conformance);
        };
    }

    /**
     * Blueshift: a 400 is {@code {"errors": {field: [...]}}} naming the field, anything else only a
     * message containing the text. Leadterra: {@code {"error": {"code", "message"}}} with the code,
     * its message naming the field when there is one.
     */
    private static void expectError(Case conformance, Reply reply, JsonNode error) {
        JsonNode json = reply.json();
        if (conformance.vendor().equals("blueshift")) {
            if (reply.status() == 400) {
                assertThat(json.propertyNames()).as("%s: %s", conformance, reply.body()).containsExactly("errors");
                assertThat(json.path("errors").path(error.asString()).isArray()).as("%s: %s", conformance,
                        reply.body()).isTrue();
            } else {
                assertThat(json.propertyNames()).as("%s: %s", conformance, reply.body()).containsExactly("message");
                assertThat(json.path("message").asString()).as("%s", conformance).contains(error.asString());
            }
            return;
        }
        assertThat(json.path("error").path("code").asString()).as("%s: %s", conformance, reply.body())
                .isEqualTo(error.path("code").asString());
        if (error.has("field")) {
            assertThat(json.path("error").path("message").asString()).as("%s", conformance)
                    .contains(error.path("field").asString() + " ");
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = DialectConformanceApiTest.class.getResourceAsStream(resource)) {
            return Api.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    /** Makes the campaign a case starts from, through the vendor's own calls, and fills its placeholders. */
    private record Given(Caller vendor, String segment, String template, String email) {

        static Given blueshift(Caller crier) {
            String email = "conformance-" + UUID.randomUUID() + "@example.org";
            String template = crier.post("/v1/templates", Map.of("name", "Conformance", "subject", "Hello",
                    "html", "<p>Hi</p>")).expect(201).data().path("id").asString();
            return new Given(crier.basic(), Audiences.list(crier, List.of(email)), template, email);
        }

        static Given leadterra(Caller crier) {
            return new Given(crier, null, null, "lead-" + UUID.randomUUID() + "@example.org");
        }

        String fill(String json, String campaign) {
            return json.replace("{campaign}", String.valueOf(campaign)).replace("{segment}", String.valueOf(segment))
                    .replace("{template}", String.valueOf(template)).replace("{email}", email);
        }

        /** The campaign's id in this state; null for none. */
        String campaign(String state) {
            return segment != null ? blueshiftCampaign(state) : leadterraCampaign(state);
        }

        private String blueshiftCampaign(String state) {
            String campaigns = "/blueshift/api/v1/campaigns";
            return switch (state) {
                case "none" -> null;
                case "unknown" -> UUID.randomUUID().toString();
                case "draft" -> oneTime(false);
                case "launched" -> oneTime(true);
                case "paused" -> {
                    String id = oneTime(true);
                    vendor.patch(campaigns + "/" + id + "/pause", null).expect(200);
                    yield id;
                }
                case "archived" -> {
                    String id = oneTime(false);
                    vendor.put(campaigns + "/" + id + "/archive", null).expect(200);
                    yield id;
                }
                default -> throw new IllegalArgumentException("No Blueshift campaign is " + state);
            };
        }

        /** A one-time campaign to the segment, starting far ahead, so that a launched one sends nothing. */
        private String oneTime(boolean launch) {
            return vendor.post("/blueshift/api/v1/campaigns/one_time", Map.of("name", "Given", "startdate",
                    "2031-01-01T09:00:00.000Z", "launch", launch, "segment_uuid", segment, "triggers",
                    List.of(Map.of("template_uuid", template)))).expect(200).json().path("campaign").path("uuid")
                    .asString();
        }

        private String leadterraCampaign(String state) {
            String campaigns = "/leadterra/v1/campaigns";
            switch (state) {
                case "none" -> {
                    return null;
                }
                case "unknown" -> {
                    return UUID.randomUUID().toString();
                }
                case "draft", "enrolled", "running", "paused" -> {
                    // made below, each state one call further
                }
                default -> throw new IllegalArgumentException("No Leadterra campaign is " + state);
            }
            String id = vendor.post(campaigns, Map.of("name", "Given", "sequenceSteps", List.of(Map.of("subject",
                    "Hello", "bodyHtml", "<p>Hi</p>", "delayDays", 0)))).expect(201).json().path("id").asString();
            if (state.equals("draft")) {
                return id;
            }
            vendor.post(campaigns + "/" + id + "/leads/bulk", Map.of("leads", List.of(Map.of("email",
                    "given-" + email)))).expect(200);
            if (!state.equals("enrolled")) {
                vendor.post(campaigns + "/" + id + "/start").expect(200);
            }
            if (state.equals("paused")) {
                vendor.post(campaigns + "/" + id + "/pause").expect(200);
            }
            return id;
        }
    }
}
