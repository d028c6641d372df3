package io.crier.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A table that says which scope each call of one API needs. The first matching rule wins; a call
 * no rule names needs {@code read} when it only reads and {@code write} otherwise. The native
 * API's table is {@link #NATIVE}; a dialect makes its own with {@link #of}.
 */
public final class ScopeRules {

    /** Calls with this method (any method if null) on paths matching this pattern need this scope. */
    public record Rule(HttpMethod method, PathPattern path, Scope scope) {

        boolean matches(HttpMethod requestMethod, PathContainer requestPath) {
            return (method == null || method.equals(requestMethod)) && path.matches(requestPath);
        }
    }

    static final ScopeRules NATIVE = of(
            // A workspace admin runs its own workspace, not the installation's list of them.
            rule(HttpMethod.POST, "/v1/workspaces", Scope.INSTALLATION),
            rule(null, "/v1/workspaces/**", Scope.ADMIN),
            rule(null, "/v1/api-keys/**", Scope.ADMIN),
            // Whoever holds a domain's signing key can sign mail as that domain.
            rule(HttpMethod.POST, "/v1/dkim-keys", Scope.ADMIN),
            rule(HttpMethod.DELETE, "/v1/dkim-keys/{id}", Scope.ADMIN),
            // A sending domain comes with a DKIM key, and verifying it lets the workspace send as it.
            rule(HttpMethod.POST, "/v1/domains/**", Scope.ADMIN),
            rule(HttpMethod.DELETE, "/v1/domains/{id}", Scope.ADMIN),
            // A webhook sends recipients' addresses and engagement wherever it points, more than
            // read shows; removing one silences whoever watches. Both are the workspace's set-up.
            rule(HttpMethod.POST, "/v1/webhooks", Scope.ADMIN),
            rule(HttpMethod.DELETE, "/v1/webhooks/{id}", Scope.ADMIN),
            rule(HttpMethod.PUT, "/v1/webhooks/{id}", Scope.ADMIN),
            // The secret lets whoever reads it forge the workspace's events; a resend posts a
            // payload of the caller's, signed with it, as if it were one.
            rule(HttpMethod.GET, "/v1/webhooks/{id}/reveal", Scope.ADMIN),
            rule(HttpMethod.POST, "/v1/webhooks/{id}/resend", Scope.ADMIN),
            // A provider webhook's URL lets whoever holds it report bounces and complaints, which
            // suppress addresses; removing one stops them being heard.
            rule(HttpMethod.POST, "/v1/feedback-hooks", Scope.ADMIN),
            rule(HttpMethod.DELETE, "/v1/feedback-hooks/{id}", Scope.ADMIN),
            // Which relays carry the workspace's mail is its set-up too (and its reputation's).
            rule(HttpMethod.POST, "/v1/relay-routes", Scope.ADMIN),
            rule(HttpMethod.DELETE, "/v1/relay-routes/{id}", Scope.ADMIN),
            // A polled mailbox holds a login to the operator's mail server, and its mail is read as the
            // workspace's bounces and replies: set-up, reading it included.
            rule(null, "/v1/mailboxes/**", Scope.ADMIN),
            // Unsuppressing mails people who unsubscribed or bounced again; suppressing stays write.
            rule(HttpMethod.DELETE, "/v1/suppressions/{email}", Scope.ADMIN),
            rule(HttpMethod.POST, "/v1/campaigns/{id}/{action:send|pause|resume|abort|retry-failed|test}",
                    Scope.SEND),
            rule(HttpMethod.POST, "/v1/mails/{action:send|bulk}", Scope.SEND),
            rule(HttpMethod.POST, "/v1/mails/{id}/cancel", Scope.SEND),
            // A reply to an inbound message is a transactional mail like any other.
            rule(HttpMethod.POST, "/v1/inbound/messages/{id}/reply", Scope.SEND),

            // A preview is a POST only because it takes a body; it changes nothing.
            rule(HttpMethod.POST, "/v1/campaigns/{id}/preview", Scope.READ),
            rule(HttpMethod.POST, "/v1/contact-lists/preview", Scope.READ));

    private final List<Rule> rules;

    private ScopeRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static ScopeRules of(Rule... rules) {
        return new ScopeRules(List.of(rules));
    }

    /** A rule; {@code pattern} is a Spring path pattern of the whole path, e.g. {@code /v1/campaigns/{id}/send}. */
    public static Rule rule(HttpMethod method, String pattern, Scope scope) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), scope);
    }

    Scope requiredFor(HttpServletRequest request) {
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(
                request.getContextPath().length()));
        for (Rule rule : rules) {
            if (rule.matches(method, path)) {
                return rule.scope();
            }
        }
        boolean readOnly = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                || method.equals(HttpMethod.OPTIONS);
        return readOnly ? Scope.READ : Scope.WRITE;
    }
}
