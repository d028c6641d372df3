package io.crier.mcp;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import io.crier.access.AccessService;
import io.crier.access.ApiPrincipal;
import io.crier.access.CallerScopes;
import io.crier.access.McpAccess;
import io.crier.access.Scope;
import io.crier.shared.ErrorBody;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a tool: its arguments become the API call it stands for, made inside the server as the
 * caller with no more scopes than the tool needs ({@link CallerScopes}), and the API's answer, or
 * its error naming the field, becomes the tool's result. Nothing a tool is given becomes a 5xx or
 * ends the client's session: every failure is a tool error.
 */
final class ToolCalls {

    /** Where the MCP request waits for the tools, in the transport context. */
    static final String REQUEST = "request";

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

    private final AccessService access;
    private final JsonMapper json;

    ToolCalls(AccessService access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    CallToolResult call(RestTool tool, McpTransportContext context, Map<String, Object> given) {
        Map<String, Object> arguments = given == null ? Map.of() : given;
        ApiPrincipal caller = CallerScopes.current();
        McpAccess allowed = access.mcpAccess(caller.workspaceId());
        if (allowed != McpAccess.FULL && !tool.readOnly()) {
            return failed(error(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This workspace's MCP access is read-only:"
                    + " " + tool.name() + " changes data. An admin key lifts it with PATCH /v1/workspaces/current"
                    + " {\"mcp\": \"full\"}", List.of()));
        }
        String reached = McpRefusal.reachedFor(tool, arguments);
        if (reached != null) {
            return failed(McpRefusal.refusal(reached));
        }
        List<FieldProblem> missing = tool.pathVariables().stream()
                .filter(name -> arguments.get(name) == null || arguments.get(name).toString().isBlank())
                .map(name -> new FieldProblem(name, "is required")).toList();
        if (!missing.isEmpty()) {
            return failed(error(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "Validation failed", missing));
        }
        try {
            InProcessApi.Answer answer = CallerScopes.narrowedTo(scopesFor(tool, allowed), () -> InProcessApi.call(
                    (HttpServletRequest) context.get(REQUEST), tool.method(), target(tool, arguments),
                    body(tool, arguments)));
            if (answer.status() == HttpStatus.FORBIDDEN.value() && caller.has(tool.scope())) {
                // The key may do what the tool does: the API refused what the call reached for beyond it.
                return failed(McpRefusal.refusal(null));
            }
            return result(answer);
        } catch (Exception e) {
            log.error("MCP tool {} failed", tool.name(), e);
            return failed(error(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                    "The tool failed; the server's log has why", List.of()));
        }
    }

    /** {@code read}, {@code write} where the workspace allows it, and {@code send} only for the tool that needs it. */
    private static Set<Scope> scopesFor(RestTool tool, McpAccess allowed) {
        Set<Scope> scopes = allowed == McpAccess.FULL ? EnumSet.of(Scope.READ, Scope.WRITE) : EnumSet.of(Scope.READ);
        if (tool.scope() == Scope.SEND && allowed == McpAccess.FULL) {
            scopes.add(Scope.SEND);
        }
        return scopes;
    }

    /** The call's path with the path variables in, and for a GET the other arguments as its query. */
    private static String target(RestTool tool, Map<String, Object> arguments) {
        String path = tool.path();
        for (String variable : tool.pathVariables()) {
            path = path.replace("{" + variable + "}",
                    UriUtils.encodePathSegment(arguments.get(variable).toString(), StandardCharsets.UTF_8));
        }
        if (tool.takesBody()) {
            return path;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        nonPathArguments(tool, arguments).forEach((name, value) -> {
            for (Object each : value instanceof List<?> list ? list : List.of(value)) {
                uri.queryParam(name, UriUtils.encodeQueryParam(String.valueOf(each), StandardCharsets.UTF_8));
            }
        });
        return uri.build(true).toUriString();
    }

    private byte[] body(RestTool tool, Map<String, Object> arguments) {
        return tool.takesBody() ? json.writeValueAsBytes(nonPathArguments(tool, arguments)) : null;
    }

    private static Map<String, Object> nonPathArguments(RestTool tool, Map<String, Object> arguments) {
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        tool.pathVariables().forEach(rest::remove);
        if (!tool.takesBody()) {
            rest.values().removeIf(value -> value == null);
        }
        return rest;
    }

    private CallToolResult result(InProcessApi.Answer answer) {
        CallToolResult.Builder result = CallToolResult.builder().addContent(TextContent.builder(answer.body()).build())
                .isError(!answer.succeeded());
        if (answer.succeeded() && answer.body().startsWith("{")) {
            result.structuredContent(json.readValue(answer.body(), Map.class));
        }
        return result.build();
    }

    private CallToolResult failed(ErrorBody error) {
        return CallToolResult.builder().addContent(TextContent.builder(json.writeValueAsString(error)).build())
                .isError(true).build();
    }

    private static ErrorBody error(HttpStatus status, String code, String message, List<FieldProblem> details) {
        return new ErrorBody(false, new ErrorBody.Error(code, message, status.value(),
                details.isEmpty() ? null : details, null));
    }
}
