package io.crier.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.crier.shared.ErrorBody;
import io.crier.shared.ErrorDialect;

/**
 * Adds the error answers every {@code /v1} call can give to each operation of the document (but
 * not to a vendor dialect's, which are in its own shape), and those of a few calls (a pause's or
 * an abort's unconfirmed fence, the test send's daily quota), with
 * the error envelope's schema: springdoc cannot see them, since authentication, scopes and rate
 * limits are decided in filters and errors are written by one exception handler.
 */
@Component
class ErrorResponses implements OpenApiCustomizer {

    private static final String ERROR_SCHEMA = ErrorBody.class.getSimpleName();
    /** The one call with a quota of its own besides the key's rate limit. */
    private static final String TEST_SEND = "/v1/campaigns/{id}/test";

    private final List<ErrorDialect> dialects;

    ErrorResponses(List<ErrorDialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        Map<String, Schema> errorSchemas = ModelConverters.getInstance().readAll(ErrorBody.class);
        errorSchemas.forEach(components::addSchemas);

        components.addResponses("BadRequest", error(
                "Invalid input: VALIDATION_FAILED, with details naming each field"));
        components.addResponses("Unauthorized", error("Missing or unknown API key: UNAUTHORIZED"));
        components.addResponses("Forbidden", error("The API key lacks the scope this call needs: FORBIDDEN"));
        components.addResponses("NotFound", error(
                "No such object in the caller's workspace, e.g. CONTACT_NOT_FOUND"));
        components.addResponses("RateLimited", error(
                "Over the API key's rate limit, or too many unknown keys from the client's address: RATE_LIMITED")
                .addHeaderObject("Retry-After", retryAfter()));
        components.addResponses("TestSendQuota", error(
                "Over the API key's rate limit, too many unknown keys from the client's address, or the messages "
                        + "do not fit in what is left of the workspace's daily test-send quota "
                        + "(crier.delivery.test-sends-per-day; nothing is sent): RATE_LIMITED")
                .addHeaderObject("Retry-After", retryAfter()));
        components.addResponses("FenceNotConfirmed", error(
                "The campaign is paused (or aborted), but not every node has confirmed yet that it stopped "
                        + "sending it, so a message may still begin: FENCE_NOT_CONFIRMED. Not a success: "
                        + "repeat the call, which changes nothing more and waits for the nodes again"));

        components.addResponses("IdempotencyConflict", error(
                "The Idempotency-Key was sent before with another request (IDEMPOTENCY_KEY_REUSED), or its first "
                        + "call is still running (IDEMPOTENCY_KEY_IN_PROGRESS: retry in a moment)"));

        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (item.getPost() != null && !isDialect(path) && (item.getPost().getParameters() == null
                    || item.getPost().getParameters().stream().noneMatch(p -> "Idempotency-Key".equals(p.getName())))) {
                item.getPost().addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("AutoSend's: the same key and body within 24 hours answers the first answer "
                                + "again (Idempotent-Replayed: true) and runs nothing")
                        .schema(new StringSchema().maxLength(255)));
                addIfAbsent(item.getPost(), "409", "IdempotencyConflict");
            }
        });
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (isDialect(path)) {
                return;
            }
            boolean takesInput = operation.getRequestBody() != null
                    || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (takesInput) {
                addIfAbsent(operation, "400", "BadRequest");
            }
            addIfAbsent(operation, "401", "Unauthorized");
            addIfAbsent(operation, "403", "Forbidden");
            if (path.contains("{")) {
                addIfAbsent(operation, "404", "NotFound");
            }
            if (path.endsWith("/pause") || path.endsWith("/abort")) {
                addIfAbsent(operation, "503", "FenceNotConfirmed");
            }
            if (path.equals(TEST_SEND)) {
                addIfAbsent(operation, "429", "TestSendQuota");
            }
            addIfAbsent(operation, "429", "RateLimited");
        }));
    }

    /** A vendor dialect documents its own error answers, in its own shape. */
    private boolean isDialect(String path) {
        return dialects.stream().anyMatch(dialect -> path.startsWith(dialect.pathPrefix()));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds until a call will be accepted again").schema(new IntegerSchema());
    }

    private static void addIfAbsent(Operation operation, String status, String sharedResponse) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status,
                    new ApiResponse().$ref("#/components/responses/" + sharedResponse));
        }
    }
}
