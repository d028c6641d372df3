package io.crier.compat.blueshift;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The Blueshift operations of the OpenAPI document: HTTP Basic with the API key as user name
 * instead of the native bearer scheme, and Blueshift's {@code {"message"}} error answers.
 */
@Component
class BlueshiftOpenApi implements OpenApiCustomizer {

    static final String SCHEME = "blueshiftKey";
    static final String ERROR_SCHEMA = "BlueshiftError";

    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid input; the message names each field",
            "401", "Missing or unknown API key, or not HTTP Basic with the key as user name",
            "403", "The API key lacks the scope this call needs",
            "404", "Campaign not found (in the caller's workspace)",
            "422", "The campaign's status forbids this",
            "429", "Rate limit exceeded");

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description("Blueshift's authentication: the Crier API key as user name, an empty password"));
        components.addSchemas(ERROR_SCHEMA, new ObjectSchema().addProperty("message", new StringSchema()));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(BlueshiftSecurity.BASE + "/")) {
                item.readOperationsMap().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            addIfAbsent(operation, "400");
        }
        addIfAbsent(operation, "401");
        addIfAbsent(operation, "403");
        if (path.contains("{")) {
            addIfAbsent(operation, "404");
        }
        if (method != PathItem.HttpMethod.GET) {
            addIfAbsent(operation, "422");
        }
        addIfAbsent(operation, "429");
    }

    private static void addIfAbsent(Operation operation, String status) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse()
                    .description(ERRORS.get(status))
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
        }
    }
}
