/**
 * Who mail goes to: contacts, lists and their members, and bulk import. Other modules reach
 * lists through {@link io.crier.audience.AudienceLists}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audience")
package io.crier.audience;
