/**
 * The engine, internal to the delivery module: claiming due deliveries, sending them, recording
 * their outcomes and housekeeping, with the ledger's SQL, the engine's metrics and the control
 * watcher and pause fence that drive the gates.
 */
package io.crier.delivery.engine;
