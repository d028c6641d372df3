package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** Rendered messages, read back by Jakarta Mail as a mail client would. */
class MessageTemplateTest {

    private static final Session PARSING = Session.getInstance(new Properties());
    private static final Instant DATE = Instant.parse("2026-11-22T10:15:30Z");
    private static final String LINK = "https://mail.example.com/u/AbC-123_xyz";

    @Test
    void unicodeSubjectNamesAndBodiesAreEncodedAndReadBackExactly() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", "Équipe Crier 📨",
                null, "Grüße, {{ firstName }}! 你好", "Vorschau für {{ firstName }}",
                "<html><body><p>Hallo {{ firstName }} — ½ € ✓</p></body></html>", "Hallo {{ firstName }} — ½ € ✓"));

        MimeMessage message = parse(template.render(recipient("Zoë", "Ørsted"), "<id.0@example.com>", DATE, LINK));

        assertThat(message.getSubject()).isEqualTo("Grüße, Zoë! 你好");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Équipe Crier 📨");
        assertThat(((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Zoë Ørsted");
        assertThat(part(message, 0).getContent()).isEqualTo("Hallo Zoë — ½ € ✓");
        assertThat((String) part(message, 1).getContent()).contains("<p>Hallo Zoë — ½ € ✓</p>");
        assertThat(part(message, 1).getHeader("Content-Transfer-Encoding")[0]).isEqualTo("quoted-printable");
    }

    @Test
    void theMessageIsSevenBitWithLinesWithinTheLimits() {
        String longWord = "ü".repeat(3000);
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", "Crier", null,
                "Ein sehr langer Betreff für {{ firstName }} ".repeat(20), null, "<p>" + longWord + "</p>",
                null));

        byte[] raw = template.render(recipient("Zoë", null), "<id.0@example.com>", DATE, LINK);

        for (byte b : raw) {
            assertThat(b & 0xFF).as("every byte is 7-bit ASCII").isLessThan(128);
        }
        String[] lines = new String(raw, StandardCharsets.US_ASCII).split("\r\n");
        assertThat(Arrays.stream(lines).mapToInt(String::length).max().orElseThrow())
                .as("RFC 5322: at most 998, should be 78; quoted-printable keeps 76").isLessThanOrEqualTo(78);
        assertThat(new String(raw, StandardCharsets.US_ASCII).replace("\r\n", "")).doesNotContain("\n", "\r");
    }

    @Test
    void aMessageRenderedAfterALargerOneOnTheSameThreadHoldsNothingOfIt() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "Hello {{ firstName }}", null, "<p>Hi {{ firstName }}</p>", "Hi {{ firstName }}"));
        byte[][] alone = new byte[1][];
        Thread other = Thread.ofPlatform().start(
                () -> alone[0] = template.render(recipient("Ada", null), "<s.0@example.com>", DATE, LINK));
        other.join();

        template.render(recipient("Z".repeat(400_000), null), "<l.0@example.com>", DATE, LINK);
        byte[] after = template.render(recipient("Ada", null), "<s.0@example.com>", DATE, LINK);

        assertThat(after).isEqualTo(alone[0]);
    }

    @Test
    void eachMessageIsDatedWithTheSecondItIsRenderedIn() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "Hello", null, null, "Hi"));

        for (Instant date : new Instant[] {DATE, DATE.plusMillis(999), DATE.plusSeconds(1), DATE.minusSeconds(86_400)}) {
            assertThat(parse(template.render(recipient("Ada", null), "<d.0@example.com>", date)).getSentDate()
                    .toInstant()).isEqualTo(date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    @Test
    void headersCarryDateMessageIdAndOneClickUnsubscribe() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null,
                "replies@example.com", "Hello", null, "<p>Hi</p>", "Hi"));

        MimeMessage message = parse(template.render(recipient("Ada", null), "<abc.0@example.com>", DATE, LINK));

        assertThat(message.getHeader("Date")[0]).isEqualTo("Sun, 22 Nov 2026 10:15:30 +0000");
        assertThat(message.getSentDate().toInstant()).isEqualTo(DATE);
        assertThat(message.getMessageID()).isEqualTo("<abc.0@example.com>");
        assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                .isEqualTo("<" + LINK + ">, <mailto:replies@example.com?subject=unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("MIME-Version")).containsExactly("1.0");

        MimeMessage without = parse(template.render(recipient("Ada", null), "<abc.0@example.com>", DATE));
        assertThat(without.getHeader("List-Unsubscribe")).isNull();
        assertThat(without.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void aDeliveryThatNamesItsOwnUnsubscribeMailboxGetsItsMailtoTheTemplateKeepsTheSendersForOthers()
            throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null,
                "replies@example.com", "Hello", null, "<p>Hi</p>", "Hi"), Tracking.OFF, "c1:w1:campaign:crier");

        MimeMessage own = parse(template.render(recipient("Ada", null),
                new DeliveryHeaders("<t1@example.com>", "unsubscribe+0a1b@bounces.example.com", null), DATE, LINK, null));
        MimeMessage plain = parse(template.render(recipient("Ada", null), "<t2@example.com>", DATE, LINK));

        assertThat(own.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ")).isEqualTo("<" + LINK
                + ">, <mailto:unsubscribe+0a1b@bounces.example.com?subject=unsubscribe>");
        assertThat(own.getMessageID()).isEqualTo("<t1@example.com>");
        assertThat(plain.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                .isEqualTo("<" + LINK + ">, <mailto:replies@example.com?subject=unsubscribe>");
        assertThat(own.getHeader("Feedback-ID")).containsExactly("c1:w1:campaign:crier");
        assertThat(plain.getHeader("Feedback-ID")).containsExactly("c1:w1:campaign:crier");
        assertThat(parse(MessageTemplate.compile(new MessageContent("news@example.com", null, null, "Hello", null,
                null, "Hi")).render(recipient("Ada", null), "<t3@example.com>", DATE)).getHeader("Feedback-ID"))
                .isNull();
    }

    @Test
    void aDeliveryWithAReplyAddressOfItsOwnHasItAsItsOnlyReplyToAndTheMailtoStaysTheRealOne() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null,
                "desk@example.com", "Hello", null, null, "Hi"));

        MimeMessage own = parse(template.render(recipient("Ada", null),
                new DeliveryHeaders("<t4@example.com>", null, "reply+0a1b@replies.example.com"), DATE, LINK, null));
        MimeMessage plain = parse(template.render(recipient("Ada", null), "<t5@example.com>", DATE, LINK));

        assertThat(own.getHeader("Reply-To")).containsExactly("reply+0a1b@replies.example.com");
        assertThat(own.getHeader("List-Unsubscribe", null)).contains("<mailto:desk@example.com?subject=unsubscribe>");
        assertThat(plain.getHeader("Reply-To")).containsExactly("desk@example.com");
    }

    @Test
    void theUnsubscribeMailtoPercentEncodesWhatALocalPartMayHoldButAUriMayNot() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null,
                "stop?list=a&b#c/d%e@example.com", "Hello", null, null, "Hi"));

        MimeMessage message = parse(template.render(recipient("Ada", null), "<abc.1@example.com>", DATE, LINK));

        assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ")).isEqualTo("<" + LINK
                + ">, <mailto:stop%3Flist%3Da%26b%23c%2Fd%25e@example.com?subject=unsubscribe>");
    }

    @Test
    void htmlOnlyGetsAGeneratedTextPartAndThePreviewTextAsHiddenPreheader() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "News", "Three things for {{ firstName }} & co", """
                <!DOCTYPE html><html><head><title>T</title><style>p {color: red}</style></head>
                <BODY class="x"><h1>Hello {{ firstName }}</h1><p>Read <a href="https://example.com/a?b=1&amp;c=2">our
                news</a>.<br>Bye</p><ul><li>One</li><li>Two</li></ul>
                <p><a href="{{ unsubscribeURL }}">Unsubscribe</a></p></BODY></html>""", null));

        MimeMessage message = parse(template.render(recipient("Ada", null), "<id.0@example.com>", DATE, LINK));

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        BodyPart text = part(message, 0);
        BodyPart html = part(message, 1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("""
                Hello Ada

                Read our news (https://example.com/a?b=1&c=2).
                Bye

                - One
                - Two

                Unsubscribe (%s)
                """.formatted(LINK));
        String body = (String) html.getContent();
        assertThat(body).contains("<BODY class=\"x\"><div style=\"display:none;")
                .contains(">Three things for Ada &amp; co</div><h1>Hello Ada</h1>")
                .contains("<a href=\"" + LINK + "\">Unsubscribe</a>");
        assertThat((String) text.getContent()).doesNotContain("Three things");
    }

    @Test
    void valuesAreEscapedInHtmlRawInTextAndFallBackWhenEmpty() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "Hi {{ firstName | default(\"there\") }}, {{ plan | default(\"free\") }}", null,
                "<p>Hi {{ firstName | default(\"there\") }} from {{ company }}</p>",
                "Hi {{ firstName | default(\"there\") }} from {{ company }}, {{ customFields.company }}"));
        Recipient tricky = new Recipient("ada@example.com", "<b>Ada</b>", null, null,
                Map.of("company", "Smith & <Sons>", "plan", "pro"));
        Recipient blank = new Recipient("bob@example.com", " ", null, null, Map.of());

        MimeMessage first = parse(template.render(tricky, "<a.0@example.com>", DATE, LINK));
        MimeMessage second = parse(template.render(blank, "<b.0@example.com>", DATE, LINK));

        assertThat(first.getSubject()).isEqualTo("Hi <b>Ada</b>, pro");
        assertThat((String) part(first, 1).getContent())
                .contains("<p>Hi &lt;b&gt;Ada&lt;/b&gt; from Smith &amp; &lt;Sons&gt;</p>");
        assertThat(part(first, 0).getContent()).isEqualTo("Hi <b>Ada</b> from Smith & <Sons>, Smith & <Sons>");
        assertThat(second.getSubject()).isEqualTo("Hi there, free");
        assertThat(part(second, 0).getContent()).isEqualTo("Hi there from , ");
    }

    @Test
    void aLineBreakInAValueCannotAddAHeader() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "Hi {{ firstName }}", null, null, "Text"));

        MimeMessage message = parse(template.render(recipient("Ada\r\nBcc: victim@example.com", "X\nY"),
                "<a.0@example.com>", DATE, LINK));

        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("Hi Ada Bcc: victim@example.com");
        assertThat(message.isMimeType("text/plain")).isTrue();
    }

    @Test
    void personalizeGivesThePartsAsText() {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", null, null,
                "For {{ firstName }}", "Peek {{ lastName }}", "<p>{{ unsubscribeURL }}</p>", null));

        RenderedMessage rendered = template.personalize(recipient("Ada", "Lovelace"), LINK);

        assertThat(rendered.subject()).isEqualTo("For Ada");
        assertThat(rendered.previewText()).isEqualTo("Peek Lovelace");
        assertThat(rendered.html()).endsWith("<p>" + LINK + "</p>").contains(">Peek Lovelace</div>");
        assertThat(rendered.text()).isEqualTo(LINK + "\n");
    }

    @Test
    void aPlaceholderErrorNamesThePartAndLine() {
        assertThatThrownBy(() -> MessageTemplate.compile(new MessageContent("news@example.com", null, null, "Hi",
                null, "<p>one</p>\n<p>two {{ firstName </p>", null)))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> {
                    assertThat(problem.part()).isEqualTo("html");
                    assertThat(problem.getMessage()).contains("(line 2)");
                });
        assertThat(Placeholders.problems(Map.of("subject", "Hi {{ firstName | nosuchfilter }}")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("subject");
                    assertThat(problem.message()).startsWith("has a placeholder error: ").contains("line 1");
                });
    }

    private static Recipient recipient(String firstName, String lastName) {
        return new Recipient("reader@example.org", firstName, lastName, null, Map.of());
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(PARSING, new ByteArrayInputStream(raw));
    }

    private static BodyPart part(MimeMessage message, int index) throws Exception {
        return ((Multipart) message.getContent()).getBodyPart(index);
    }
}
