package io.crier.compat.blueshift;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sender of campaigns created through Blueshift's API whose trigger names none: Blueshift
 * takes it from the account's email adapter, which Crier does not have. Empty: the workspace's
 * default sender.
 */
@ConfigurationProperties("crier.blueshift")
record BlueshiftSettings(String fromAddress, String fromName) {
}
