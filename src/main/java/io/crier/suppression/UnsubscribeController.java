package io.crier.suppression;

import java.util.Collection;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.crier.audience.ListSummary;
import io.crier.shared.PublicPage;
import io.crier.suppression.UnsubscribeTokens.Target;
import io.crier.suppression.UnsubscribeTokens.Test;

/**
 * The public preference pages, reached from the unsubscribe link in every message, without an API
 * key: leave the lists the campaign was sent to, or unsubscribe from everything (the workspace's
 * suppression list). {@code GET} only shows the page (link scanners and prefetchers fetch links; a GET
 * must change nothing); {@code POST}, from that page's form or as RFC 8058's one-click request a
 * mail client sends with the body {@code List-Unsubscribe=One-Click}, unsubscribes at once. Plain
 * HTML without JavaScript. A token Crier did not sign, or one altered, answers 404.
 */
@Hidden
@RestController
@RequestMapping(UnsubscribeController.PATH)
class UnsubscribeController {

    static final String PATH = "/u";
    private static final String SCOPE = "scope";
    private static final String LISTS = "lists";

    private final Unsubscribes unsubscribes;

    UnsubscribeController(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GetMapping("/{token}")
    ResponseEntity<String> confirm(@PathVariable String token) {
        Optional<Target> target = unsubscribes.target(token);
        if (target.isEmpty()) {
            return notFound();
        }
        String note = target.get() instanceof Test
                ? "<p>This link comes from a test message or a preview: it unsubscribes no one.</p>" : "";
        Collection<ListSummary> lists = unsubscribes.listsToLeave(target.get());
        String action = PATH + "/" + HtmlUtils.htmlEscape(token);
        String leaveLists = lists.isEmpty() ? "" : """
                <form method="post" action="%s">
                <input type="hidden" name="%s" value="%s">
                <p>Stop receiving <strong>%s</strong>, and keep your other subscriptions.</p>
                <button type="submit">Leave %s</button>
                </form>
                """.formatted(action, SCOPE, LISTS, names(lists), lists.size() == 1 ? "this list" : "these lists");
        // The last form sends the same body as a one-click request, so both take the same path.
        return page(HttpStatus.OK, "Email preferences", """
                <h1>Email preferences</h1>
                %s%s<form method="post" action="%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>Stop receiving any email from this sender.</p>
                <button type="submit">Unsubscribe from everything</button>
                </form>""".formatted(note, leaveLists, action));
    }

    /**
     * Leaves the campaign's lists when the page's first form says {@code scope=lists}; anything
     * else (the page's last form, RFC 8058's one-click body, any other body) unsubscribes from
     * everything, as the {@code List-Unsubscribe} header has always meant. Only a form-encoded
     * body is read: a multipart one is never parsed here.
     */
    @PostMapping("/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, HttpServletRequest request) {
        Optional<Target> target = unsubscribes.target(token);
        if (target.isEmpty()) {
            return notFound();
        }
        if (leavesListsOnly(request)) {
            Collection<ListSummary> lists = unsubscribes.listsToLeave(target.get());
            if (!unsubscribes.leaveLists(target.get())) {
                return unchanged();
            }
            return page(HttpStatus.OK, "List left", """
                    <h1>You left %s</h1>
                    <p>You stay subscribed to the sender's other lists.</p>""".formatted(names(lists)));
        }
        if (!unsubscribes.unsubscribe(target.get())) {
            return unchanged();
        }
        return page(HttpStatus.OK, "Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>You will receive no more of these emails.</p>""");
    }

    private static boolean leavesListsOnly(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(type))
                && LISTS.equals(request.getParameter(SCOPE));
    }

    private static String names(Collection<ListSummary> lists) {
        return HtmlUtils.htmlEscape(String.join(", ", lists.stream().map(ListSummary::name).toList()));
    }

    private static ResponseEntity<String> unchanged() {
        return page(HttpStatus.OK, "Test message", """
                <h1>Nothing changed</h1>
                <p>This link comes from a test message or a preview, so it unsubscribed no one.</p>""");
    }

    private static ResponseEntity<String> notFound() {
        return page(HttpStatus.NOT_FOUND, "Link not valid", """
                <h1>This link is not valid</h1>
                <p>Use the unsubscribe link of the email exactly as it came.</p>""");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return PublicPage.of(status, title, body);
    }
}
