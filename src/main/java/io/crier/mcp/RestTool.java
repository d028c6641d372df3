package io.crier.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crier.access.Scope;

/**
 * An MCP tool that is one call of the native API: its arguments are the call's path variables,
 * then its query parameters (a GET) or its JSON body's properties (any other method).
 *
 * @param path     the call's path pattern, e.g. {@code /v1/campaigns/{id}}
 * @param scope    what the tool needs of the caller's key; the call runs with no more than this
 *                 ({@code read} and {@code write}, or {@code send} for a test send)
 * @param withheld body properties the tool refuses, left out of its schema ({@link McpRefusal})
 */
record RestTool(String name, String title, String description, String method, String path, Scope scope,
        List<String> withheld) {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");

    static RestTool reads(String name, String title, String description, String path) {
        return new RestTool(name, title, description, "GET", path, Scope.READ, List.of());
    }

    boolean readOnly() {
        return scope == Scope.READ;
    }

    boolean takesBody() {
        return !method.equals("GET");
    }

    List<String> pathVariables() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PATH_VARIABLE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** "METHOD /path": the call the tool makes, as docs/api.md names it. */
    String call() {
        return method + " " + path;
    }
}
