package io.crier.mcp;

import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each tool's input schema, taken from the OpenAPI document of the call it makes (which springdoc
 * builds from the same request types the API reads): its path and query parameters, and its JSON
 * body's properties, less those the tool withholds. The schemas the body refers to come along under
 * {@code $defs}, so each tool's schema stands alone.
 */
final class ToolSchemas {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String DEFS = "#/$defs/";

    private final JsonMapper json;
    private final JsonNode openApi;

    /** {@code openApi}: the API's OpenAPI document (an empty object when it is not served). */
    ToolSchemas(JsonMapper json, JsonNode openApi) {
        this.json = json;
        this.openApi = openApi;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> inputSchema(RestTool tool) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.createArrayNode();
        JsonNode operation = openApi.path("paths").path(tool.path()).path(tool.method().toLowerCase(Locale.ROOT));
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asString();
            if (in.equals("path") || in.equals("query")) {
                ObjectNode property = parameter.path("schema") instanceof ObjectNode given ? given.deepCopy()
                        : json.createObjectNode();
                if (parameter.has("description")) {
                    property.set("description", parameter.get("description"));
                }
                properties.set(parameter.path("name").asString(), property);
            }
        }
        for (String variable : tool.pathVariables()) {
            if (!properties.has(variable)) {
                properties.putObject(variable).put("type", "string");
            }
            required.add(variable);
        }
        JsonNode body = referenced(operation.path("requestBody").path("content").path("application/json")
                .path("schema"));
        for (Map.Entry<String, JsonNode> property : body.path("properties").properties()) {
            if (!tool.withheld().contains(property.getKey()) && !properties.has(property.getKey())) {
                properties.set(property.getKey(), property.getValue().deepCopy());
            }
        }
        for (JsonNode name : body.path("required")) {
            if (!tool.withheld().contains(name.asString())) {
                required.add(name.asString());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        ObjectNode defs = json.createObjectNode();
        collectReferenced(properties, defs);
        if (!defs.isEmpty()) {
            schema.set("$defs", defs);
        }
        pointRefsAtDefs(schema);
        return json.convertValue(schema, Map.class);
    }

    /** The schema a {@code $ref} to the document's components points at, or {@code schema} itself. */
    private JsonNode referenced(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith(COMPONENTS) ? component(ref) : schema;
    }

    private JsonNode component(String ref) {
        return openApi.path("components").path("schemas").path(ref.substring(COMPONENTS.length()));
    }

    private void collectReferenced(JsonNode node, ObjectNode defs) {
        String ref = node.path("$ref").asString("");
        if (ref.startsWith(COMPONENTS) && !defs.has(ref.substring(COMPONENTS.length()))) {
            JsonNode component = component(ref);
            defs.set(ref.substring(COMPONENTS.length()), component.deepCopy());
            collectReferenced(component, defs);
        }
        for (JsonNode child : node) {
            collectReferenced(child, defs);
        }
    }

    private static void pointRefsAtDefs(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("$ref").asString("").startsWith(COMPONENTS)) {
            object.put("$ref", DEFS + object.get("$ref").asString().substring(COMPONENTS.length()));
        }
        for (JsonNode child : node) {
            pointRefsAtDefs(child);
        }
    }
}
