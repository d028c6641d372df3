package io.crier.compat;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * A vendor dialect's operations in the OpenAPI document: the dialect's own security scheme and
 * error body on every operation under its base path, and the error answers each operation can give
 * (400 when it takes input, 404 when its path names something, 422 when it changes something, 503
 * when it pauses a campaign, or archives one it stops, and the fence is not confirmed).
 * Each dialect subclasses it as a bean with its own scheme, error schema and wording.
 */
public abstract class DialectOpenApi implements OpenApiCustomizer {

    private final String basePath;
    private final String schemeName;
    private final SecurityScheme scheme;
    private final String errorSchemaName;
    private final Schema<?> errorSchema;
    private final Map<String, String> errorDescriptions;

    /** {@code errorDescriptions}: for each of 400, 401, 403, 404, 422, 429 and 503, what it means here. */
    protected DialectOpenApi(String basePath, String schemeName, SecurityScheme scheme, String errorSchemaName,
            Schema<?> errorSchema, Map<String, String> errorDescriptions) {
        this.basePath = basePath;
        this.schemeName = schemeName;
        this.scheme = scheme;
        this.errorSchemaName = errorSchemaName;
        this.errorSchema = errorSchema;
        this.errorDescriptions = errorDescriptions;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(schemeName, scheme);
        components.addSchemas(errorSchemaName, errorSchema);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(basePath + "/")) {
                item.readOperationsMap().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(schemeName)));
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
        if (path.endsWith("/pause") || path.endsWith("/archive")) {
            addIfAbsent(operation, "503");
        }
    }

    private void addIfAbsent(Operation operation, String status) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse()
                    .description(errorDescriptions.get(status))
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + errorSchemaName)))));
        }
    }
}
