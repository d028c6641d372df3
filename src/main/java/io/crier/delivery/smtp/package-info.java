/**
 * The SMTP client, the relays' settings and checks, and the relay pools with their routing rules,
 * internal to the delivery module.
 */
package io.crier.delivery.smtp;
