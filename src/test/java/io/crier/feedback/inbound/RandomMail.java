package io.crier.feedback.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import io.crier.delivery.DeliveryReferences;

/**
 * Hostile inbound mail from a seeded generator: random MIME trees (nested multiparts, reports,
 * attached messages, broken boundaries and encodings), truncated reports, huge headers and the
 * real-world samples cut short. The same seed makes the same message.
 */
final class RandomMail {

    private static final List<String> SAMPLES = List.of("rfc3464-hard", "rfc3464-soft", "rfc3464-delayed", "exim",
            "qmail", "exchange", "gmail", "arf", "ooto-rfc3834", "ooto-subject", "reply", "reply-outlook",
            "unsubscribe", "read-receipt", "unrelated");
    private static final List<String> SUBJECTS = List.of("Undelivered Mail Returned to Sender", "failure notice",
            "Out of Office", "Re: hello", "Delivery Status Notification (Delay)", "=?utf-8?B?w7bDpMO8?=",
            "=?bogus?Q?=ZZ?=", "", "Undeliverable: \u0000\u00ff");
    private static final List<String> FROMS = List.of("MAILER-DAEMON@mx.example", "postmaster@mx.example",
            "<>", "\"Unclosed <a@b", "person@example.org", "");
    private static final List<String> LEAF_TYPES = List.of("text/plain", "text/html", "message/delivery-status",
            "message/feedback-report", "text/rfc822-headers", "application/octet-stream",
            "message/global-delivery-status", "text/plain; charset=x-unknown", "message/disposition-notification");
    private static final List<String> MULTIPART_TYPES = List.of("mixed", "alternative",
            "report; report-type=delivery-status", "report; report-type=feedback-report", "report", "related");

    private final long seed;
    private final Random random;
    private final DeliveryReferences references;

    RandomMail(long seed, DeliveryReferences references) {
        this.seed = seed;
        this.random = new Random(seed);
        this.references = references;
    }

    byte[] next(long deliveryId) {
        String message = switch (random.nextInt(4)) {
            case 0 -> truncated(SampleMail.of(SAMPLES.get(random.nextInt(SAMPLES.size())), deliveryId, references).text());
            case 1 -> hugeHeaders() + tree(0);
            default -> headers(deliveryId) + tree(0);
        };
        // A Message-ID of its own first: the queue takes a message once, and the samples share theirs.
        return ("Message-ID: <" + seed + "." + deliveryId + "@fuzz.example>\r\n" + message)
                .getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private String headers(long deliveryId) {
        StringBuilder headers = new StringBuilder();
        if (random.nextInt(4) > 0) {
            headers.append("Message-ID: <").append(random.nextLong()).append("@fuzz.example>\r\n");
        }
        headers.append("From: ").append(pick(FROMS)).append("\r\n");
        headers.append("Subject: ").append(pick(SUBJECTS)).append("\r\n");
        if (random.nextBoolean()) {
            headers.append("Auto-Submitted: ").append(random.nextBoolean() ? "auto-replied" : "no").append("\r\n");
        }
        if (random.nextBoolean()) {
            headers.append("In-Reply-To: ").append(random.nextBoolean() ? references.messageId(deliveryId, "fuzz.example")
                    : "<" + "x".repeat(random.nextInt(600)) + "@y>").append("\r\n");
        }
        headers.append("MIME-Version: 1.0\r\n");
        return headers.toString();
    }

    private String hugeHeaders() {
        StringBuilder headers = new StringBuilder("Message-ID: <" + random.nextLong() + "@fuzz.example>\r\n");
        if (random.nextBoolean()) {
            headers.append("Subject: ").append("A".repeat(100_000 + random.nextInt(900_000))).append("\r\n");
        } else {
            for (int i = 0, count = 1_000 + random.nextInt(9_000); i < count; i++) {
                headers.append("X-Fuzz-").append(i).append(": ").append("v".repeat(random.nextInt(80))).append("\r\n");
            }
        }
        if (random.nextBoolean()) {
            headers.append("References:");
            for (int i = 0, count = random.nextInt(5_000); i < count; i++) {
                headers.append(" <").append(i).append("@r.example>\r\n");
            }
            headers.append(" <last@r.example>\r\n");
        }
        return headers.toString();
    }

    /** A part's header (Content-Type, maybe a transfer encoding) and body, with a blank line between. */
    private String tree(int depth) {
        if (depth < 6 && random.nextInt(3) == 0) {
            String boundary = "b" + random.nextInt(1_000_000);
            StringBuilder part = new StringBuilder("Content-Type: multipart/" + pick(MULTIPART_TYPES)
                    + (random.nextInt(8) == 0 ? "" : "; boundary=\"" + boundary + "\"") + "\r\n\r\npreamble\r\n");
            for (int i = 0, count = random.nextInt(5); i < count; i++) {
                part.append("--").append(random.nextInt(10) == 0 ? "wrong" : boundary).append("\r\n").append(tree(depth + 1))
                        .append("\r\n");
            }
            if (random.nextInt(4) > 0) {
                part.append("--").append(boundary).append("--\r\n");
            }
            return part.toString();
        }
        if (depth < 6 && random.nextInt(5) == 0) {
            return "Content-Type: message/rfc822\r\n\r\n" + headers(random.nextLong()) + tree(depth + 1);
        }
        String type = pick(LEAF_TYPES);
        String body = type.startsWith("message/") || type.startsWith("text/rfc822") ? reportFields() : text();
        return switch (random.nextInt(4)) {
            case 0 -> "Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + (random.nextBoolean() ? Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                    : "!!not base64 at all==\r\n" + body);
            case 1 -> "Content-Type: " + type + "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + body
                    + "=\r\n=Z9=";
            default -> "Content-Type: " + type + "\r\n\r\n" + body;
        };
    }

    private String reportFields() {
        StringBuilder fields = new StringBuilder("Reporting-MTA: dns; fuzz.example\r\n\r\n");
        List<String> names = List.of("Final-Recipient", "Original-Recipient", "Action", "Status", "Diagnostic-Code",
                "Feedback-Type", "Original-Rcpt-To", "Message-ID", "To");
        List<String> values = List.of("rfc822; someone@example.org", "failed", "delayed", "5.1.1", "4.2.2", "9.9.9",
                "smtp; 550 " + "x".repeat(random.nextInt(5_000)), "rfc822;", ";;;", "abuse", "<a@b>", "\u00e9\u0000",
                "<" + "@".repeat(300) + ">");
        for (int i = 0, count = random.nextInt(12); i < count; i++) {
            fields.append(pick(names)).append(": ").append(pick(values)).append("\r\n");
            if (random.nextInt(5) == 0) {
                fields.append("\r\n");
            }
        }
        return truncated(fields.toString());
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0, count = random.nextInt(400); i < count; i++) {
            text.append(random.nextInt(20) == 0 ? "\r\n" : String.valueOf((char) (random.nextInt(20) == 0
                    ? random.nextInt(0x3000) : 'a' + random.nextInt(26))));
        }
        return text.toString();
    }

    private String truncated(String text) {
        return random.nextInt(3) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
