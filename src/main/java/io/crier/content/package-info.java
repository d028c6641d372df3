/**
 * What mail says: templates now; rendering and open and click tracking later. Other modules reach
 * templates through {@link io.crier.content.Templates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Content")
package io.crier.content;
