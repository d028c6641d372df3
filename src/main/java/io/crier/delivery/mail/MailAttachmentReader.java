package io.crier.delivery.mail;

import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import io.crier.content.MailAttachment;
import io.crier.shared.FieldProblem;

import tools.jackson.databind.JsonNode;

/**
 * Reads a call's {@code attachments}: each {@code {filename, content, contentType}} (AutoSend's
 * names; {@code fileName} and {@code name}, {@code type} and {@code content_type} are accepted too),
 * {@code content} base64. Every problem is named by its path ({@code attachments[1].content}): bad
 * base64, a file or a total over {@code crier.mail.attachments.*}, a type that runs code.
 */
@Component
class MailAttachmentReader {

    @ConfigurationProperties("crier.mail.attachments")
    record Limits(@DefaultValue("10") int maxFiles, @DefaultValue("5MB") DataSize maxFileSize,
            @DefaultValue("10MB") DataSize maxTotalSize) {
    }

    /** File endings that run code when opened, refused as mail clients and relays commonly do. */
    private static final Set<String> FORBIDDEN_EXTENSIONS = Set.of("ade", "adp", "app", "bat", "chm", "cmd", "com",
            "cpl", "dll", "exe", "hta", "ins", "isp", "jar", "js", "jse", "lib", "lnk", "mde", "msc", "msi", "msp",
            "mst", "pif", "ps1", "reg", "scr", "sct", "shb", "shs", "sys", "vb", "vbe", "vbs", "vxd", "wsc", "wsf",
            "wsh");
    private static final Set<String> FORBIDDEN_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-ms-installer", "application/x-msi", "application/java-archive", "application/javascript",
            "text/javascript", "application/x-sh", "application/x-bat", "application/hta", "application/vnd.microsoft.portable-executable");
    private static final int MAX_FILENAME = 255;

    private final Limits limits;

    MailAttachmentReader(Limits limits) {
        this.limits = limits;
    }

    List<MailAttachment> read(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(new FieldProblem("attachments", "must be an array of {filename, content, contentType}"));
            return List.of();
        }
        if (value.size() > limits.maxFiles()) {
            problems.add(new FieldProblem("attachments", "may hold at most " + limits.maxFiles() + " files"));
            return List.of();
        }
        List<MailAttachment> attachments = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < value.size(); i++) {
            MailAttachment attachment = attachment(value.get(i), "attachments[" + i + "]", problems);
            if (attachment != null) {
                attachments.add(attachment);
                total += attachment.content().length;
            }
        }
        if (total > limits.maxTotalSize().toBytes()) {
            problems.add(new FieldProblem("attachments", "must be at most " + limits.maxTotalSize().toBytes()
                    + " bytes in all, decoded"));
        }
        return attachments;
    }

    private MailAttachment attachment(JsonNode node, String path, List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(path, "must be an object {filename, content, contentType}"));
            return null;
        }
        int before = problems.size();
        String filename = text(node, "filename", "fileName", "name");
        if (filename == null || filename.isBlank()) {
            problems.add(new FieldProblem(path + ".filename", "is required"));
        } else if (filename.length() > MAX_FILENAME || filename.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(new FieldProblem(path + ".filename", "must be 1 to " + MAX_FILENAME
                    + " characters, without control characters"));
        } else if (FORBIDDEN_EXTENSIONS.contains(extension(filename))) {
            problems.add(new FieldProblem(path + ".filename", "is a type that runs code when opened (."
                    + extension(filename) + "), which mail may not carry"));
        }
        String contentType = contentType(text(node, "contentType", "type", "content_type"), filename, path, problems);
        byte[] content = content(node.get("content"), path + ".content", problems);
        return problems.size() == before ? new MailAttachment(filename, contentType, content) : null;
    }

    /** The type given, else guessed from the name, else {@code application/octet-stream}. */
    private static String contentType(String given, String filename, String path, List<FieldProblem> problems) {
        String type = given;
        if (type == null || type.isBlank()) {
            type = filename == null ? null : URLConnection.guessContentTypeFromName(filename);
            return type == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : type;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(type);
            if (parsed.isWildcardType() || parsed.isWildcardSubtype() || type.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new InvalidMediaTypeException(type, "not one concrete type");
            }
            if (FORBIDDEN_TYPES.contains(parsed.getType() + "/" + parsed.getSubtype())) {
                problems.add(new FieldProblem(path + ".contentType", "is a type that runs code when opened, which"
                        + " mail may not carry"));
            }
            return parsed.toString();
        } catch (InvalidMediaTypeException e) {
            problems.add(new FieldProblem(path + ".contentType", "must be a media type such as application/pdf"));
            return null;
        }
    }

    private byte[] content(JsonNode value, String path, List<FieldProblem> problems) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            problems.add(new FieldProblem(path, "is required: the file's bytes, base64"));
            return null;
        }
        String base64 = value.asString().replaceAll("[\\r\\n ]", "");
        // A decoded size over the limit is refused before decoding.
        if (base64.length() / 4L * 3 > limits.maxFileSize().toBytes() + 3) {
            problems.add(new FieldProblem(path, "must be at most " + limits.maxFileSize().toBytes() + " bytes, decoded"));
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length > limits.maxFileSize().toBytes()) {
                problems.add(new FieldProblem(path, "must be at most " + limits.maxFileSize().toBytes()
                        + " bytes, decoded"));
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(path, "is not valid base64"));
            return null;
        }
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isString()) {
                return value.asString();
            }
        }
        return null;
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).trim().toLowerCase(Locale.ROOT);
    }
}
