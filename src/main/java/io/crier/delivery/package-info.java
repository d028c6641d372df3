/**
 * The delivery engine: the per-recipient ledger, the dispatcher that claims and sends, the SMTP
 * relays and connection pool, the pause/abort fence, and the built-in capture SMTP server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package io.crier.delivery;
