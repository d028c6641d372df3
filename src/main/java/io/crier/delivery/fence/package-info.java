/**
 * The gates every sender checks before MAIL FROM and the registry of live nodes a pause waits for,
 * internal to the delivery module.
 */
package io.crier.delivery.fence;
