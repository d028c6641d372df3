/**
 * The delivery engine: the per-recipient ledger, the dispatcher that claims and sends, the SMTP
 * relays and connection pool, relay pools with their routing rules and limits held across nodes,
 * the pause/abort fence, and the built-in capture SMTP server. Offers {@link RelayPools} (the pools
 * a workspace may use). This package holds what other modules use and the module's configuration;
 * the rest sits in internal sub-packages by concern (engine, fence, smtp, capture, mail, proof, log).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package io.crier.delivery;
