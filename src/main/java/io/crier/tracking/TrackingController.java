package io.crier.tracking;

import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public ends of tracking, fetched by recipients' mail clients without an API key:
 * {@code /t/o/{token}} answers the open pixel (a transparent 1x1 GIF) and {@code /t/c/{token}}
 * redirects to the link's original address; both record the event first. A token Crier did not
 * sign, or one altered, answers 404 and records nothing. Nothing may be cached: every fetch of
 * the pixel must reach Crier.
 */
@Hidden
@RestController
@RequestMapping(TrackingController.PATH)
class TrackingController {

    static final String PATH = "/t";
    static final String OPEN = PATH + "/o/";
    static final String CLICK = PATH + "/c/";

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final MediaType GIF = MediaType.IMAGE_GIF;

    private final TrackingEvents events;

    TrackingController(TrackingEvents events) {
        this.events = events;
    }

    @GetMapping("/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        if (!events.open(token, request.getHeader(HttpHeaders.USER_AGENT), isHead(request))) {
            return notFound();
        }
        return ResponseEntity.ok().contentType(GIF).cacheControl(noCache()).header(HttpHeaders.PRAGMA, "no-cache")
                .header(HttpHeaders.EXPIRES, "0").body(PIXEL);
    }

    @GetMapping("/c/{token}")
    ResponseEntity<byte[]> click(@PathVariable String token, HttpServletRequest request) {
        Optional<String> url = events.click(token, request.getHeader(HttpHeaders.USER_AGENT), isHead(request));
        if (url.isEmpty()) {
            return notFound();
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, url.get()).cacheControl(noCache())
                .build();
    }

    private static boolean isHead(HttpServletRequest request) {
        return "HEAD".equals(request.getMethod());
    }

    private static CacheControl noCache() {
        return CacheControl.noStore().mustRevalidate();
    }

    private static ResponseEntity<byte[]> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).cacheControl(noCache())
                .body("Not found\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
