package io.crier.content;

/** One recipient's message as text: what a preview shows. Absent parts are null. */
public record RenderedMessage(String subject, String previewText, String html, String text) {
}
