package io.crier.shared;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The small HTML pages the public reaches without an API key (unsubscribe and preference pages,
 * signup forms): no script, never cached, never indexed. The body is HTML the caller built, every
 * value in it escaped (Spring's {@code HtmlUtils.htmlEscape}).
 */
public final class PublicPage {

    private PublicPage() {
    }

    public static ResponseEntity<String> of(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
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
