/** A campaign's per-recipient delivery log, internal to the delivery module. */
package io.crier.delivery.log;
