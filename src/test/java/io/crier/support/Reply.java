package io.crier.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** An HTTP response as a test sees it: status, headers and the parsed JSON body. */
public record Reply(int status, HttpHeaders headers, String body, JsonNode json) {

    /** The envelope's {@code data}. */
    public JsonNode data() {
        return json.path("data");
    }

    /** The envelope's {@code error}. */
    public JsonNode error() {
        return json.path("error");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public Reply expect(int expectedStatus) {
        assertThat(status).as("HTTP status; body: %s", body).isEqualTo(expectedStatus);
        return this;
    }

    /** Asserts an error envelope with this status and code, and returns it for further checks. */
    public Reply expectError(int expectedStatus, String code) {
        expect(expectedStatus);
        assertThat(json.path("success").asBoolean(true)).as("success flag of %s", body).isFalse();
        assertThat(error().path("code").asString()).as("error code of %s", body).isEqualTo(code);
        assertThat(error().path("status").asInt()).isEqualTo(expectedStatus);
        return this;
    }

    /** Asserts a 400 VALIDATION_FAILED whose details name this field. */
    public Reply expectInvalidField(String field) {
        expectError(400, "VALIDATION_FAILED");
        assertThat(error().path("details").valueStream().map(d -> d.path("field").asString()))
                .as("fields named in %s", body).contains(field);
        return this;
    }
}
