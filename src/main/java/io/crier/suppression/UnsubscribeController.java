package io.crier.suppression;

import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.suppression.UnsubscribeTokens.Target;
import io.crier.suppression.UnsubscribeTokens.Test;

/**
 * The public unsubscribe pages, reached from the link in every message, without an API key.
 * {@code GET} only shows a confirmation page (link scanners and prefetchers fetch links; a GET
 * must change nothing); {@code POST}, from that page's form or as RFC 8058's one-click request a
 * mail client sends with the body {@code List-Unsubscribe=One-Click}, unsubscribes at once. Plain
 * HTML without JavaScript. A token Crier did not sign, or one altered, answers 404.
 */
@Hidden
@RestController
@RequestMapping(UnsubscribeController.PATH)
class UnsubscribeController {

    static final String PATH = "/u";

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
        // The form sends the same body as a one-click request, so both take the same path.
        return page(HttpStatus.OK, "Unsubscribe", """
                <h1>Unsubscribe</h1>
                <p>Do you want to stop receiving these emails?</p>
                %s<form method="post" action="%s/%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>""".formatted(note, PATH, token));
    }

    @PostMapping("/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        Optional<Target> target = unsubscribes.target(token);
        if (target.isEmpty()) {
            return notFound();
        }
        if (!unsubscribes.unsubscribe(target.get())) {
            return page(HttpStatus.OK, "Test message", """
                    <h1>Nothing changed</h1>
                    <p>This link comes from a test message or a preview, so it unsubscribed no one.</p>""");
        }
        return page(HttpStatus.OK, "Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>You will receive no more of these emails.</p>""");
    }

    private static ResponseEntity<String> notFound() {
        return page(HttpStatus.NOT_FOUND, "Link not valid", """
                <h1>This link is not valid</h1>
                <p>Use the unsubscribe link of the email exactly as it came.</p>""");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Robots-Tag", "noindex")
                .body("""
                        <!DOCTYPE html>
                        <html lang="en"><head><meta charset="utf-8">
                        <meta name="viewport" content="width=device-width, initial-scale=1">
                        <title>%s</title>
                        <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}</style>
                        </head><body>
                        %s
                        </body></html>
                        """.formatted(title, body));
    }
}
