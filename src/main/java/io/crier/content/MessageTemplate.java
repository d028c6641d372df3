package io.crier.content;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.jsoup.nodes.Entities;
import org.springframework.web.util.UriUtils;

import io.crier.shared.MailRuntime;

/**
 * A campaign's message compiled once: the placeholders parsed, the headers that are the same for
 * every recipient encoded, the MIME skeleton fixed. {@link #render} then writes one recipient's
 * message straight to bytes, which the SMTP client only streams: about three times as fast as
 * building and saving a MimeMessage per recipient, measured with Angus Mail on our 2-core machine.
 */
public final class MessageTemplate {

    static {
        MailRuntime.configure();
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");
    private static final byte[] CRLF = crlf("");
    private static final byte[] TEXT_PART_HEADERS = partHeaders("text/plain");
    private static final byte[] HTML_PART_HEADERS = partHeaders("text/html");
    /**
     * Each thread renders into one buffer, message after message (a sender's new 8 KB array for
     * each was a sixth of the engine's allocation); one a large message grew past this is let go.
     */
    private static final ThreadLocal<MessageBuffer> BUFFERS = ThreadLocal.withInitial(() -> new MessageBuffer(8192));
    private static final int LARGEST_BUFFER_KEPT = 256 * 1024;

    /** The Pebble variable the hidden preheader is rendered into, right after the body's start tag. */
    private static final String PREHEADER = "crier_preheader";
    /** Hidden in every common client; the text still shows as the inbox preview line. */
    private static final String PREHEADER_STYLE = "display:none;font-size:1px;line-height:1px;max-height:0;"
            + "max-width:0;opacity:0;overflow:hidden;mso-hide:all";

    private final Placeholders subject;
    private final Placeholders previewText;
    private final Placeholders html;
    private final Placeholders text;
    /** The template's Reply-To field (empty without one), left out where a delivery gives its own. */
    private final byte[] replyToHeader;
    private final byte[] commonHeaders;
    /** The {@code multipart/alternative} Content-Type of a message with HTML; empty for text alone. */
    private final byte[] alternativeHeader;
    private final String boundary;
    private final byte[] boundaryLine;
    private final byte[] closingBoundaryLine;
    private final String unsubscribeMailto;
    private final Tracking tracking;
    private final List<String> trackedLinks;
    /** The placeholder of each tracked link's redirect, by position, named once rather than per recipient. */
    private final String[] linkVariables;

    private MessageTemplate(Placeholders subject, Placeholders previewText, Placeholders html, Placeholders text,
            byte[] replyToHeader, byte[] commonHeaders, byte[] alternativeHeader, String boundary,
            String unsubscribeMailto, Tracking tracking, List<String> trackedLinks) {
        this.subject = subject;
        this.previewText = previewText;
        this.html = html;
        this.text = text;
        this.replyToHeader = replyToHeader;
        this.commonHeaders = commonHeaders;
        this.alternativeHeader = alternativeHeader;
        this.boundary = boundary;
        this.boundaryLine = crlf("--" + boundary);
        this.closingBoundaryLine = crlf("--" + boundary + "--");
        this.unsubscribeMailto = unsubscribeMailto;
        this.tracking = tracking;
        this.trackedLinks = trackedLinks;
        this.linkVariables = IntStream.range(0, trackedLinks.size())
                .mapToObj(link -> TrackedHtml.LINK_VARIABLE_PREFIX + link).toArray(String[]::new);
    }

    /**
     * What a failure to compile or render says, the part and the error (never the template's
     * source, see {@link TemplateProblem}); empty for a failure that is not the template's.
     */
    public static Optional<String> renderFailure(Throwable failure) {
        return failure instanceof TemplateProblem problem ? Optional.of(problem.part() + ": " + problem.getMessage())
                : Optional.empty();
    }

    /**
     * Throws {@link TemplateProblem} naming the part whose placeholders do not parse. A message with
     * HTML but no text gets a text part made from the HTML; the preview text goes into the HTML as a
     * hidden preheader.
     */
    public static MessageTemplate compile(MessageContent content) {
        return compile(content, Tracking.OFF);
    }

    /**
     * As {@link #compile(MessageContent)}, with the HTML part's links and opens tracked as asked:
     * see {@link TrackedHtml} for which links are. A message without HTML tracks nothing.
     */
    public static MessageTemplate compile(MessageContent content, Tracking tracking) {
        return compile(content, tracking, null);
    }

    /**
     * As {@link #compile(MessageContent, Tracking)}, with Gmail's {@code Feedback-ID} header of this
     * value in every message (null: none), which Gmail's feedback loop reports complaints by.
     */
    public static MessageTemplate compile(MessageContent content, Tracking tracking, String feedbackId) {
        return compile(content, tracking, feedbackId, Threading.NONE);
    }

    /**
     * As {@link #compile(MessageContent, Tracking, String)}, with the {@code In-Reply-To} and
     * {@code References} headers of a reply in every message.
     */
    public static MessageTemplate compile(MessageContent content, Tracking tracking, String feedbackId,
            Threading threading) {
        Placeholders subject = Placeholders.text("subject", nonNull(content.subject()));
        Placeholders previewText = hasText(content.previewText())
                ? Placeholders.text("previewText", content.previewText()) : null;
        TrackedHtml.Result tracked = hasText(content.html()) && tracking.any()
                ? TrackedHtml.of(content.html(), tracking) : new TrackedHtml.Result(content.html(), List.of());
        Placeholders html = hasText(content.html()) ? Placeholders.htmlBody("html",
                previewText == null ? tracked.html() : withPreheaderSlot(tracked.html())) : null;
        Placeholders text = hasText(content.text()) ? Placeholders.textBody("text", content.text())
                : html != null ? Placeholders.textBody("html", HtmlText.of(content.html())) : null;
        String boundary = "=_crier_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder headers = new StringBuilder(256);
        if (content.fromEmail() != null) {
            header(headers, "From", address(content.fromEmail(), content.fromName()));
        }
        if (feedbackId != null) {
            header(headers, "Feedback-ID", singleLine(feedbackId));
        }
        if (threading.inReplyTo() != null) {
            header(headers, "In-Reply-To", threading.inReplyTo());
        }
        if (threading.references() != null) {
            header(headers, "References", MimeUtility.fold("References: ".length(), threading.references()));
        }
        header(headers, "MIME-Version", "1.0");
        StringBuilder alternative = new StringBuilder();
        if (html != null) {
            header(alternative, "Content-Type", "multipart/alternative;\r\n boundary=\"" + boundary + "\"");
        }
        // Unless the delivery names a mailbox of Crier's (DeliveryHeaders), a mailto unsubscribe
        // reaches the sender, who adds it to the suppression list.
        String mailbox = content.replyTo() != null ? content.replyTo() : content.fromEmail();
        StringBuilder replyTo = new StringBuilder();
        if (content.replyTo() != null) {
            header(replyTo, "Reply-To", address(content.replyTo(), null));
        }
        return new MessageTemplate(subject, previewText, html, text,
                replyTo.toString().getBytes(StandardCharsets.US_ASCII),
                headers.toString().getBytes(StandardCharsets.US_ASCII),
                alternative.toString().getBytes(StandardCharsets.US_ASCII), boundary,
                mailbox == null ? null : unsubscribeMailto(mailto(mailbox)),
                html == null ? Tracking.OFF : tracking, tracked.links());
    }

    /**
     * Where a tracked link leads this recipient: the link as written with its placeholders
     * rendered, each value percent-encoded where it could end or change the address, within the
     * small {@link RenderLimits#LINK} budget, since anyone with the link can have it rendered.
     * Throws {@link TemplateProblem} when its placeholders fail for this recipient.
     */
    public static String linkFor(String link, Recipient recipient) {
        if (!link.contains("{")) {
            return link;
        }
        return Placeholders.link("link", link).render(Placeholders.values(recipient, null),
                RenderBudget.start(RenderLimits.LINK));
    }

    /**
     * Whether Crier tracks a link as written (see {@link TrackedHtml}): never one with a
     * placeholder before its path, where the recipient's data would choose the host it leads to.
     */
    public static boolean tracks(String link) {
        return TrackedHtml.tracked(link);
    }

    /** What this template tracks. */
    public Tracking tracking() {
        return tracking;
    }

    /**
     * Each link whose clicks are tracked as written (placeholders kept; see {@link #linkFor}), by
     * position (see {@link TrackingUrls#click}).
     */
    public List<String> trackedLinks() {
        return trackedLinks;
    }

    /** One recipient's complete message without an unsubscribe link, CRLF line ends, ready for DATA. */
    public byte[] render(Recipient recipient, String messageId, Instant date) {
        return render(recipient, messageId, date, null);
    }

    /**
     * One recipient's complete message, CRLF line ends, ready for DATA. With an
     * {@code unsubscribeUrl}, {@code {{ unsubscribeURL }}} is that link and the message carries
     * {@code List-Unsubscribe} (the link and a mailto to the sender) and RFC 8058's
     * {@code List-Unsubscribe-Post}.
     */
    public byte[] render(Recipient recipient, String messageId, Instant date, String unsubscribeUrl) {
        return render(recipient, DeliveryHeaders.of(messageId), date, unsubscribeUrl, null);
    }

    /**
     * As {@link #render(Recipient, String, Instant, String)}, with the delivery's own headers, and
     * the recipient's open pixel and click redirects where the template tracks them;
     * {@code trackingUrls} may be null when it tracks nothing.
     */
    public byte[] render(Recipient recipient, DeliveryHeaders delivery, Instant date, String unsubscribeUrl,
            TrackingUrls trackingUrls) {
        return render(recipient, delivery, date, unsubscribeUrl, trackingUrls, MessageExtras.NONE);
    }

    /**
     * As {@link #render(Recipient, DeliveryHeaders, Instant, String, TrackingUrls)}, with a
     * transactional message's own To and Cc and its attachments, after the body in
     * {@code multipart/mixed}.
     */
    public byte[] render(Recipient recipient, DeliveryHeaders delivery, Instant date, String unsubscribeUrl,
            TrackingUrls trackingUrls, MessageExtras extras) {
        RenderBudget budget = RenderBudget.start(RenderLimits.MESSAGE);
        Map<String, Object> values = values(recipient, unsubscribeUrl, trackingUrls);
        previewText(values, budget);
        MessageBuffer out = BUFFERS.get();
        out.clear();
        StringBuilder headers = new StringBuilder(512);
        header(headers, "Date", MailDates.format(date));
        header(headers, "Message-ID", delivery.messageId());
        if (extras.to().isEmpty()) {
            header(headers, "To", address(recipient.email(), displayName(recipient)));
        } else {
            header(headers, "To", addresses(extras.to()));
        }
        if (!extras.cc().isEmpty()) {
            header(headers, "Cc", addresses(extras.cc()));
        }
        header(headers, "Subject", encodeText(subject(values, budget)));
        if (unsubscribeUrl != null) {
            // Crier's own addresses (hex, '+' and '-') need no percent-encoding in a mailto URI.
            String mailto = delivery.unsubscribeMailbox() != null
                    ? unsubscribeMailto("mailto:" + delivery.unsubscribeMailbox()) : unsubscribeMailto;
            header(headers, "List-Unsubscribe", "<" + unsubscribeUrl + ">"
                    + (mailto == null ? "" : ",\r\n <" + mailto + ">"));
            header(headers, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (delivery.replyTo() != null) {
            header(headers, "Reply-To", delivery.replyTo());
        }
        out.append(headers.toString().getBytes(StandardCharsets.US_ASCII));
        if (delivery.replyTo() == null) {
            out.append(replyToHeader);
        }
        out.append(commonHeaders);
        if (extras.attachments().isEmpty()) {
            writeBody(out, values, budget);
        } else {
            String mixed = boundary + "_mixed";
            out.append(crlf("Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\""));
            out.append(CRLF);
            out.append(crlf("--" + mixed));
            writeBody(out, values, budget);
            AttachmentParts.write(out, mixed, extras.attachments());
        }
        byte[] message = out.toByteArray();
        if (out.capacity() > LARGEST_BUFFER_KEPT) {
            BUFFERS.remove();
        }
        return message;
    }

    /**
     * The text, or text and HTML as {@code multipart/alternative}, with their Content-Type, each
     * part rendered straight into quoted-printable.
     */
    private void writeBody(MessageBuffer out, Map<String, Object> values, RenderBudget budget) {
        if (html != null) {
            out.append(alternativeHeader);
            out.append(CRLF);
            out.append(boundaryLine);
            writePart(out, TEXT_PART_HEADERS, text, values, budget);
            out.append(boundaryLine);
            writePart(out, HTML_PART_HEADERS, html, values, budget);
            out.append(closingBoundaryLine);
        } else {
            writePart(out, TEXT_PART_HEADERS, text, values, budget);
        }
    }

    private static void writePart(MessageBuffer out, byte[] partHeaders, Placeholders body, Map<String, Object> values,
            RenderBudget budget) {
        out.append(partHeaders);
        if (body != null) {
            body.renderQuotedPrintable(values, budget, out);
        }
        out.append(CRLF);
    }

    /** The recipient's subject, preview text, HTML (with its preheader) and text, as strings. */
    public RenderedMessage personalize(Recipient recipient, String unsubscribeUrl) {
        return personalize(recipient, unsubscribeUrl, null);
    }

    /** Every part within one {@link RenderLimits#MESSAGE} budget; throws {@link TemplateProblem} when one fails. */
    RenderedMessage personalize(Recipient recipient, String unsubscribeUrl, TrackingUrls trackingUrls) {
        RenderBudget budget = RenderBudget.start(RenderLimits.MESSAGE);
        Map<String, Object> values = values(recipient, unsubscribeUrl, trackingUrls);
        String preview = previewText(values, budget);
        return new RenderedMessage(subject(values, budget), preview,
                html == null ? null : html.render(values, budget), text == null ? null : text.render(values, budget));
    }

    /** What the placeholders can name for this recipient, the tracking addresses included. */
    private Map<String, Object> values(Recipient recipient, String unsubscribeUrl, TrackingUrls trackingUrls) {
        Map<String, Object> values = Placeholders.values(recipient, unsubscribeUrl);
        if (tracking.any()) {
            Objects.requireNonNull(trackingUrls, "a tracking template renders with its recipient's tracking URLs");
        }
        if (tracking.opens()) {
            values.put(TrackedHtml.OPEN_VARIABLE, trackingUrls.open());
        }
        for (int link = 0; link < linkVariables.length; link++) {
            values.put(linkVariables[link], trackingUrls.click(link));
        }
        return values;
    }

    /** The preview text on one line (null without one), put into {@code values} as the HTML's preheader. */
    private String previewText(Map<String, Object> values, RenderBudget budget) {
        String preview = previewText == null ? null : singleLine(previewText.render(values, budget));
        if (preview != null) {
            values.put(PREHEADER, "<div style=\"" + PREHEADER_STYLE + "\">" + Entities.escape(preview) + "</div>");
        }
        return preview;
    }

    private String subject(Map<String, Object> values, RenderBudget budget) {
        return singleLine(subject.render(values, budget));
    }

    /**
     * The HTML with a placeholder for the preheader right after the body's start tag (at the very
     * start without one). It goes in once, here, so rendering a recipient stays a substitution.
     */
    private static String withPreheaderSlot(String html) {
        String slot = "{{ " + PREHEADER + " | raw }}";
        int body = html.toLowerCase(Locale.ROOT).indexOf("<body");
        int afterTag = body < 0 ? -1 : html.indexOf('>', body);
        return afterTag < 0 ? slot + html : html.substring(0, afterTag + 1) + slot + html.substring(afterTag + 1);
    }

    /** First and last name, on one line: a line break in a name must not start a header of its own. */
    private static String displayName(Recipient recipient) {
        if (recipient.name() != null && !recipient.name().isBlank()) {
            return recipient.name();
        }
        String name = singleLine(nonNull(recipient.firstName()) + " " + nonNull(recipient.lastName())).trim();
        return name.isEmpty() ? null : name;
    }

    /**
     * A mailto URI (RFC 6068) of the address: a local part may hold {@code ? # % /} and others
     * that would end or change the URI, so it is percent-encoded.
     */
    private static String mailto(String address) {
        int at = address.lastIndexOf('@');
        String localPart = at < 0 ? address : address.substring(0, at);
        return "mailto:" + UriUtils.encode(localPart, StandardCharsets.UTF_8) + address.substring(localPart.length());
    }

    private static String unsubscribeMailto(String mailto) {
        return mailto + "?subject=unsubscribe";
    }

    /** The address, with its display name as RFC 2047 encoded words where it is not plain ASCII. */
    private static String address(String email, String name) {
        try {
            return name == null || name.isBlank() ? email
                    : MimeUtility.fold("Reply-To: ".length(), new InternetAddress(email, name, "UTF-8").toString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** Addresses for To or Cc, comma-separated and folded. */
    private static String addresses(List<MessageExtras.Address> list) {
        return String.join(",\r\n ", list.stream().map(a -> address(a.email(), a.name())).toList());
    }

    /** RFC 2047 encoded words for anything beyond printable ASCII; folded to keep lines short. */
    private static String encodeText(String value) {
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(value, "UTF-8", null));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static void header(StringBuilder headers, String name, String value) {
        headers.append(name).append(": ").append(value).append("\r\n");
    }

    private static byte[] partHeaders(String mimeType) {
        return crlf("Content-Type: " + mimeType + "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n");
    }

    private static byte[] crlf(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String singleLine(String value) {
        return LINE_BREAKS.matcher(value).replaceAll(" ");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
