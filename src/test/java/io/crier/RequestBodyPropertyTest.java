package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.Endpoint.Body;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.Reply;
import io.crier.support.SharedCrier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated request bodies for every JSON endpoint of every API, on the running Crier the
 * {@code @CrierApiTest} classes share (tagged {@code db}: once on H2, once on PostgreSQL): each
 * endpoint's valid sample with one field given any JSON value, or left out, or an unknown field
 * added, or any JSON at all. Whatever the body, the answer is no 5xx.
 */
@Tag("db")
class RequestBodyPropertyTest {

    /**
     * Values a field is given: texts the checks care about, besides any text. No template that
     * passes the checks and fails at send: its deliveries would be retried on the database every
     * context of the suite shares (a clocked engine's counters would count them).
     */
    private static final List<String> TELLING_TEXTS = List.of("", " ", "\u0000", "a\r\nBcc: x@evil.example",
            "+300000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2030-01-01T09:00:00", "-000001-01-01T00:00:00Z",
            "\"x>,<https://evil.example\"@sample.example", "a@[127.0.0.1]", "a@localhost", "UPPER@Sample.Example",
            "{{ firstName }}", "{{", "{% for x in [1, 2] %}{{ x }}{% endfor %}", "{{ nosuchfilter | x }}",
            "<a href=\"https://{{ host }}/x\">x</a>", "https://hooks.sample.example/" + "a".repeat(3_000),
            "00000000-0000-0000-0000-000000000000", "Europe/Berlin", "Not/AZone", "gradual", "1.5x", "draft");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One endpoint with the path, caller and sample body the tries start from. */
    record Target(Endpoint endpoint, String path, Caller caller, JsonNode sample, List<String> fields) {

        Reply send(JsonNode body) {
            return caller.bytes(endpoint.method(), path, MediaType.APPLICATION_JSON_VALUE,
                    Api.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<Target> targets;

    @BeforeContainer
    static void startCrier() {
        ApplicationContext crier = SharedCrier.context();
        Api api = SharedCrier.api(crier).fromAnAddressOfItsOwn();
        SampleWorkspace workspace = SampleWorkspace.create(api);
        targets = Endpoint.all(crier.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class))
                .stream()
                .filter(endpoint -> endpoint.body() != Body.NONE
                        && endpoint.contentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                .map(endpoint -> target(endpoint, workspace, api))
                .toList();
        assertThat(targets).as("JSON endpoints").hasSizeGreaterThan(30);
    }

    @Property(tries = 300)
    void noRequestBodyGetsA5xx(@ForAll("requests") Request request) {
        Reply reply = request.target().send(request.body());
        assertThat(reply.status()).as("%s with %s answered %s", request.target().endpoint(), request.body(),
                reply.body()).isLessThan(500);
    }

    record Request(Target target, JsonNode body) {

        @Override
        public String toString() {
            return target.endpoint().key() + " " + body;
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        return Arbitraries.of(targets).flatMap(target -> bodies(target).map(body -> new Request(target, body)));
    }

    private static Arbitrary<JsonNode> bodies(Target target) {
        Arbitrary<JsonNode> anything = values();
        Arbitrary<JsonNode> extraField = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(12), values())
                .as((name, value) -> ((ObjectNode) target.sample().deepCopy()).set(name, value));
        if (target.fields().isEmpty() || !target.sample().isObject()) {
            return Arbitraries.frequencyOf(Tuple.of(3, anything), Tuple.of(1, Arbitraries.just(target.sample())));
        }
        Arbitrary<String> field = Arbitraries.of(target.fields());
        Arbitrary<JsonNode> oneFieldChanged = Combinators.combine(field, values())
                .as((path, value) -> MalformedBodies.with(target.sample(), path, value));
        Arbitrary<JsonNode> oneFieldLeftOut = field
                .map(path -> MalformedBodies.without(target.sample(), path));
        return Arbitraries.frequencyOf(Tuple.of(8, oneFieldChanged), Tuple.of(2, oneFieldLeftOut),
                Tuple.of(1, extraField), Tuple.of(1, anything));
    }

    /** Any JSON value, three levels deep at most, with texts the checks care about now and then. */
    private static Arbitrary<JsonNode> values() {
        return Arbitraries.recursive(RequestBodyPropertyTest::scalars, inner -> Arbitraries.frequencyOf(
                Tuple.of(3, inner),
                Tuple.of(1, inner.list().ofMaxSize(4).map(elements -> NODES.arrayNode().addAll(elements))),
                Tuple.of(1, Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(10), inner).ofMaxSize(4)
                        .map(members -> (JsonNode) NODES.objectNode().setAll(Map.copyOf(members))))), 0, 3);
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40).map(NODES::stringNode)),
                Tuple.of(3, Arbitraries.of(TELLING_TEXTS).map(NODES::stringNode)),
                Tuple.of(1, Arbitraries.strings().withChars('x', '{', '}', '%', ' ').ofMinLength(1_000)
                        .ofMaxLength(100_000).map(NODES::stringNode)),
                Tuple.of(2, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
    }

    private static Target target(Endpoint endpoint, SampleWorkspace workspace, Api api) {
        JsonSample sample = SampleBodies.json(endpoint);
        assertThat(sample).as("a sample body for %s in SampleBodies", endpoint.key()).isNotNull();
        JsonNode body = Api.JSON.readTree(workspace.fill(sample.json()));
        String collection = endpoint.idCollection();
        String path = collection == null ? endpoint.path("") : endpoint.path(workspace.idIn(collection));
        return new Target(endpoint, path, endpoint.dialect().caller(workspace.callerFor(endpoint, api)), body,
                MalformedBodies.paths(body, sample));
    }
}
