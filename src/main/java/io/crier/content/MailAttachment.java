package io.crier.content;

/**
 * A file sent with a message as a MIME part of its own: its name as the recipient sees it, its
 * media type ({@code application/pdf}) and its bytes, already checked by whoever accepted it.
 */
public record MailAttachment(String filename, String contentType, byte[] content) {
}
