/**
 * The built-in capture SMTP server and the dev inbox it fills, internal to the delivery module.
 */
package io.crier.delivery.capture;
