package io.crier.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import tools.jackson.databind.JsonNode;

/**
 * Mail as the capture server received it, read through the dev inbox API and parsed by Jakarta
 * Mail, byte for byte as it came over SMTP.
 */
public final class ReceivedMail {

    private static final Session PARSING = Session.getInstance(new Properties());
    private static final Pattern HTTP_LINK = Pattern.compile("<(https?://[^>]+)>");

    private ReceivedMail() {
    }

    /** The workspace's captured messages, keyed by their envelope recipient. */
    public static Map<String, MimeMessage> byRecipient(Caller caller) {
        Map<String, MimeMessage> messages = new LinkedHashMap<>();
        rawByRecipient(caller).forEach((recipient, raw) -> messages.put(recipient, parse(raw)));
        return messages;
    }

    /** The workspace's captured messages as they came over SMTP, keyed by their envelope recipient. */
    public static Map<String, String> rawByRecipient(Caller caller) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (JsonNode summary : caller.get("/v1/dev/inbox").expect(200).data().path("messages")) {
            String raw = caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data().path("raw")
                    .asString();
            messages.put(summary.path("to").get(0).asString(), raw);
        }
        return messages;
    }

    public static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(PARSING, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new AssertionError("Not a message: " + raw, e);
        }
    }

    /** The http(s) link of the message's List-Unsubscribe header. */
    public static String unsubscribeLink(MimeMessage message) {
        try {
            Matcher link = HTTP_LINK.matcher(message.getHeader("List-Unsubscribe", null));
            if (!link.find()) {
                throw new AssertionError("No http(s) link in List-Unsubscribe");
            }
            return link.group(1);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The path of a link, to call it on the server under test whatever host the link names. */
    public static String path(String link) {
        return URI.create(link).getRawPath();
    }

    /** A part of a multipart message. */
    public static BodyPart part(MimeMessage message, int index) {
        try {
            return ((Multipart) message.getContent()).getBodyPart(index);
        } catch (MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A part's decoded text. */
    public static String text(BodyPart part) {
        try {
            return (String) part.getContent();
        } catch (MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
