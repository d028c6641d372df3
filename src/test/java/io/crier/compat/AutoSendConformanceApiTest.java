package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's documented calls, kept as data in {@code conformance/autosend.json} (each request,
 * answer field, status and error code its pages, the seeds and the reference notes show), run in
 * order against Crier. Adding a documented call is a step in that file, not code here.
 */
@CrierApiTest
class AutoSendConformanceApiTest {

    @LocalServerPort
    int port;

    @Test
    void everyDocumentedAutoSendCallAnswersAsTheDataSays() {
        Caller caller = Api.at(port).newWorkspace();
        Caller anonymous = Api.at(port).anonymous();
        Map<String, String> saved = new HashMap<>(Map.of("unknownId", UUID.randomUUID().toString()));
        JsonNode steps = conformance().path("steps");
        assertThat(steps.size()).as("steps in conformance/autosend.json").isGreaterThan(40);

        SoftAssertions soft = new SoftAssertions();
        for (JsonNode step : steps) {
            String[] call = step.path("call").asString().split(" ", 2);
            String name = step.path("call").asString();
            JsonNode body = step.path("body");
            Reply reply = (step.path("anonymous").asBoolean() ? anonymous : caller).request(call[0],
                    filled(call[1], saved), body.isMissingNode() ? null : filled(body.toString(), saved));
            JsonNode answer = reply.json();
            if (reply.status() != step.path("status").asInt()) {
                soft.fail("%s answered %d, not %d: %s", name, reply.status(), step.path("status").asInt(), reply.body());
                continue;
            }
            if (step.has("code")) {
                soft.assertThat(answer.path("error").path("code").asString()).as("%s error.code", name)
                        .isEqualTo(step.path("code").asString());
                soft.assertThat(answer.path("success").asBoolean()).as("%s success", name).isFalse();
            }
            if (step.has("message")) {
                soft.assertThat(answer.path("message").asString()).as("%s message", name)
                        .isEqualTo(step.path("message").asString());
            }
            step.path("fields").valueStream().map(JsonNode::asString).forEach(path ->
                    soft.assertThat(at(answer, path).isMissingNode()).as("%s has %s: %s", name, path, reply.body())
                            .isFalse());
            step.path("equals").propertyStream().forEach(expected -> {
                JsonNode value = at(answer, expected.getKey());
                String wanted = filled(expected.getValue().isString() ? expected.getValue().asString()
                        : expected.getValue().toString(), saved);
                soft.assertThat(value.isString() ? value.asString() : value.toString())
                        .as("%s %s", name, expected.getKey()).isEqualTo(wanted);
            });
            step.path("headers").valueStream().map(JsonNode::asString).forEach(header ->
                    soft.assertThat(reply.header(header)).as("%s header %s", name, header).isNotBlank());
            step.path("save").propertyStream().forEach(save ->
                    saved.put(save.getKey(), at(answer, save.getValue().asString()).asString()));
        }
        soft.assertAll();
    }

    /** The node at a dotted path; a number step is an array index. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(part))
                    : node.path(part);
        }
        return node;
    }

    private static String filled(String text, Map<String, String> saved) {
        String filled = text;
        for (Map.Entry<String, String> value : saved.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private static JsonNode conformance() {
        try (InputStream in = AutoSendConformanceApiTest.class.getResourceAsStream("/conformance/autosend.json")) {
            return Api.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
