package io.crier.compat.blueshift;

import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.stereotype.Component;

import io.crier.compat.DialectOpenApi;

/**
 * The Blueshift operations of the OpenAPI document: HTTP Basic with the API key as user name
 * instead of the native bearer scheme, and Blueshift's error answers: {@code {"message"}}, or
 * {@code {"errors": {field: [...]}}} for a 400 naming fields.
 */
@Component
class BlueshiftOpenApi extends DialectOpenApi {

    static final String SCHEME = "blueshiftKey";
    static final String ERROR_SCHEMA = "BlueshiftError";

    BlueshiftOpenApi() {
        super(BlueshiftSecurity.BASE, SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("Blueshift's authentication: the Crier API key as user name, an empty password"),
                ERROR_SCHEMA, new ObjectSchema().addProperty("message", new StringSchema())
                        .addProperty("errors", new MapSchema().additionalProperties(
                                new ArraySchema().items(new StringSchema()))),
                Map.of("400", "Invalid input: {\"errors\": {field: [messages]}} naming each field",
                        "401", "Missing or unknown API key, or not HTTP Basic with the key as user name",
                        "403", "The API key lacks the scope this call needs",
                        "404", "Campaign (or, for a test send, template) not found in the caller's workspace",
                        "422", "The campaign's status forbids this",
                        "429", "Rate limit exceeded",
                        "503", "The campaign is paused (by a pause, or an archive that stops it), but not every node "
                                + "has confirmed yet that it stopped sending "
                                + "it: not a success, repeat the call (the message says so)"));
    }
}
