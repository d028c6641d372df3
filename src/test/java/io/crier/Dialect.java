package io.crier;

import java.util.List;

import org.assertj.core.api.SoftAssertions;

import io.crier.support.Caller;
import io.crier.support.Reply;

/**
 * The APIs the sweeps cover: the native API and each vendor dialect, with how a caller sends its
 * key there and the shape every error there has.
 */
enum Dialect {

    /** {@code {"success": false, "error": {"code", "message", "status", "details": [{"field", ...}]}}}. */
    NATIVE("/v1/") {
        @Override
        Caller caller(Caller caller) {
            return caller;
        }

        @Override
        void expectError(SoftAssertions soft, Reply reply, String field, String what) {
            soft.assertThat(reply.json().path("success").isBoolean() && !reply.json().path("success").booleanValue())
                    .as("success false: " + what).isTrue();
            soft.assertThat(reply.error().path("code").isString() && !reply.error().path("code").stringValue().isBlank())
                    .as("an error code: " + what).isTrue();
            soft.assertThat(reply.error().path("status").asInt()).as("error.status: " + what)
                    .isEqualTo(reply.status());
            if (field != null) {
                soft.assertThat(reply.error().path("details").valueStream().map(d -> d.path("field").asString()))
                        .as("fields named: " + what).contains(field);
            }
        }
    },

    /**
     * Blueshift: HTTP Basic with the key as user name; a 400 naming fields (the whole body is
     * {@code body}) is {@code {"errors": {"field": ["..."]}}}, every other error
     * {@code {"message": "..."}}.
     */
    BLUESHIFT("/blueshift/") {
        @Override
        Caller caller(Caller caller) {
            return caller.basic();
        }

        @Override
        void expectError(SoftAssertions soft, Reply reply, String field, String what) {
            if (reply.status() == 400 && (field != null || reply.json().has("errors"))) {
                soft.assertThat(reply.json().isObject() ? List.copyOf(reply.json().propertyNames()) : List.of())
                        .as("only errors: " + what).containsExactly("errors");
                soft.assertThat(reply.json().path("errors").properties()).as("fields named: " + what).isNotEmpty();
                reply.json().path("errors").properties().forEach(named -> soft.assertThat(named.getValue().path(0)
                        .asString("")).as("a message for " + named.getKey() + ": " + what).isNotBlank());
                if (field != null) {
                    soft.assertThat(reply.json().path("errors").path(field).isArray())
                            .as("the field named: " + what + " " + reply.body()).isTrue();
                }
                return;
            }
            soft.assertThat(reply.json().isObject() ? List.copyOf(reply.json().propertyNames()) : List.of())
                    .as("only a message: " + what).containsExactly("message");
            String message = reply.json().path("message").asString("");
            soft.assertThat(message).as("a message: " + what).isNotBlank();
            if (field != null) {
                soft.assertThat(message).as("the field named: " + what).contains(field + " ");
            }
        }
    },

    /**
     * Leadterra: Bearer like the native API; errors are {@code {"error": {"code", "message"}}}, the
     * message naming each field at fault (listed again under {@code errors}).
     */
    LEADTERRA("/leadterra/") {
        @Override
        Caller caller(Caller caller) {
            return caller;
        }

        @Override
        void expectError(SoftAssertions soft, Reply reply, String field, String what) {
            soft.assertThat(reply.error().path("code").asString("")).as("an error code: " + what)
                    .matches("[a-z_]+");
            String message = reply.error().path("message").asString("");
            soft.assertThat(message).as("a message: " + what).isNotBlank();
            soft.assertThat(reply.json().has("success")).as("no native envelope: " + what).isFalse();
            if (field != null) {
                soft.assertThat(message).as("the field named: " + what).contains(field + " ");
            }
        }
    };

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    /** The dialect a path pattern belongs to; null for paths outside every API (health, docs). */
    static Dialect of(String pattern) {
        for (Dialect dialect : values()) {
            if (pattern.startsWith(dialect.prefix)) {
                return dialect;
            }
        }
        return null;
    }

    /** The caller as clients of this API send its key. */
    abstract Caller caller(Caller caller);

    /** An error body of this API's shape; with a {@code field}, one that names it. */
    abstract void expectError(SoftAssertions soft, Reply reply, String field, String what);
}
