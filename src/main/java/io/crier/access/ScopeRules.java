package io.crier.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one table that says which scope each API call needs. The first matching rule wins; a call
 * no rule names needs {@code read} when it only reads and {@code write} otherwise.
 */
final class ScopeRules {

    private record Rule(HttpMethod method, PathPattern path, Scope scope) {

        boolean matches(HttpMethod requestMethod, PathContainer requestPath) {
            return (method == null || method.equals(requestMethod)) && path.matches(requestPath);
        }
    }

    private static final List<Rule> RULES = List.of(
            rule(null, "/v1/workspaces/**", Scope.ADMIN),
            rule(null, "/v1/api-keys/**", Scope.ADMIN),
            rule(HttpMethod.POST, "/v1/campaigns/{id}/{action:send|pause|resume|abort|retry-failed|test}",
                    Scope.SEND),
            rule(HttpMethod.POST, "/v1/mails/{action:send|bulk}", Scope.SEND));

    private ScopeRules() {
    }

    static Scope requiredFor(HttpServletRequest request) {
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(
                request.getContextPath().length()));
        for (Rule rule : RULES) {
            if (rule.matches(method, path)) {
                return rule.scope();
            }
        }
        boolean readOnly = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                || method.equals(HttpMethod.OPTIONS);
        return readOnly ? Scope.READ : Scope.WRITE;
    }

    private static Rule rule(HttpMethod method, String pattern, Scope scope) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), scope);
    }
}
