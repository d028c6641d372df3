package io.crier.mcp;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.crier.shared.ErrorBody;
import io.crier.shared.FieldProblem;

/**
 * What an agent may not do through MCP, refused in AutoSend's words: whatever changes a live send
 * (starting, scheduling, publishing, pausing, resuming, aborting) must be called directly with an
 * API key from the operator's own infrastructure. Those calls are not tools; a tool's arguments
 * that reach for one ({@code sendNow} on an edit) are refused here, and the call itself runs
 * without the {@code send} scope, so the API refuses whatever else would ({@link ToolCalls}).
 */
final class McpRefusal {

    /** AutoSend's notice on its pause, resume and abort pages, word for word. */
    static final String NOTICE = "MCP Access Blocked — This endpoint is not accessible via MCP (Model Context"
            + " Protocol) integrations. It must be called directly using your API token from your own"
            + " infrastructure.";

    static final String CODE = "MCP_ACCESS_BLOCKED";

    private McpRefusal() {
    }

    /** The first withheld property {@code arguments} sets to anything but false or null, if any. */
    static String reachedFor(RestTool tool, Map<String, Object> arguments) {
        return tool.withheld().stream()
                .filter(name -> arguments.get(name) != null && !Boolean.FALSE.equals(arguments.get(name)))
                .findFirst().orElse(null);
    }

    /** The refusal, in the API's error envelope; {@code field} names what reached for it, if known. */
    static ErrorBody refusal(String field) {
        List<FieldProblem> details = field == null ? null
                : List.of(new FieldProblem(field, "starts a send, which MCP may not do"));
        return new ErrorBody(false, new ErrorBody.Error(CODE, NOTICE, HttpStatus.FORBIDDEN.value(), details, null));
    }
}
