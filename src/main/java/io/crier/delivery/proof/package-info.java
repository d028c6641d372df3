/** A campaign's preview and test sends, internal to the delivery module. */
package io.crier.delivery.proof;
