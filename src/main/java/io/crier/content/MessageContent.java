package io.crier.content;

/** What a campaign's messages are made of, before personalization. Null parts are absent. */
public record MessageContent(String fromEmail, String fromName, String replyTo, String subject, String previewText,
        String html, String text) {
}
