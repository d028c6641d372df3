package io.crier.suppression;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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
import io.crier.audience.UnsubscribeGroups;
import io.crier.shared.Ids;
import io.crier.shared.PublicPage;
import io.crier.suppression.UnsubscribeTokens.Target;
import io.crier.suppression.UnsubscribeTokens.Test;

/**
 * The public preference pages, reached from the unsubscribe link in every message, without an API
 * key: leave the unsubscribe group the mail was sent under, choose the groups to keep, leave the
 * lists the campaign was sent to, or unsubscribe from everything (the workspace's suppression
 * list). {@code GET} only shows the page (link scanners and prefetchers fetch links; a GET must
 * change nothing); {@code POST}, from that page's form or as RFC 8058's one-click request a
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
    private static final String GROUP = "group";
    private static final String GROUPS = "groups";
    private static final String EVERYTHING = "everything";
    private static final String KEEP = "keep";

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
        return page(HttpStatus.OK, "Email preferences", """
                <h1>Email preferences</h1>
                %s%s%s%s<form method="post" action="%s">
                <input type="hidden" name="%s" value="%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>Stop receiving any email from this sender.</p>
                <button type="submit">Unsubscribe from everything</button>
                </form>""".formatted(note, leaveGroup(target.get(), action), leaveLists,
                groupChoices(target.get(), action), action, SCOPE, EVERYTHING));
    }

    /** The form that leaves the group the mail was sent under, first on the page; none without one. */
    private String leaveGroup(Target target, String action) {
        return unsubscribes.group(target).map(group -> """
                <form method="post" action="%s">
                <input type="hidden" name="%s" value="%s">
                <p>Stop receiving <strong>%s</strong>, and keep the sender's other emails.</p>
                <button type="submit">Leave %s</button>
                </form>
                """.formatted(action, SCOPE, GROUP, HtmlUtils.htmlEscape(group.name()),
                        HtmlUtils.htmlEscape(group.name()))).orElse("");
    }

    /** One checkbox per group of the workspace, ticked while the recipient gets its mail. */
    private String groupChoices(Target target, String action) {
        List<UnsubscribeGroups.Choice> choices = unsubscribes.groupChoices(target);
        if (choices.isEmpty()) {
            return "";
        }
        String boxes = choices.stream().map(choice -> """
                <p><label><input type="checkbox" name="%s" value="%s"%s> %s</label>%s</p>
                """.formatted(KEEP, choice.groupId(), choice.left() ? "" : " checked",
                        HtmlUtils.htmlEscape(choice.name()), choice.description() == null ? ""
                                : " <small>" + HtmlUtils.htmlEscape(choice.description()) + "</small>"))
                .collect(Collectors.joining());
        return """
                <form method="post" action="%s">
                <input type="hidden" name="%s" value="%s">
                <p>Choose what you receive:</p>
                %s<button type="submit">Save my choices</button>
                </form>
                """.formatted(action, SCOPE, GROUPS, boxes);
    }

    /**
     * What the page's forms ask, by their {@code scope}: {@code group} leaves the group the mail was
     * sent under, {@code groups} keeps the ticked groups and leaves the others, {@code lists} leaves
     * the campaign's lists, {@code everything} unsubscribes from everything. Any other body (RFC
     * 8058's one-click request) leaves the mail's group when it was sent under one, and else
     * unsubscribes from everything, as the {@code List-Unsubscribe} header has always meant. Only a
     * form-encoded body is read: a multipart one is never parsed here.
     */
    @PostMapping("/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, HttpServletRequest request) {
        Optional<Target> target = unsubscribes.target(token);
        if (target.isEmpty()) {
            return notFound();
        }
        String scope = formScope(request);
        if (GROUPS.equals(scope)) {
            List<UUID> kept = Arrays.stream(Optional.ofNullable(request.getParameterValues(KEEP)).orElse(new String[0]))
                    .map(Ids::parse).flatMap(Optional::stream).toList();
            List<UUID> leaving = unsubscribes.groupChoices(target.get()).stream()
                    .map(UnsubscribeGroups.Choice::groupId).filter(group -> !kept.contains(group)).toList();
            if (!unsubscribes.chooseGroups(target.get(), leaving)) {
                return unchanged();
            }
            return page(HttpStatus.OK, "Choices saved", """
                    <h1>Your choices are saved</h1>
                    <p>You receive only the emails you kept.</p>""");
        }
        Optional<Unsubscribes.Group> group = unsubscribes.group(target.get());
        if (GROUP.equals(scope) || scope == null && group.isPresent()) {
            if (group.isEmpty() || !unsubscribes.leaveGroup(target.get())) {
                return unchanged();
            }
            return page(HttpStatus.OK, "Group left", """
                    <h1>You left %s</h1>
                    <p>You still receive the sender's other emails.</p>""".formatted(
                    HtmlUtils.htmlEscape(group.get().name())));
        }
        if (LISTS.equals(scope)) {
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

    /** The {@code scope} a form of the page sent; null for any other body. */
    private static String formScope(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(type))
                ? request.getParameter(SCOPE) : null;
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
