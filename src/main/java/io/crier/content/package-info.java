/**
 * What mail says: templates, and rendering one message per recipient from a campaign's content
 * compiled once ({@link io.crier.content.MessageTemplate}); open and click tracking later. Other
 * modules reach templates through {@link io.crier.content.Templates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Content")
package io.crier.content;
