package io.crier.content;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.web.util.UriUtils;

/**
 * Writes a message's attachments as the parts after its body in {@code multipart/mixed}: each
 * base64 in lines of 76 characters, its name quoted where it is plain ASCII and in RFC 2231's
 * {@code filename*=UTF-8''…} form otherwise.
 */
final class AttachmentParts {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    private AttachmentParts() {
    }

    static void write(MessageBuffer out, String boundary, List<MailAttachment> attachments) {
        for (MailAttachment attachment : attachments) {
            out.append(ascii("--" + boundary + "\r\n"));
            String name = attachment.filename();
            out.append(ascii("Content-Type: " + attachment.contentType() + ";\r\n " + parameter("name", name) + "\r\n"));
            out.append(ascii("Content-Disposition: attachment;\r\n " + parameter("filename", name) + "\r\n"));
            out.append(ascii("Content-Transfer-Encoding: base64\r\n\r\n"));
            out.append(BASE64.encode(attachment.content()));
            out.append(ascii("\r\n"));
        }
        out.append(ascii("--" + boundary + "--\r\n"));
    }

    private static String parameter(String name, String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        return plain ? name + "=\"" + value + "\""
                : name + "*=UTF-8''" + UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
