package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.Endpoint.Body;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated request bodies for every JSON endpoint of every API, on the running Crier the
 * {@code @CrierApiTest} classes share (once on H2, once on PostgreSQL): each endpoint's valid
 * sample with one field given any JSON value, or left out, or an unknown field added, or any JSON
 * at all. Whatever the body, the answer is no 5xx. The bodies come from a seeded generator, so a
 * failure names the seed of its try and that try can be run again alone ({@link #TRY}).
 *
 * <p>Written without a property-based testing library: jqwik, the one the issue named, prints
 * that AI agents, who write this code, must not use it; we respect that.
 */
@CrierApiTest
class RequestBodyPropertyTest {

    private static final int TRIES = 300;
    /** Set (for example to a failed try's seed) to run only that try. */
    private static final Long TRY = Long.getLong("crier.fuzz.seed");

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

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void noRequestBodyGetsA5xx() {
        Api api = Api.at(port).fromAnAddressOfItsOwn();
        SampleWorkspace workspace = SampleWorkspace.create(api);
        List<Target> targets = Endpoint.all(handlers).stream()
                .filter(endpoint -> endpoint.body() != Body.NONE
                        && endpoint.contentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                .map(endpoint -> target(endpoint, workspace, api))
                .toList();
        assertThat(targets).as("JSON endpoints").hasSizeGreaterThan(30);
        long first = TRY != null ? TRY : 20261206L;
        for (long seed = first; seed < first + (TRY != null ? 1 : TRIES); seed++) {
            Generator generate = new Generator(new Random(seed));
            Target target = generate.oneOf(targets);
            JsonNode body = generate.body(target);
            Reply reply = target.send(body);
            assertThat(reply.status()).as("try %d (-Dcrier.fuzz.seed=%d): %s with %s answered %s", seed - first, seed,
                    target.endpoint(), body, reply.body()).isLessThan(500);
        }
    }

    /** A way to make a value, and how often to choose it against the others. */
    private record Option(int weight, Supplier<JsonNode> make) {
    }

    /** Bodies and values drawn from one seeded random source. */
    private record Generator(Random random) {

        <T> T oneOf(List<T> choices) {
            return choices.get(random.nextInt(choices.size()));
        }

        /** One of the options, each as likely as its weight says. */
        private JsonNode pick(List<Option> options) {
            int pick = random.nextInt(options.stream().mapToInt(Option::weight).sum());
            for (Option option : options) {
                pick -= option.weight();
                if (pick < 0) {
                    return option.make().get();
                }
            }
            throw new IllegalStateException("weights changed while picking");
        }

        JsonNode body(Target target) {
            if (target.fields().isEmpty() || !target.sample().isObject()) {
                return pick(List.of(new Option(3, () -> value(3)), new Option(1, target::sample)));
            }
            return pick(List.of(
                    new Option(8, () -> MalformedBodies.with(target.sample(), oneOf(target.fields()), value(3))),
                    new Option(2, () -> MalformedBodies.without(target.sample(), oneOf(target.fields()))),
                    new Option(1, () -> ((ObjectNode) target.sample().deepCopy()).set(alpha(12), value(3))),
                    new Option(1, () -> value(3))));
        }

        /** Any JSON value, {@code depth} levels deep at most, with texts the checks care about now and then. */
        JsonNode value(int depth) {
            if (depth == 0) {
                return scalar();
            }
            return pick(List.of(
                    new Option(3, this::scalar),
                    new Option(1, () -> {
                        ArrayNode array = NODES.arrayNode();
                        for (int i = random.nextInt(5); i > 0; i--) {
                            array.add(value(depth - 1));
                        }
                        return array;
                    }),
                    new Option(1, () -> {
                        ObjectNode object = NODES.objectNode();
                        for (int i = random.nextInt(5); i > 0; i--) {
                            object.set(alpha(10), value(depth - 1));
                        }
                        return object;
                    })));
        }

        private JsonNode scalar() {
            return pick(List.of(
                    new Option(4, () -> NODES.stringNode(anyText(40))),
                    new Option(3, () -> NODES.stringNode(oneOf(TELLING_TEXTS))),
                    new Option(1, () -> NODES.stringNode(longText())),
                    new Option(2, () -> NODES.numberNode(random.nextLong())),
                    new Option(1, () -> NODES.numberNode(new BigInteger(100, random).subtract(BigInteger.TEN.pow(20)))),
                    new Option(1, () -> NODES.numberNode(Double.longBitsToDouble(random.nextLong()))),
                    new Option(1, () -> oneOf(List.of(NODES.booleanNode(true), NODES.booleanNode(false),
                            NODES.nullNode())))));
        }

        /** Up to {@code max} characters from the whole of Unicode's basic plane, surrogates and controls included. */
        private String anyText(int max) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(max + 1); i > 0; i--) {
                text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
            return text.toString();
        }

        /** 1,000 to 100,000 characters of template-like text. */
        private String longText() {
            String characters = "x{}% ";
            StringBuilder text = new StringBuilder();
            for (int i = 1_000 + random.nextInt(99_001); i > 0; i--) {
                text.append(characters.charAt(random.nextInt(characters.length())));
            }
            return text.toString();
        }

        private String alpha(int max) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(max + 1); i > 0; i--) {
                text.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
            }
            return text.toString();
        }
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
