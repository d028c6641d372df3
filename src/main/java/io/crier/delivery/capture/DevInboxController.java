package io.crier.delivery.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;

/** The capture server's mailbox, for the caller's workspace: what Crier would have delivered. */
@RestController
@Tag(name = "Dev inbox")
@RequestMapping("/v1/dev/inbox")
class DevInboxController {

    private static final Session PARSING = Session.getInstance(new Properties());

    private final DevInbox inbox;

    DevInboxController(DevInbox inbox) {
        this.inbox = inbox;
    }

    /** {@code from}: the From header's address (the envelope sender is a return path, VERP, one per delivery). */
    record Summary(long id, Instant receivedAt, String from, List<String> to, String subject) {
    }

    record Message(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo, String subject,
            Map<String, List<String>> headers, String html, String text, String raw) {
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller) {
        List<Summary> messages = inbox.list(caller.workspaceId()).stream()
                .map(mail -> {
                    MimeMessage parsed = parse(mail);
                    return new Summary(mail.id(), mail.receivedAt(), from(parsed, mail), mail.envelopeTo(),
                            subject(parsed));
                })
                .toList();
        return ApiResponse.of(Map.of("messages", messages, "total", messages.size()));
    }

    @GetMapping("/{id}")
    ApiResponse<Message> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        CapturedMail mail = parseId(id).flatMap(n -> inbox.find(caller.workspaceId(), n))
                .orElseThrow(() -> ApiException.notFound("MESSAGE", "Message"));
        MimeMessage parsed = parse(mail);
        Map<String, String> bodies = new LinkedHashMap<>();
        collectBodies(parsed, bodies);
        return ApiResponse.of(new Message(mail.id(), mail.receivedAt(), mail.envelopeFrom(), mail.envelopeTo(),
                subject(parsed), headers(parsed), bodies.get("text/html"), bodies.get("text/plain"),
                new String(mail.raw(), StandardCharsets.UTF_8)));
    }

    @DeleteMapping
    ApiResponse<Map<String, Integer>> clear(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(Map.of("deleted", inbox.clear(caller.workspaceId())), "Inbox cleared");
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static MimeMessage parse(CapturedMail mail) {
        try {
            return new MimeMessage(PARSING, new ByteArrayInputStream(mail.raw()));
        } catch (MessagingException e) {
            throw new IllegalStateException("Captured mail that cannot be parsed", e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The From header's address; the envelope sender for a message without one Jakarta Mail can read. */
    private static String from(MimeMessage message, CapturedMail mail) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
                return address.getAddress();
            }
        } catch (MessagingException unreadable) {
            // Shown by its envelope sender, as any message without a From.
        }
        return mail.envelopeFrom();
    }

    private static Map<String, List<String>> headers(MimeMessage message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        try {
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return headers;
    }

    /** The first text/plain and text/html parts, however deeply nested. */
    private static void collectBodies(Part part, Map<String, String> bodies) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collectBodies(child, bodies);
                }
            } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
                bodies.putIfAbsent(part.isMimeType("text/html") ? "text/html" : "text/plain", (String) part.getContent());
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Captured mail that cannot be read", e);
        }
    }
}
