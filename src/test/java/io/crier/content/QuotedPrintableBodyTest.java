package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.util.QPDecoderStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message bodies rendered straight into quoted-printable, their static text encoded once per
 * template: for random templates and values (non-ASCII, long lines, "=", white space before line
 * breaks, dots at line starts, a CR or LF alone, on either side of a placeholder), each part of
 * the message as Jakarta Mail parses it decodes to exactly the text the same template renders
 * for the same recipient ({@link MessageTemplate#personalize}), in valid lines, byte for byte as
 * if the whole text had been encoded at once.
 */
class QuotedPrintableBodyTest {

    private static final Session PARSING = Session.getInstance(new Properties());
    private static final Instant DATE = Instant.parse("2026-12-06T22:00:00Z");
    private static final String LINK = "https://mail.example.com/u/AbC-123_xyz";
    /** Static text and values are made of these (no braces: they would be placeholders). */
    private static final String[] PIECES = {"a", "Z", " ", "\t", "=", ".", "\r", "\n", "\r\n", "\n.", "é", "€", "📨",
        "x".repeat(80), "y".repeat(200), "<p>", "&", " \r\n", "\t\n", "=3D", "\r\r"};
    private static final List<String> PLACEHOLDERS = List.of("{{ v0 }}", "{{ v1 }}", "{{ v2 | default(\"fallback \") }}",
            "{% if flag %}{{ v0 }}\n{% else %} {% endif %}", "{% for item in items %}{{ item }}={% endfor %}",
            "{{ firstName }}", "{{ unsubscribeURL }}");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyPartDecodesToWhatTheTemplateRenders(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", "Crier", null,
                    "Hello {{ firstName }}", random.nextBoolean() ? "Preview {{ v0 }}" : null,
                    "<html><body>" + template(random), random.nextInt(4) == 0 ? null : "Text " + template(random)));
            for (int recipient = 0; recipient < 5; recipient++) {
                Recipient reader = new Recipient("reader@example.org", text(random), null, null, Map.of("v0",
                        text(random), "v1", text(random), "v2", random.nextBoolean() ? text(random) : "",
                        "flag", random.nextBoolean(), "items", List.of(text(random), text(random))));
                RenderedMessage expected = template.personalize(reader, LINK);
                MimeMessage message = new MimeMessage(PARSING, new ByteArrayInputStream(
                        template.render(reader, "<id." + round + "@example.com>", DATE, LINK)));

                Multipart parts = (Multipart) message.getContent();
                assertThat(parts.getCount()).isEqualTo(2);
                assertPart((MimeBodyPart) parts.getBodyPart(0), "text/plain", expected.text());
                assertPart((MimeBodyPart) parts.getBodyPart(1), "text/html", expected.html());
            }
        }
    }

    private static void assertPart(MimeBodyPart part, String type, String rendered) throws Exception {
        assertThat(part.getContentType()).startsWith(type).contains("UTF-8");
        assertThat(part.getEncoding()).isEqualTo("quoted-printable");
        byte[] raw;
        try (InputStream in = part.getRawInputStream()) {
            raw = in.readAllBytes();
        }
        QuotedPrintableTest.assertValidLines(raw);
        try (var decoder = new QPDecoderStream(new ByteArrayInputStream(raw))) {
            assertThat(new String(decoder.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(QuotedPrintableTest.withCrlfBreaks(rendered), StandardCharsets.UTF_8));
        }
        MessageBuffer whole = new MessageBuffer(0);
        QuotedPrintable encoder = new QuotedPrintable(whole, Map.of());
        encoder.write(rendered, 0, rendered.length());
        encoder.finish();
        assertThat(new String(raw, StandardCharsets.US_ASCII))
                .isEqualTo(new String(whole.toByteArray(), StandardCharsets.US_ASCII));
    }

    /** Static text and placeholders, in random order. */
    private static String template(Random random) {
        StringBuilder template = new StringBuilder();
        for (int n = random.nextInt(10); n >= 0; n--) {
            template.append(random.nextBoolean() ? PLACEHOLDERS.get(random.nextInt(PLACEHOLDERS.size())) : text(random));
        }
        return template.toString();
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n >= 0; n--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
